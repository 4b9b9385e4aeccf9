/**
 * The digest's aggregates. Every figure is computed by PostgreSQL over the period's range of
 * `received_at` (the tickets_received_idx index), so a digest over a million tickets stays fast;
 * the same SQL runs on PGlite. Bindings: :start, :end (the period), :prevStart (the period before),
 * :asOf (the instant open and overdue tickets are counted at), :tz (the report's time zone).
 * A mail shows no confidential complaint to the chairman, not even as one more in a count
 * (core/tickets/confidentiality.ts): every statement leaves them out.
 */

const OUTCOME_COUNTS = `
  count(*)::int as calls,
  count(*) filter (where outcome = 'answered')::int as answered,
  count(*) filter (where outcome = 'missed')::int as missed,
  count(*) filter (where outcome = 'voicemail')::int as voicemails,
  count(*) filter (where outcome = 'abandoned')::int as abandoned,
  percentile_cont(0.5) within group (order by wait_seconds) filter (where outcome = 'answered') as median_wait`;

const OPEN = `status in ('new', 'in_progress')`;

const NOT_COMPLAINT = 'not leader_only';

/** How many ticket codes the digest names per unit among its overdue tickets. */
export const OVERDUE_CODES_SHOWN = 5;

export const TOTALS_SQL = `
select received_at >= :start as is_current, ${OUTCOME_COUNTS},
  count(rating)::int as ratings,
  count(*) filter (where rating = 3)::int as not_satisfied
from tickets
where channel = 'phone' and ${NOT_COMPLAINT} and received_at >= :prevStart and received_at < :end
group by 1`;

export const UNITS_SQL = `
with period as (
  select unit_id, ${OUTCOME_COUNTS},
    max(wait_seconds) filter (where outcome = 'answered') as worst_wait,
    count(*) filter (where rating = 1)::int as rating_1,
    count(*) filter (where rating = 2)::int as rating_2,
    count(*) filter (where rating = 3)::int as rating_3
  from tickets
  where channel = 'phone' and ${NOT_COMPLAINT} and received_at >= :start and received_at < :end
  group by unit_id
), open as (
  select unit_id, count(*)::int as open_tickets, count(*) filter (where due_at < :asOf)::int as overdue_tickets
  from tickets where ${OPEN} and ${NOT_COMPLAINT}
  group by unit_id
), shown as (
  select id as unit_id from units where active
  union select unit_id from period
  union select unit_id from open
)
select s.unit_id, u.code, u.name,
  coalesce(p.calls, 0) as calls, coalesce(p.answered, 0) as answered,
  p.median_wait, p.worst_wait,
  coalesce(p.missed, 0) as missed, coalesce(p.voicemails, 0) as voicemails,
  coalesce(p.abandoned, 0) as abandoned,
  coalesce(o.open_tickets, 0) as open_tickets, coalesce(o.overdue_tickets, 0) as overdue_tickets,
  coalesce(p.rating_1, 0) as rating_1, coalesce(p.rating_2, 0) as rating_2, coalesce(p.rating_3, 0) as rating_3
from shown s
left join units u on u.id = s.unit_id
left join period p on p.unit_id is not distinct from s.unit_id
left join open o on o.unit_id is not distinct from s.unit_id
order by s.unit_id is null, length(u.code), u.code`;

export const DAYS_SQL = `
with counts as (
  select (received_at at time zone :tz)::date as day,
    count(*)::int as calls, count(*) filter (where outcome = 'answered')::int as answered
  from tickets
  where channel = 'phone' and ${NOT_COMPLAINT} and received_at >= :start and received_at < :end
  group by 1
)
select to_char(d, 'YYYY-MM-DD') as date, coalesce(c.calls, 0) as calls, coalesce(c.answered, 0) as answered
from generate_series((:start::timestamptz at time zone :tz)::date,
                     (:end::timestamptz at time zone :tz)::date - 1, interval '1 day') as d
left join counts c on c.day = d::date
order by d`;

export const CATEGORIES_SQL = `
select category, count(*)::int as count
from tickets
where ${NOT_COMPLAINT} and received_at >= :start and received_at < :end
group by category
order by count(*) desc, category nulls last
limit :limit`;

export const CALLBACKS_SQL = `
select t.id, t.code, u.name as unit_name, t.received_at, t.due_at, t.caller_number, t.caller_anonymous,
  t.confidential, t.outcome, count(*) over ()::int as total
from tickets t left join units u on u.id = t.unit_id
where t.needs_callback and t.${OPEN} and not t.leader_only and t.received_at < :asOf
order by t.received_at
limit :limit`;

export const OVERDUE_SQL = `
select u.name as unit_name, count(*)::int as count, min(t.due_at) as oldest_due_at,
  (array_agg(t.id order by t.due_at, t.id))[1:${OVERDUE_CODES_SHOWN}] as ids,
  (array_agg(t.code order by t.due_at, t.id))[1:${OVERDUE_CODES_SHOWN}] as codes
from tickets t left join units u on u.id = t.unit_id
where t.${OPEN} and not t.leader_only and t.due_at < :asOf
group by t.unit_id, u.name
order by count(*) desc, min(t.due_at)`;
