import type { HotlineNumber } from '../../../core/units/directory';
import type { SessionUser } from '../auth/session-user';
import type { DesksService } from '../desks/desks.service';
import type { UnitsService } from '../units/units.service';
import { type PosterContent, type PosterSubject, posterContent } from './poster.content';

/** What a unit's or a desk's poster says, for a user who may see that unit. */
export class PostersService {
  constructor(
    private readonly units: UnitsService,
    private readonly desks: DesksService,
    private readonly hotline: () => Promise<HotlineNumber | null>,
  ) {}

  async ofUnit(user: SessionUser, unitId: number, publicUrl: string): Promise<PosterContent> {
    const unit = await this.units.visible(user, unitId);
    return this.contentOf({ unit, desk: null }, publicUrl);
  }

  async ofDesk(user: SessionUser, deskId: number, publicUrl: string): Promise<PosterContent> {
    const desk = await this.desks.visible(user, deskId);
    const unit = await this.units.visible(user, desk.unitId);
    return this.contentOf({ unit, desk }, publicUrl);
  }

  private async contentOf(subject: PosterSubject, publicUrl: string): Promise<PosterContent> {
    return posterContent(subject, await this.hotline(), publicUrl);
  }
}
