import type { Knex } from 'knex';
import { INSTALLED_AT_KEY } from '../db/installation';
import { phoneForDisplay } from '../domain/phone';
import { callerAsSeen, mailSight } from '../tickets/confidentiality';
import { RatingsTableRepository } from '../tickets/ratings-table.repo';
import type { ServiceStart } from './digest.period';
import { CALLBACKS_SQL, CATEGORIES_SQL, DAYS_SQL, OVERDUE_SQL, TOTALS_SQL, UNITS_SQL } from './digest.sql';
import type {
  CallbackWaiting,
  CategoryCount,
  DailyCount,
  DigestPeriod,
  DigestReport,
  OverdueByUnit,
  PeriodTotals,
  UnitFigures,
} from './digest.types';

const TOP_CATEGORIES = 8;
const CALLBACKS_LISTED = 20;
const DEFAULT_HOTLINE_NAME = 'Đường dây nóng';

type Row = Record<string, unknown>;

const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));
const numOrNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);

function totalsOf(row: Row | undefined): PeriodTotals {
  return {
    calls: num(row?.calls),
    answered: num(row?.answered),
    missed: num(row?.missed),
    voicemails: num(row?.voicemails),
    abandoned: num(row?.abandoned),
    medianWaitSeconds: numOrNull(row?.median_wait),
    ratings: num(row?.ratings),
    notSatisfied: num(row?.not_satisfied),
  };
}

function unitOf(row: Row): UnitFigures {
  return {
    unitId: numOrNull(row.unit_id),
    code: (row.code as string | null) ?? null,
    name: (row.name as string | null) ?? 'Chưa chọn đơn vị',
    calls: num(row.calls),
    answered: num(row.answered),
    medianWaitSeconds: numOrNull(row.median_wait),
    worstWaitSeconds: numOrNull(row.worst_wait),
    missed: num(row.missed),
    voicemails: num(row.voicemails),
    abandoned: num(row.abandoned),
    openTickets: num(row.open_tickets),
    overdueTickets: num(row.overdue_tickets),
    ratings: {
      verySatisfied: num(row.rating_1),
      satisfied: num(row.rating_2),
      notSatisfied: num(row.rating_3),
    },
  };
}

function callbackOf(row: Row): CallbackWaiting {
  const number = row.caller_number as string | null;
  return {
    id: Number(row.id),
    code: row.code as string,
    unitName: (row.unit_name as string | null) ?? null,
    receivedAt: row.received_at as Date,
    dueAt: (row.due_at as Date | null) ?? null,
    caller:
      row.caller_anonymous || !number
        ? 'ẩn số'
        : phoneForDisplay(callerAsSeen(number, mailSight(row.confidential === true)) ?? 'ẩn số'),
    outcome: (row.outcome as string | null) ?? null,
  };
}

/** Reads a digest's figures; every aggregate is computed by the database (see digest.sql.ts). */
export class DigestRepository {
  private readonly ratings: RatingsTableRepository;

  constructor(private readonly knex: Knex) {
    this.ratings = new RatingsTableRepository(knex);
  }

  async build(
    period: DigestPeriod,
    options: { asOf: Date; timeZone: string; publicUrl: string },
  ): Promise<DigestReport> {
    const bindings = {
      start: period.range.start,
      end: period.range.end,
      prevStart: period.previous.range.start,
      asOf: options.asOf,
      tz: options.timeZone,
    };
    const [totals, units, days, categories, callbacks, overdue, hotlineName, ratings] = await Promise.all([
      this.rows(TOTALS_SQL, bindings),
      this.rows(UNITS_SQL, bindings),
      this.rows(DAYS_SQL, bindings),
      this.rows(CATEGORIES_SQL, { ...bindings, limit: TOP_CATEGORIES }),
      this.rows(CALLBACKS_SQL, { ...bindings, limit: CALLBACKS_LISTED }),
      this.rows(OVERDUE_SQL, bindings),
      this.hotlineName(),
      period.kind === 'monthly'
        ? this.ratings.build({ range: period.range, unitIds: null, timeZone: options.timeZone })
        : Promise.resolve(null),
    ]);
    return {
      period,
      timeZone: options.timeZone,
      publicUrl: options.publicUrl,
      hotlineName,
      asOf: options.asOf,
      current: totalsOf(totals.find((row) => row.is_current === true)),
      previous: totalsOf(totals.find((row) => row.is_current === false)),
      units: units.map(unitOf),
      days: days.map(
        (row): DailyCount => ({
          date: row.date as string,
          calls: num(row.calls),
          answered: num(row.answered),
        }),
      ),
      categories: categories.map(
        (row): CategoryCount => ({
          category: (row.category as string | null) ?? null,
          count: num(row.count),
        }),
      ),
      callbacks: { total: num(callbacks[0]?.total), items: callbacks.map(callbackOf) },
      overdue: {
        total: overdue.reduce((sum, row) => sum + num(row.count), 0),
        byUnit: overdue.map(
          (row): OverdueByUnit => ({
            unitName: (row.unit_name as string | null) ?? null,
            count: num(row.count),
            oldestDueAt: row.oldest_due_at as Date,
            tickets: ((row.codes as string[] | null) ?? []).map((code, i) => ({
              id: Number((row.ids as unknown[])[i]),
              code,
            })),
          }),
        ),
      },
      ratings,
    };
  }

  /** The hotline's name from settings, for subjects and headings. */
  async hotlineName(): Promise<string> {
    const row = await this.knex('settings').where({ key: 'hotline' }).first('value');
    const name = (row?.value as { name?: unknown } | undefined)?.name;
    return typeof name === 'string' && name.trim() !== '' ? name.trim() : DEFAULT_HOTLINE_NAME;
  }

  /** The installation instant and the first ticket's, for deciding which periods get a digest. */
  async serviceStart(): Promise<ServiceStart> {
    const [row] = await this.rows(
      `select (select (value #>> '{}')::timestamptz from settings where key = :key) as installed_at,
              (select min(received_at) from tickets) as first_ticket_at`,
      { key: INSTALLED_AT_KEY },
    );
    return {
      installedAt: (row?.installed_at as Date | null) ?? null,
      firstTicketAt: (row?.first_ticket_at as Date | null) ?? null,
    };
  }

  /** Home Affairs' address from settings (admin_email), when the organisation names one. */
  async adminEmail(): Promise<string | undefined> {
    const row = await this.knex('settings').where({ key: 'admin_email' }).first('value');
    const value = row?.value as unknown;
    return typeof value === 'string' && value.includes('@') ? value : undefined;
  }

  private async rows(sql: string, bindings: Record<string, unknown>): Promise<Row[]> {
    const result = await this.knex.raw(sql, bindings as Knex.ValueDict);
    return result.rows as Row[];
  }
}
