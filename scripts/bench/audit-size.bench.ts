import { openDatabase } from '../../core/db/database';
import { migrateToLatest } from '../../core/db/migrator';
import { auditMonthOf } from '../../server/jobs/audit-months';
import { AuditPartitionsRepository } from '../../server/jobs/audit-partitions.repo';
import { createServerBenchDatabase } from './bench.database';

/**
 * npm run bench:audit-size — inserts ROWS (default 500,000) audit rows shaped like the real ones
 * (nine in ten `ticket.view-caller` rows of a list page, one in ten changes with a from/to diff),
 * spread over the twelve monthly partitions of 2026, into a fresh PostgreSQL database
 * (BENCH_DATABASE_SERVER_URL, else 127.0.0.1:5432); prints the bytes per row of the whole
 * partition tree (heap, TOAST, primary key and both indexes), and the same for one coarser row per
 * list request naming its PAGE (default 50) ticket ids; then drops the database.
 */
const ROWS = Number(process.env.ROWS ?? 500_000);
const PAGE = Number(process.env.PAGE ?? 50);

const PER_NUMBER_ROWS = `
  insert into audit_log (at, user_id, action, entity, entity_id, details, ip)
  select timestamptz '2026-01-01' + (n::float / ? * interval '365 days'),
         1 + n % 40,
         case when n % 10 = 0 then 'ticket.update' else 'ticket.view-caller' end,
         'ticket',
         (100000 + n % 250000)::text,
         case when n % 10 = 0
              then '{"status":{"from":"new","to":"in_progress"},"summary":{"from":null,"to":"Hỏi thủ tục cấp sổ đỏ"}}'::jsonb
              else '{"where":"list"}'::jsonb end,
         '10.12.' || (n % 250) || '.' || (n % 200)
  from generate_series(1, ?) as n`;

const PER_REQUEST_ROWS = `
  insert into audit_log (at, user_id, action, entity, entity_id, details, ip)
  select timestamptz '2026-01-01' + (n::float / ? * interval '365 days'),
         1 + n % 40, 'ticket.list-callers', 'ticket', null,
         jsonb_build_object('where', 'list', 'ticketIds',
           (select jsonb_agg(100000 + (n * ? + k) % 250000) from generate_series(1, ?) as k)),
         '10.12.' || (n % 250) || '.' || (n % 200)
  from generate_series(1, ?) as n`;

const TREE_BYTES = `
  select sum(pg_total_relation_size(relid))::bigint as total,
         sum(pg_relation_size(relid))::bigint as heap,
         sum(pg_indexes_size(relid))::bigint as indexes
  from pg_partition_tree('audit_log') where isleaf`;

async function main(): Promise<void> {
  const target = await createServerBenchDatabase('hotline_audit_bench');
  const db = await openDatabase({ kind: 'postgres', url: target.url });
  try {
    await migrateToLatest(db.knex);
    await db.knex.raw(
      "insert into users (username, password_hash, role) select 'bench' || n, 'x', 'viewer' from generate_series(1, 40) n",
    );
    const measure = async (label: string, rows: number) => {
      await db.knex.raw('vacuum analyze audit_log');
      const bytes = (await db.knex.raw(TREE_BYTES)).rows[0];
      const per = (value: string) => (Number(value) / rows).toFixed(0).padStart(5);
      console.log(
        `${label}: ${rows} rows, ${(Number(bytes.total) / 2 ** 20).toFixed(1)} MiB in all; bytes/row ${per(bytes.total)} (heap ${per(bytes.heap)}, indexes ${per(bytes.indexes)})`,
      );
    };
    console.log(`audit size on ${target.description}`);
    const partitions = new AuditPartitionsRepository(db.knex);
    const existing = new Set(await partitions.partitionNames());
    for (let month = 0; month < 12; month += 1) {
      const partition = auditMonthOf(new Date(Date.UTC(2026, month, 1)));
      if (!existing.has(partition.name)) await partitions.createMonth(partition);
    }
    await db.knex.raw(PER_NUMBER_ROWS, [ROWS, ROWS]);
    await measure('one row per number shown', ROWS);
    await db.knex.raw('truncate audit_log');
    const requests = Math.ceil(ROWS / PAGE);
    await db.knex.raw(PER_REQUEST_ROWS, [requests, PAGE, PAGE, requests]);
    await measure(`one row per list request of ${PAGE} ids`, requests);
  } finally {
    await db.close();
    await target.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
