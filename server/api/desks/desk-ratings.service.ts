import { monthRange, parseMonth } from '../../../core/domain/calendar';
import { summariseRatings } from '../../../core/tickets/desk-ratings';
import type { RatingsTableRepository } from '../../../core/tickets/ratings-table.repo';
import type { AuditRepository } from '../audit/audit.repo';
import type { SessionUser } from '../auth/session-user';
import type { DeskVisitorsRepository } from './desks.repo';
import type { DeskRatings } from './desks.schemas';
import type { DesksService } from './desks.service';

const NOT_RATED = summariseRatings({ verySatisfied: 0, satisfied: 0, notSatisfied: 0 }, null);

/**
 * A unit's ratings per desk for a month, and the share of each desk's visitors who rated: the same
 * aggregate the dashboard and the monthly report read (core/tickets/ratings-table.repo.ts).
 */
export class DeskRatingsService {
  constructor(
    private readonly visitors: DeskVisitorsRepository,
    private readonly ratings: RatingsTableRepository,
    private readonly desks: DesksService,
    private readonly audit: AuditRepository,
    private readonly timeZone: string,
  ) {}

  async ofUnit(user: SessionUser, unitId: number, month: string): Promise<DeskRatings> {
    const desks = await this.desks.ofUnit(user, unitId);
    const period = parseMonth(month);
    if (!period) throw new Error(`month ${month} passed validation but does not parse`);
    const table = await this.ratings.build({
      range: monthRange(period, this.timeZone),
      unitIds: [unitId],
      timeZone: this.timeZone,
    });
    const unit = table.units[0];
    return {
      unitId,
      month,
      desks: desks.map((desk) => ({
        ...(unit?.desks.find((rated) => rated.deskId === desk.id) ?? NOT_RATED),
        deskId: desk.id,
        name: desk.name,
        active: desk.active,
      })),
      unitQr: unit?.bySource['unit-qr'] ?? NOT_RATED,
      total: unit?.total ?? NOT_RATED,
    };
  }

  async setVisitors(user: SessionUser, deskId: number, month: string, visitors: number, ip: string | null) {
    const desk = await this.desks.visible(user, deskId);
    await this.visitors.setVisitors(deskId, month, visitors);
    await this.audit.record({
      userId: user.id,
      action: 'desk.visitors',
      entity: 'desk',
      entityId: deskId,
      details: { month, visitors },
      ip,
    });
    return this.ofUnit(user, desk.unitId, month);
  }
}
