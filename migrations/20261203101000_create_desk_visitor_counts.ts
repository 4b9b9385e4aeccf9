import type { Knex } from 'knex';

/**
 * Visitors a desk served in a month, as the desk records them (issue 13): the share who rated is
 * ratings over visitors (the Gia Lâm target is 30 %). One row per desk and month.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('desk_visitor_counts', (t) => {
    t.integer('desk_id').notNullable().references('id').inTable('desks').onDelete('CASCADE');
    t.string('month', 7).notNullable();
    t.integer('visitors').notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['desk_id', 'month']);
    t.check("month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'", [], 'desk_visitor_counts_month_format');
    t.check('visitors >= 0', [], 'desk_visitor_counts_visitors_positive');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('desk_visitor_counts');
}
