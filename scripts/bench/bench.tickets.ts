import type { Knex } from 'knex';

export interface TicketSeedOptions {
  count: number;
  /** The newest ticket arrives just before this instant; the oldest `days` earlier. */
  now: Date;
  days: number;
  /** Tickets are spread evenly over these units (ids and their menu codes, in the same order). */
  units: ReadonlyArray<{ id: number; code: string }>;
}

const ISSUES = [
  'Phản ánh rác thải tồn đọng',
  'Hỏi thủ tục cấp giấy chứng nhận quyền sử dụng đất',
  'Đề nghị sửa đèn chiếu sáng hỏng',
  'Phản ánh tiếng ồn công trình ban đêm',
  'Hỏi về chế độ bảo hiểm xã hội một lần',
  'Khiếu nại chậm giải quyết hồ sơ hộ tịch',
  'Phản ánh lấn chiếm vỉa hè',
  'Đề nghị nạo vét mương thoát nước',
  'Hỏi thủ tục đăng ký kinh doanh hộ cá thể',
  'Phản ánh xây dựng không phép',
  'Phản ánh ô nhiễm khói bụi',
  'Đề nghị hỗ trợ người cao tuổi neo đơn',
  'Hỏi lịch tiêm chủng cho trẻ em',
  'Phản ánh nước sinh hoạt bị đục',
  'Đề nghị cắt tỉa cây xanh',
  'Phản ánh đỗ xe trái phép',
];

const STREETS = [
  'Phạm Văn Đồng',
  'Hoàng Quốc Việt',
  'Cổ Nhuế',
  'Đông Ngạc',
  'Đức Thắng',
  'Phú Diễn',
  'Tây Tựu',
  'Thượng Cát',
  'Liên Mạc',
  'Xuân Đỉnh',
  'Minh Khai',
  'Thụy Phương',
  'Kỳ Vũ',
  'Văn Tiến Dũng',
  'Trần Cung',
  'Nguyễn Hoàng Tôn',
];

/** One ticket in this many has it in its summary: a search that matches a few hundred of a million. */
export const RARE_PHRASE = 'cột điện nghiêng';
const RARE_EVERY = 2000;

const MOBILE_PREFIXES = ['+8491', '+8498', '+8497', '+8496', '+8490', '+8493', '+8435', '+8488'];
/** Distinct caller numbers: a district's callers ring more than once, some of them often. */
const CALLER_POOL = 300_000;

const sqlArray = (values: readonly string[]) => `array[${values.map((v) => `'${v}'`).join(',')}]`;

/**
 * One INSERT ... SELECT over generate_series: outcomes, waits, ratings and statuses drawn as a
 * district's hotline sees them (78 % answered, 60 % of answered calls rated), caller numbers from a
 * skewed pool (3 % withheld), Vietnamese summaries on answered calls and voicemails, 1 % confidential.
 */
const SEED_SQL = `
insert into tickets (code, channel, caller_number, caller_anonymous, unit_id, dialed_code, received_at,
  answered_at, ended_at, answered_by_name, outcome, abandoned_stage, ended_by, wait_seconds, talk_seconds,
  rating, needs_callback, category, summary, status, due_at, confidential)
select 'HL-' || extract(year from at) || '-' || lpad(g::text, 7, '0'), 'phone',
  case when r4 >= 0.03 then (${sqlArray(MOBILE_PREFIXES)})[1 + caller % ${MOBILE_PREFIXES.length}]
    || lpad(((caller * 104729) % 10000000)::text, 7, '0') end,
  r4 < 0.03,
  (:unitIds::int[])[1 + (g::bigint * 7919) % :unitCount::int],
  (:unitCodes::text[])[1 + (g::bigint * 7919) % :unitCount::int],
  at,
  case when r1 < 0.78 then at + make_interval(secs => 3 + r2 * 40) end,
  at + make_interval(secs => 3 + r2 * 40 + case when r1 < 0.78 then 30 + r3 * 600 else 20 end),
  case when r1 < 0.78 then (array['Chủ tịch','Phó Chủ tịch','Cán bộ trực'])[1 + (g % 3)] end,
  case when r1 < 0.78 then 'answered' when r1 < 0.86 then 'missed' when r1 < 0.92 then 'voicemail'
       when r1 < 0.97 then 'abandoned' when r1 < 0.99 then 'invalid_input' else 'failed' end,
  case when r1 >= 0.92 and r1 < 0.97 then (array['greeting','menu','ringing'])[1 + (g % 3)] end,
  case when r1 < 0.78 and r3 < 0.5 then 'official' when r1 >= 0.99 then 'system' else 'caller' end,
  (3 + r2 * 40)::int, case when r1 < 0.78 then (30 + r3 * 600)::int end,
  case when r1 < 0.78 and r3 < 0.6 then 1 + (r3 * 5)::int % 3 end,
  r1 >= 0.78 and r1 < 0.92,
  (array['Đất đai','Bảo hiểm xã hội','Hộ tịch','Đăng ký kinh doanh','Xây dựng','Môi trường','Khác'])[1 + (g % 7)],
  case when (r1 < 0.78 and r2 < 0.85) or (r1 >= 0.86 and r1 < 0.92) then
    case when g % ${RARE_EVERY} = 17 then 'Phản ánh ${RARE_PHRASE} trước cổng trường'
         else (${sqlArray(ISSUES)})[1 + (g % ${ISSUES.length})] end
    || ' tại đường ' || (${sqlArray(STREETS)})[1 + (g / 7) % ${STREETS.length}]
    || ', tổ dân phố ' || (1 + g % 40) end,
  case when at > :now::timestamptz - interval '14 days' and r3 < 0.5 then 'new'
       when at > :now::timestamptz - interval '30 days' and r3 < 0.05 then 'in_progress'
       else 'closed' end,
  case when r1 >= 0.78 and r1 < 0.92 then at + interval '1 day' end,
  r2 > 0.99
from (
  select g, r1, r2, r3, r4, floor(${CALLER_POOL} * r5 * r5)::bigint as caller,
    :now::timestamptz - :days::int * interval '1 day' + (g::float8 / :count::int) * :days::int * interval '1 day' as at
  from (
    select g, random() as r1, random() as r2, random() as r3, random() as r4, random() as r5
    from generate_series(1, :count::int) as g
  ) r
) s`;

/** The IVR's steps for one ticket in ten: enough timeline rows to weigh on the table's size. */
const EVENTS_SQL = `
insert into ticket_events (ticket_id, at, kind, seq, data)
select t.id, t.received_at + make_interval(secs => step.seq * 5), step.kind, step.seq,
  jsonb_build_object('unit', t.dialed_code)
from tickets t
cross join (values (1, 'call.received'), (2, 'target.result'), (3, 'call.ended')) as step(seq, kind)
where t.id % 10 = 0`;

/** Indexes that are not constraints, as CREATE INDEX statements, to rebuild after a bulk load. */
async function secondaryIndexes(knex: Knex, table: string): Promise<Array<{ name: string; ddl: string }>> {
  const result = await knex.raw(
    `select i.relname as name, pg_get_indexdef(x.indexrelid) as ddl
     from pg_index x join pg_class i on i.oid = x.indexrelid
     where x.indrelid = ?::regclass
       and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)`,
    [table],
  );
  return result.rows;
}

/**
 * Seeds tickets (and a tenth of them with timeline events) with the table's secondary indexes
 * dropped, then recreates them from their own definitions (those the migrations made), vacuums
 * and analyzes: building a trigram index once is minutes faster than growing it a row at a time.
 */
export async function seedBenchTickets(knex: Knex, options: TicketSeedOptions): Promise<{ events: number }> {
  const indexes = await secondaryIndexes(knex, 'tickets');
  for (const index of indexes) await knex.raw(`drop index ${index.name}`);
  await knex.raw(SEED_SQL, {
    count: options.count,
    now: options.now,
    days: options.days,
    unitIds: options.units.map((unit) => unit.id),
    unitCodes: options.units.map((unit) => unit.code),
    unitCount: options.units.length,
  });
  for (const index of indexes) await knex.raw(index.ddl);
  const events = await knex.raw(EVENTS_SQL);
  // Vacuumed now rather than by autovacuum in the middle of the timed runs (a freshly filled table
  // is due for it), and checkpointed so the seed's WAL is not still being flushed then either.
  await knex.raw('vacuum (analyze) tickets');
  await knex.raw('vacuum (analyze) ticket_events');
  await knex.raw('checkpoint');
  return { events: events.rowCount ?? 0 };
}
