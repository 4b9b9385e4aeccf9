import type { Knex } from 'knex';

/**
 * The permission to read confidential complaints to the chairman with their sender's contact
 * (issue 13, item 4): granted by an admin to the chairman's account and the office clerk. A ward
 * official never holds it (the rule ignores it for them; the users API refuses it). Revoking it
 * must reach every instance's session cache at once, so the users trigger also watches it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.boolean('reads_complaints').notNullable().defaultTo(false);
  });
  await watchUserColumns(knex, 'reads_complaints, ');
}

export async function down(knex: Knex): Promise<void> {
  await watchUserColumns(knex, '');
  await knex.schema.alterTable('users', (t) => {
    t.dropColumn('reads_complaints');
  });
}

async function watchUserColumns(knex: Knex, extra: string): Promise<void> {
  await knex.raw('drop trigger if exists users_changed_notice on users');
  await knex.raw(`
    create trigger users_changed_notice
    after update of username, display_name, role, active, must_change_password, ${extra}password_hash or delete
    on users for each row execute function notify_user_changed()`);
}
