import { monthRange, parseMonth } from '../../../core/domain/calendar';
import { type RatingCounts, summariseRatings } from '../../../core/tickets/desk-ratings';
import type { AuditRepository } from '../audit/audit.repo';
import type { SessionUser } from '../auth/session-user';
import type { DeskRatingRow, DeskRatingsRepository } from './desks.repo';
import type { DeskRatings } from './desks.schemas';
import type { DesksService } from './desks.service';

const NO_RATINGS: RatingCounts = { verySatisfied: 0, satisfied: 0, notSatisfied: 0 };
const FIELD = { 1: 'verySatisfied', 2: 'satisfied', 3: 'notSatisfied' } as const;

function countsOf(rows: DeskRatingRow[]): RatingCounts {
  const counts = { ...NO_RATINGS };
  for (const row of rows) counts[FIELD[row.rating]] += row.count;
  return counts;
}

/** A unit's ratings per desk for a month, and the share of each desk's visitors who rated. */
export class DeskRatingsService {
  constructor(
    private readonly repo: DeskRatingsRepository,
    private readonly desks: DesksService,
    private readonly audit: AuditRepository,
    private readonly timeZone: string,
  ) {}

  async ofUnit(user: SessionUser, unitId: number, month: string): Promise<DeskRatings> {
    const desks = await this.desks.ofUnit(user, unitId);
    const period = parseMonth(month);
    if (!period) throw new Error(`month ${month} passed validation but does not parse`);
    const rows = await this.repo.ratings(unitId, monthRange(period, this.timeZone));
    const visitors = await this.repo.visitors(unitId, month);
    const recorded = [...visitors.values()];
    return {
      unitId,
      month,
      desks: desks.map((desk) => ({
        deskId: desk.id,
        name: desk.name,
        active: desk.active,
        ...summariseRatings(
          countsOf(rows.filter((row) => row.deskId === desk.id)),
          visitors.get(desk.id) ?? null,
        ),
      })),
      unitQr: summariseRatings(countsOf(rows.filter((row) => row.deskId === null)), null),
      total: summariseRatings(
        countsOf(rows),
        recorded.length > 0 ? recorded.reduce((a, b) => a + b, 0) : null,
      ),
    };
  }

  async setVisitors(user: SessionUser, deskId: number, month: string, visitors: number, ip: string | null) {
    const desk = await this.desks.visible(user, deskId);
    await this.repo.setVisitors(deskId, month, visitors);
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
