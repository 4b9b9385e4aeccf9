import type { Knex } from 'knex';
import { ProceduresRepository } from '../../core/procedures/procedures.repo';
import { PUBLIC_LIST_SCOPE } from '../../core/tickets/confidentiality';
import type { TicketStatus } from '../../core/tickets/ticket-status';
import { kindsCondition } from '../api/tickets/tickets.page-sql';
import {
  categoryService,
  type Open311Service,
  procedureService,
  type ServiceRef,
  UNCATEGORISED_SERVICE,
} from './open311.services';

/** What GeoReport shows of a ticket: public fields only, never a caller number or an internal note. */
export interface PublicRequest {
  code: string;
  status: TicketStatus;
  publicAnswer: string | null;
  service: { ref: ServiceRef; name: string };
  /** The citizen's own words, from a public channel only (never a phone call's notes). */
  description: string | null;
  unitName: string | null;
  receivedAt: Date;
  updatedAt: Date;
  dueAt: Date | null;
  address: string | null;
  addressId: string | null;
  location: { lat: number; long: number } | null;
  mediaUrl: string | null;
}

export interface RequestFilter {
  /** Ticket codes; when given, every other condition but publicness is ignored (as the spec says). */
  codes?: readonly string[];
  services?: readonly ServiceRef[];
  statuses?: readonly TicketStatus[];
  from: Date;
  to: Date;
  limit: number;
}

export interface PublicUnitChoice {
  id: number;
  code: string;
  name: string;
}

/** The first step of tickets from the public channels, whose text is what the citizen wrote. */
const PUBLIC_TEXT_KINDS = ['web.feedback', 'open311.request'];

/** Channels whose tickets are service requests; a desk rating is an opinion of a visit, not a request. */
const REQUEST_CHANNELS = ['phone', 'web-feedback', 'open311'];

interface RequestRow {
  code: string;
  status: TicketStatus;
  public_answer: string | null;
  category_id: number | null;
  category_name: string | null;
  procedure_id: number | null;
  procedure_name: string | null;
  description: string | null;
  unit_name: string | null;
  received_at: Date;
  updated_at: Date;
  due_at: Date | null;
  address: string | null;
  address_id: string | null;
  location_lat: number | null;
  location_long: number | null;
  media_url: string | null;
}

/** A ticket's service: its procedure, else its category when the list has it, else the uncategorised feedback. */
function serviceOf(row: RequestRow): PublicRequest['service'] {
  if (row.procedure_id !== null)
    return { ref: { kind: 'procedure', id: Number(row.procedure_id) }, name: row.procedure_name ?? '' };
  if (row.category_id !== null)
    return { ref: { kind: 'category', id: Number(row.category_id) }, name: row.category_name ?? '' };
  return { ref: UNCATEGORISED_SERVICE.ref, name: UNCATEGORISED_SERVICE.name };
}

function requestOf(row: RequestRow): PublicRequest {
  const service = serviceOf(row);
  return {
    code: row.code,
    status: row.status,
    publicAnswer: row.public_answer,
    service,
    description: row.description,
    unitName: row.unit_name,
    receivedAt: row.received_at,
    updatedAt: row.updated_at,
    dueAt: row.due_at,
    address: row.address,
    addressId: row.address_id,
    location:
      row.location_lat === null || row.location_long === null
        ? null
        : { lat: Number(row.location_lat), long: Number(row.location_long) },
    mediaUrl: row.media_url,
  };
}

/** Reads what the Open311 endpoint publishes: services, units to send to, and public tickets. */
export class Open311Repository {
  private readonly procedures: ProceduresRepository;

  constructor(private readonly knex: Knex) {
    this.procedures = new ProceduresRepository(knex);
  }

  /** The active categories, the uncategorised feedback, then the active procedures. */
  async services(): Promise<Open311Service[]> {
    const [categories, procedures] = await Promise.all([
      this.knex('categories').where({ active: true }).orderByRaw('hotline_fold(name)').select('id', 'name'),
      this.procedures.list({ active: true }),
    ]);
    return [...categories.map(categoryService), UNCATEGORISED_SERVICE, ...procedures.map(procedureService)];
  }

  async service(ref: ServiceRef): Promise<Open311Service | undefined> {
    if (ref.kind === 'uncategorised') return UNCATEGORISED_SERVICE;
    if (ref.kind === 'procedure') {
      const procedure = await this.procedures.byId(ref.id);
      return procedure?.active ? procedureService(procedure) : undefined;
    }
    const category = await this.knex('categories').where({ id: ref.id, active: true }).first('id', 'name');
    return category && categoryService(category);
  }

  /** When the catalogue last changed (GeoReport's changeset): the latest change to a category or procedure. */
  async servicesChangedAt(): Promise<Date | null> {
    const row = await this.knex
      .select(
        this.knex.raw(
          'greatest((select max(updated_at) from categories), (select max(updated_at) from procedures)) as at',
        ),
      )
      .first();
    return row?.at ?? null;
  }

  async units(): Promise<PublicUnitChoice[]> {
    return this.knex('units')
      .where({ active: true })
      .orderByRaw('length(code), code')
      .select('id', 'code', 'name');
  }

  async unitById(id: number): Promise<PublicUnitChoice | undefined> {
    return this.knex('units').where({ id, active: true }).first('id', 'code', 'name');
  }

  async unitByCode(code: string): Promise<PublicUnitChoice | undefined> {
    return this.knex('units').where({ code, active: true }).first('id', 'code', 'name');
  }

  /** Where a request goes when the client names no unit: the district office, as a call to the operator does. */
  async districtUnit(): Promise<PublicUnitChoice | undefined> {
    return this.knex('units')
      .where({ kind: 'district', active: true })
      .orderByRaw('length(code), code')
      .first('id', 'code', 'name');
  }

  async requests(filter: RequestFilter): Promise<PublicRequest[]> {
    const query = this.publicTickets()
      .orderBy([
        { column: 't.received_at', order: 'desc' },
        { column: 't.id', order: 'desc' },
      ])
      .limit(filter.limit);
    if (filter.codes) {
      query.whereIn(
        't.code',
        filter.codes.map((code) => code.toUpperCase()),
      );
    } else {
      query.where('t.received_at', '>=', filter.from).where('t.received_at', '<=', filter.to);
      if (filter.statuses) query.whereIn('t.status', filter.statuses);
      if (filter.services) this.ofServices(query, filter.services);
    }
    const rows: RequestRow[] = await query;
    return rows.map(requestOf);
  }

  async request(code: string): Promise<PublicRequest | undefined> {
    const row: RequestRow | undefined = await this.publicTickets()
      .where('t.code', code.toUpperCase())
      .first();
    return row && requestOf(row);
  }

  /**
   * Tickets the public may see: the kinds core/tickets/confidentiality.ts lets the public list (never
   * a confidential ticket nor a complaint to the chairman), never one marked spam, never a desk rating.
   */
  private publicTickets() {
    const knex = this.knex;
    return knex('tickets as t')
      .leftJoin('units as u', 'u.id', 't.unit_id')
      .leftJoin(knex.raw('categories as c on lower(c.name) = lower(trim(t.category))'))
      .leftJoin('procedures as p', 'p.id', 't.procedure_id')
      .leftJoin('ticket_events as e', function joinFirstPublicStep() {
        this.on('e.ticket_id', '=', 't.id').andOnVal('e.seq', '=', 1).andOnIn('e.kind', PUBLIC_TEXT_KINDS);
      })
      .whereRaw(kindsCondition(PUBLIC_LIST_SCOPE.kinds) ?? 'true')
      .whereNull('t.spam_marked_at')
      .whereIn('t.channel', REQUEST_CHANNELS)
      .select(
        't.code',
        't.status',
        't.public_answer',
        'c.id as category_id',
        'c.name as category_name',
        't.procedure_id',
        'p.name as procedure_name',
        knex.raw("e.data->>'text' as description"),
        'u.name as unit_name',
        't.received_at',
        't.updated_at',
        't.due_at',
        't.address',
        't.address_id',
        't.location_lat',
        't.location_long',
        't.media_url',
      );
  }

  private ofServices(query: Knex.QueryBuilder, services: readonly ServiceRef[]): void {
    const idsOf = (kind: 'category' | 'procedure') =>
      services.flatMap((ref) => (ref.kind === kind ? [ref.id] : []));
    const uncategorised = services.some((ref) => ref.kind === 'uncategorised');
    query.where((any) => {
      any.whereIn('t.procedure_id', idsOf('procedure'));
      any.orWhere((q) => q.whereNull('t.procedure_id').whereIn('c.id', idsOf('category')));
      if (uncategorised) any.orWhere((q) => q.whereNull('t.procedure_id').whereNull('c.id'));
    });
  }
}
