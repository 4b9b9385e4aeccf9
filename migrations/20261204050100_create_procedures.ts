import type { Knex } from 'knex';

/**
 * The catalogue of administrative procedures (thủ tục hành chính, issue 13 item 6): what a citizen
 * brings, pays and waits, under which legal instruments, at which unit (null: every ward), and the
 * procedure's page on the national public service portal. Each has a page on the citizen site and a
 * QR poster; a retired procedure is made inactive so the tickets that name it keep it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('procedures', (t) => {
    t.increments('id');
    t.text('code').notNullable().unique({ indexName: 'procedures_code_unique' });
    t.text('name').notNullable();
    t.jsonb('documents').notNullable().defaultTo('[]');
    t.text('fees').notNullable();
    t.text('processing_time').notNullable();
    t.jsonb('legal_basis').notNullable().defaultTo('[]');
    t.integer('unit_id').references('id').inTable('units').onDelete('CASCADE');
    t.text('portal_url');
    t.boolean('active').notNullable().defaultTo(true);
    t.timestamps(true, true);
    t.check("code ~ '^[a-z0-9][a-z0-9.-]{0,39}$'", [], 'procedures_code_format');
    t.check('length(trim(name)) between 1 and 300', [], 'procedures_name_length');
    t.check("jsonb_typeof(documents) = 'array'", [], 'procedures_documents_array');
    t.check("jsonb_typeof(legal_basis) = 'array'", [], 'procedures_legal_basis_array');
    t.check("portal_url like 'https://%'", [], 'procedures_portal_url_https');
  });
  await knex.raw('create index procedures_unit_id_idx on procedures (unit_id) where unit_id is not null');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('procedures');
}
