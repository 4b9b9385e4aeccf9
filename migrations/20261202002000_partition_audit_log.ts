import type { Knex } from 'knex';

/**
 * audit_log becomes a table partitioned by month of `at` (UTC), so the audit retention job can
 * drop a whole month at once instead of deleting rows one by one. Months from the oldest row to
 * two months ahead get their partition here; the job creates the later ones, and a default
 * partition takes any row no month partition holds yet, so an audit write never fails for want
 * of one. Every row moves over with its id; the id sequence is kept. Self-contained on purpose:
 * migrations are history and must not change when the job's code does.
 */

const MONTHS_AHEAD = 2;

function monthStart(year: number, month: number): Date {
  return new Date(Date.UTC(year, month, 1));
}

function partitionName(start: Date): string {
  return `audit_log_y${start.getUTCFullYear()}m${String(start.getUTCMonth() + 1).padStart(2, '0')}`;
}

export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table audit_log rename to audit_log_unpartitioned');
  await knex.raw(
    'alter table audit_log_unpartitioned rename constraint audit_log_pkey to audit_log_unpartitioned_pkey',
  );
  await knex.raw('alter table audit_log_unpartitioned drop constraint audit_log_user_id_foreign');
  await knex.raw('drop index audit_log_entity_entity_id_index, audit_log_at_index');
  await knex.raw(`
    create table audit_log (
      id bigint not null default nextval('audit_log_id_seq'),
      at timestamptz not null default now(),
      user_id integer,
      action varchar(40) not null,
      entity varchar(40) not null,
      entity_id text,
      details jsonb not null default '{}',
      ip text,
      constraint audit_log_pkey primary key (id, at),
      constraint audit_log_user_id_foreign foreign key (user_id) references users (id) on delete set null
    ) partition by range (at)`);
  await knex.raw('alter sequence audit_log_id_seq owned by audit_log.id');
  await knex.raw('create index audit_log_entity_entity_id_index on audit_log (entity, entity_id)');
  await knex.raw('create index audit_log_at_index on audit_log (at)');
  await knex.raw('create table audit_log_default partition of audit_log default');

  const oldest = await knex('audit_log_unpartitioned').min('at as at').first();
  const now = new Date();
  const first = oldest?.at ? new Date(oldest.at) : now;
  const last = monthStart(now.getUTCFullYear(), now.getUTCMonth() + MONTHS_AHEAD);
  for (
    let start = monthStart(first.getUTCFullYear(), first.getUTCMonth());
    start <= last;
    start = monthStart(start.getUTCFullYear(), start.getUTCMonth() + 1)
  ) {
    const end = monthStart(start.getUTCFullYear(), start.getUTCMonth() + 1);
    // DDL takes no bind parameters; toISOString's output is safe as a literal.
    await knex.raw(
      `create table ?? partition of audit_log for values from ('${start.toISOString()}') to ('${end.toISOString()}')`,
      [partitionName(start)],
    );
  }
  await knex.raw(
    'insert into audit_log (id, at, user_id, action, entity, entity_id, details, ip) select id, at, user_id, action, entity, entity_id, details, ip from audit_log_unpartitioned',
  );
  await knex.raw('drop table audit_log_unpartitioned');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table audit_log rename to audit_log_partitioned');
  await knex.raw(
    'alter table audit_log_partitioned rename constraint audit_log_pkey to audit_log_partitioned_pkey',
  );
  await knex.raw('alter table audit_log_partitioned drop constraint audit_log_user_id_foreign');
  await knex.raw('drop index audit_log_entity_entity_id_index, audit_log_at_index');
  await knex.raw('alter sequence audit_log_id_seq rename to audit_log_partitioned_id_seq');
  await knex.schema.createTable('audit_log', (t) => {
    t.bigIncrements('id');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.integer('user_id').references('id').inTable('users').onDelete('SET NULL');
    t.string('action', 40).notNullable();
    t.string('entity', 40).notNullable();
    t.text('entity_id');
    t.jsonb('details').notNullable().defaultTo('{}');
    t.text('ip');
    t.index(['entity', 'entity_id']);
    t.index(['at']);
  });
  await knex.raw(
    'insert into audit_log (id, at, user_id, action, entity, entity_id, details, ip) select id, at, user_id, action, entity, entity_id, details, ip from audit_log_partitioned',
  );
  // bigIncrements made a fresh sequence: it continues where the kept one stood.
  await knex.raw(
    "select setval('audit_log_id_seq', greatest((select last_value from audit_log_partitioned_id_seq), (select coalesce(max(id), 1) from audit_log)))",
  );
  await knex.raw('drop table audit_log_partitioned');
}
