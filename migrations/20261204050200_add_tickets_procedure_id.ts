import type { Knex } from 'knex';

/** The procedure a citizen's feedback is about (sent from the procedure's page); null otherwise. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tickets', (t) => {
    t.integer('procedure_id').references('id').inTable('procedures').onDelete('SET NULL');
  });
  await knex.raw(
    'create index tickets_procedure_received_idx on tickets (procedure_id, received_at desc) where procedure_id is not null',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tickets', (t) => {
    t.dropColumn('procedure_id');
  });
}
