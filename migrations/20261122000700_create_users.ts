import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('users', (t) => {
    t.increments('id');
    t.text('username').notNullable();
    t.text('display_name');
    t.text('password_hash').notNullable();
    t.string('role', 16).notNullable();
    t.boolean('active').notNullable().defaultTo(true);
    t.boolean('must_change_password').notNullable().defaultTo(false);
    t.integer('failed_logins').notNullable().defaultTo(0);
    t.timestamp('locked_until', { useTz: true });
    t.timestamp('last_login_at', { useTz: true });
    t.timestamps(true, true);
    t.check("role in ('admin', 'ward_official', 'viewer')", [], 'users_role_known');
  });
  await knex.raw('create unique index users_username_lower_idx on users (lower(username))');
  await knex.schema.createTable('user_units', (t) => {
    t.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.integer('unit_id').notNullable().references('id').inTable('units').onDelete('CASCADE');
    t.primary(['user_id', 'unit_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('user_units');
  await knex.schema.dropTable('users');
}
