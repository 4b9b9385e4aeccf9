import { NotFoundError } from '../../../core/errors';
import type { HotlineNumber } from '../../../core/units/directory';
import type { SessionUser } from '../auth/session-user';
import type { DesksService } from '../desks/desks.service';
import type { ProceduresService } from '../procedures/procedures.service';
import type { UnitsService } from '../units/units.service';
import {
  type PosterContent,
  type PosterSubject,
  posterContent,
  procedurePosterContent,
} from './poster.content';

/** What a unit's, a desk's or a procedure's poster says, for a user who may see that unit. */
export class PostersService {
  constructor(
    private readonly units: UnitsService,
    private readonly desks: DesksService,
    private readonly procedures: ProceduresService,
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

  /** A procedure's poster; an inactive procedure has no page for its QR to open, so it has none. */
  async ofProcedure(user: SessionUser, procedureId: number, publicUrl: string): Promise<PosterContent> {
    const procedure = await this.procedures.get(procedureId);
    if (!procedure.active) throw new NotFoundError('procedure', procedureId);
    const unit = procedure.unitId === null ? null : await this.units.visible(user, procedure.unitId);
    return procedurePosterContent(
      { code: procedure.code, name: procedure.name, unitName: unit?.name ?? null },
      await this.hotline(),
      publicUrl,
    );
  }

  private async contentOf(subject: PosterSubject, publicUrl: string): Promise<PosterContent> {
    return posterContent(subject, await this.hotline(), publicUrl);
  }
}
