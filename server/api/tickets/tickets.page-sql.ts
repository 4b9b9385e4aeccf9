import { placeholders, type Statement } from '../../../core/db/statement';
import {
  CALLER_VIEW,
  type CallerVisibility,
  COMPLAINT_VIEW,
  TICKET_KINDS,
  type TicketKind,
} from '../../../core/tickets/confidentiality';
import { RECEIVED_KEY_COLUMN_SQL } from '../../../core/tickets/ticket-keyset';
import { TICKET_RECORD_COLUMNS } from '../../../core/tickets/ticket-record.sql';
import type { SortKey } from '../../../core/tickets/ticket-sort';
import { OPEN_STATUSES } from '../../../core/tickets/ticket-status';
import type { CallerViews, TicketQuery } from './tickets.repo';
import { afterSql, orderBySql, pageOrderSql, sortValueColumn } from './tickets.sort-sql';

/**
 * Must stay the expression of tickets_search_trgm_idx (migration 20261203120200) so PostgreSQL
 * answers free-text search from the trigram index. Both sides are folded by hotline_fold (lower
 * case, no Vietnamese diacritics, đ as d): "rac thai" finds "Rác thải", and so does "RÁC THẢI".
 */
const SEARCH_TEXT =
  "hotline_fold(coalesce(t.code, '') || ' ' || coalesce(t.caller_number, '') || ' ' || coalesce(t.summary, ''))";

const TEXT_WITHOUT_CALLER = "hotline_fold(coalesce(t.code, '') || ' ' || coalesce(t.summary, ''))";

const MATCHES = 'like hotline_fold(?)';

const RECORD_COLUMNS = `${TICKET_RECORD_COLUMNS.join(', ')}, ${RECEIVED_KEY_COLUMN_SQL}`;

const FROM_TICKETS = 'from tickets as t left join units as u on u.id = t.unit_id';

/** Each kind of ticket (core/tickets/confidentiality.ts kindOf) as a condition on `prefix`'s columns. */
const KIND_CONDITIONS: Record<TicketKind, (prefix: string) => string> = {
  plain: (t) => `not ${t}confidential`,
  confidential: (t) => `(${t}confidential and not ${t}leader_only)`,
  'leader-only': (t) => `${t}leader_only`,
};

/**
 * The tickets of these kinds, as one condition: null when every kind is in, `false` when none is.
 * Written so the common scopes stay one plain column test.
 */
export function kindsCondition(kinds: readonly TicketKind[], prefix = 't.'): string | null {
  const has = (kind: TicketKind) => kinds.includes(kind);
  if (TICKET_KINDS.every(has)) return null;
  if (has('plain') && has('confidential')) return `not ${prefix}leader_only`;
  if (has('confidential') && has('leader-only')) return `${prefix}confidential`;
  const parts = TICKET_KINDS.filter(has).map((kind) => KIND_CONDITIONS[kind](prefix));
  return parts.length === 0 ? 'false' : parts.length === 1 ? (parts[0] as string) : `(${parts.join(' or ')})`;
}

/** A call still before the menu's choice (core/tickets/confidentiality.ts isAwaitingChoice). */
const awaitingChoiceSql = (t: string) =>
  `(${t}channel = 'phone' and ${t}unit_id is null and ${t}outcome is null and not ${t}leader_only)`;

/**
 * The tickets whose callers this visibility shows in full, as one condition on `prefix`'s columns
 * (channel, unit_id, outcome, confidential, leader_only): null when every one, `false` when none.
 */
export function callersShownCondition(visibility: CallerVisibility, prefix = 't.'): string | null {
  const kinds = kindsCondition(visibility.kinds, prefix);
  if (visibility.awaitingChoice || kinds === 'false') return kinds;
  const notAwaiting = `not ${awaitingChoiceSql(prefix)}`;
  return kinds === null ? notAwaiting : `${kinds} and ${notAwaiting}`;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** The filter's conditions, joined by `and`, and their values in order. */
function whereOf(query: TicketQuery, after: SortKey | undefined): Statement {
  const conditions: string[] = [];
  const bindings: unknown[] = [];
  const add = (condition: string, ...values: unknown[]) => {
    conditions.push(condition);
    bindings.push(...values);
  };
  const addIn = (column: string, values: readonly unknown[] | undefined) => {
    if (values) add(`${column} in (${placeholders(values)})`, ...values);
  };
  if (after) {
    const continued = afterSql(query.sort, after);
    add(continued.sql, ...continued.bindings);
  }
  if (query.unitIds !== null) {
    const [only] = query.unitIds;
    // One unit as an equality, so the planner walks tickets_unit_received_idx in order.
    if (query.unitIds.length === 1 && only !== undefined) add('t.unit_id = ?', only);
    else addIn('t.unit_id', query.unitIds);
  }
  const kinds = kindsCondition(query.kinds);
  if (kinds) add(kinds);
  if (query.from) add('t.received_at >= ?', query.from);
  if (query.to) add('t.received_at < ?', query.to);
  addIn('t.outcome', query.outcomes);
  addIn('t.status', query.statuses);
  addIn('t.rating', query.ratings);
  if (query.needsCallback !== undefined) add('t.needs_callback = ?', query.needsCallback);
  addIn('t.channel', query.channels);
  if (query.desk === 'none') add('t.desk_id is null');
  else if (query.desk !== undefined) add('t.desk_id = ?', query.desk);
  if (query.spam !== undefined) add(query.spam ? 't.spam_marked_at is not null' : 't.spam_marked_at is null');
  if (query.overdueAt) {
    addIn('t.status', OPEN_STATUSES);
    add('t.due_at < ?', query.overdueAt);
  }
  if (query.isUnassigned) add('t.unit_id is null');
  const terms = (query.searchTerms ?? []).map((term) => `%${escapeLike(term)}%`);
  if (terms.length > 0) {
    // A number matched where it is not shown would reveal it: where callers are masked, the
    // match must also hold without the number.
    const visible = {
      kinds: query.searchCallers.kinds.filter((kind) => query.kinds.includes(kind)),
      awaitingChoice: query.searchCallers.awaitingChoice,
    };
    const everyKindShown = query.kinds.every((kind) => visible.kinds.includes(kind));
    const shown = everyKindShown && visible.awaitingChoice ? null : callersShownCondition(visible);
    const everyShown = shown === null;
    const noneShown = shown === 'false';
    const matches = terms.map(() =>
      everyShown
        ? `${SEARCH_TEXT} ${MATCHES}`
        : noneShown
          ? `${TEXT_WITHOUT_CALLER} ${MATCHES}`
          : `(${SEARCH_TEXT} ${MATCHES} and (${shown} or ${TEXT_WITHOUT_CALLER} ${MATCHES}))`,
    );
    add(
      `(${matches.join(' or ')})`,
      ...terms.flatMap((pattern) => (everyShown || noneShown ? [pattern] : [pattern, pattern])),
    );
  }
  return { sql: conditions.length > 0 ? ` where ${conditions.join(' and ')}` : '', bindings };
}

/**
 * One keyset page of call-log records, `limit` of them after `after`, written out instead of
 * built with knex's query builder: compiling the builder was the largest part of what a list
 * request spent in this process besides its statement (see the README's admin benchmark).
 */
export function pageStatement(query: TicketQuery, limit: number, after?: SortKey): Statement {
  if (query.sort.field === 'unit') return unitSortedPage(query, limit, after);
  const where = whereOf(query, after);
  return {
    sql: `select ${RECORD_COLUMNS}${sortValueColumn(query.sort)} ${FROM_TICKETS}${where.sql} order by ${orderBySql(query.sort)} limit ?`,
    bindings: [...where.bindings, limit],
  };
}

/** Larger than every ticket id: the bound of a descending walk that has no cursor in a unit. */
const NO_ID_BOUND = '9223372036854775807';

/**
 * A page sorted by unit name. The key is the unit's, so no index on tickets holds the order, and
 * sorting every ticket by its unit's folded name took about a second at 50,000 tickets. The
 * units are few: each one past the cursor gives its first `limit` tickets in id order (its part of
 * tickets_unit_id_idx, the cursor's id a bound in the cursor's own unit), the tickets of no unit
 * (key '') likewise, and the page is the first `limit` of those. Same rows, same order.
 */
function unitSortedPage(query: TicketQuery, limit: number, after?: SortKey): Statement {
  const desc = query.sort.direction === 'desc';
  const where = whereOf(query, undefined);
  const filter = (extra: string) => (where.sql === '' ? ` where ${extra}` : `${where.sql} and ${extra}`);
  const cursorKey = after === undefined ? undefined : String(after.value);
  const branches: string[] = [];
  const bindings: unknown[] = [];
  // Units sort after '' (ascending) and before it (descending).
  const unitsLeft = query.isUnassigned !== true && !(desc && cursorKey === '');
  if (unitsLeft) {
    const idBound =
      after === undefined
        ? desc
          ? NO_ID_BOUND
          : '0'
        : `case when k.key = ?::text then ?::bigint else ${desc ? NO_ID_BOUND : '0'} end`;
    // Only the units in scope and past the cursor: another unit's walk would read its tickets only
    // to filter them out.
    const units = [
      ...(query.unitIds === null ? [] : [`u.id in (${placeholders(query.unitIds)})`]),
      ...(after === undefined ? [] : [`hotline_fold(u.name) ${desc ? '<=' : '>='} ?::text`]),
    ];
    const unitsWhere = units.length === 0 ? '' : ` where ${units.join(' and ')}`;
    // offset 0 keeps k a subquery of its own: pulled up, each unit's name was folded again for
    // every ticket row of the merge (30 ms of a 48 ms page at a million tickets).
    branches.push(`select p.*, k.key as sort_value
      from (select u.id, hotline_fold(u.name) as key from units as u${unitsWhere} offset 0) as k
      cross join lateral (select ${RECORD_COLUMNS} ${FROM_TICKETS}${filter(`t.unit_id = k.id and t.id ${desc ? '<' : '>'} ${idBound}`)}
        order by t.id ${query.sort.direction} limit ?) as p`);
    if (query.unitIds !== null) bindings.push(...query.unitIds);
    if (after !== undefined) bindings.push(cursorKey);
    bindings.push(...where.bindings);
    if (after !== undefined) bindings.push(cursorKey, after.id);
    bindings.push(limit);
  }
  const unassignedLeft = query.unitIds === null && (desc || cursorKey === undefined || cursorKey === '');
  if (unassignedLeft) {
    const idBound = cursorKey === '' ? ` and t.id ${desc ? '<' : '>'} ?` : '';
    branches.push(`(select ${RECORD_COLUMNS}, ''::text as sort_value ${FROM_TICKETS}${filter(`t.unit_id is null${idBound}`)}
      order by t.id ${query.sort.direction} limit ?)`);
    bindings.push(...where.bindings);
    if (cursorKey === '') bindings.push(after?.id);
    bindings.push(limit);
  }
  if (branches.length === 0) {
    return {
      sql: `select ${RECORD_COLUMNS}, ''::text as sort_value ${FROM_TICKETS} where false`,
      bindings: [],
    };
  }
  return {
    sql: `select * from (${branches.join(' union all ')}) as sorted order by ${pageOrderSql(query.sort)} limit ?`,
    bindings: [...bindings, limit],
  };
}

/**
 * The page with the audit rows of the caller numbers it shows (and the batch row of an export)
 * written by the same statement: the rows are read and their viewing recorded together, or neither.
 */
export function pageSeenStatement(
  query: TicketQuery,
  limit: number,
  after: SortKey | undefined,
  views: CallerViews,
): Statement {
  const order = pageOrderSql(query.sort);
  const page = pageStatement(query, limit, after);
  const shown = `(select id, caller_number, channel, unit_id, outcome, confidential, leader_only from page
             order by ${order} limit ${Number(views.shown)}) as shown`;
  const parts = [`page as (${page.sql})`];
  const bindings = [...page.bindings];
  const inFull = callersShownCondition(views.visibility, 'shown.');
  if (inFull !== 'false') {
    parts.push(`seen as (insert into audit_log (user_id, action, entity, entity_id, details, ip)
       select ?, ?, ?, shown.id::text, ?::jsonb, ?
       from ${shown}
       where shown.caller_number is not null${inFull ? ` and ${inFull}` : ''})`);
    bindings.push(
      views.userId,
      CALLER_VIEW.action,
      CALLER_VIEW.entity,
      JSON.stringify({ where: views.where, ...views.carried?.details }),
      views.ip,
    );
  }
  if (query.kinds.includes('leader-only')) {
    // Every showing of a confidential complaint to the chairman is audited, its sender shown or not.
    parts.push(`complaints as (insert into audit_log (user_id, action, entity, entity_id, details, ip)
       select ?, ?, ?, shown.id::text, ?::jsonb, ?
       from ${shown}
       where shown.leader_only)`);
    bindings.push(
      views.userId,
      COMPLAINT_VIEW.action,
      COMPLAINT_VIEW.entity,
      JSON.stringify({ where: views.where, ...views.carried?.details }),
      views.ip,
    );
  }
  if (views.carried) {
    parts.push(`carried as (insert into audit_log (user_id, action, entity, entity_id, details, ip)
           select ?, ?, 'ticket', null, ?::jsonb || jsonb_build_object('ticketIds', jsonb_agg(shown.id)), ?
           from ${shown} having count(*) > 0)`);
    bindings.push(views.userId, views.carried.action, JSON.stringify(views.carried.details), views.ip);
  }
  return {
    sql: `with ${parts.join(', ')} select * from page order by ${order}`,
    bindings,
  };
}
