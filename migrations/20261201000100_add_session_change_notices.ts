import type { Knex } from 'knex';

/**
 * Instances keep recently resumed sessions in memory. Whatever ends a session or changes who its
 * user is (sign-out on another instance, a password change, a script that deactivates a user or
 * rescopes them) must reach every instance's cache, so the database announces it itself:
 * NOTIFY sessions_changed 'session:<id>' or 'user:<id>'.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create function notify_session_ended() returns trigger language plpgsql as $$
    begin
      perform pg_notify('sessions_changed', 'session:' || old.id);
      return null;
    end $$`);
  await knex.raw(`
    create function notify_user_changed() returns trigger language plpgsql as $$
    begin
      perform pg_notify('sessions_changed', 'user:' || old.id);
      return null;
    end $$`);
  await knex.raw(`
    create function notify_user_scope_changed() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'INSERT' then perform pg_notify('sessions_changed', 'user:' || old.user_id); end if;
      if tg_op <> 'DELETE' then perform pg_notify('sessions_changed', 'user:' || new.user_id); end if;
      return null;
    end $$`);
  await knex.raw(`
    create trigger sessions_ended_notice after delete on sessions
    for each row execute function notify_session_ended()`);
  await knex.raw(`
    create trigger users_changed_notice
    after update of username, display_name, role, active, must_change_password, password_hash or delete
    on users for each row execute function notify_user_changed()`);
  await knex.raw(`
    create trigger user_units_changed_notice after insert or update or delete on user_units
    for each row execute function notify_user_scope_changed()`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop trigger if exists user_units_changed_notice on user_units');
  await knex.raw('drop trigger if exists users_changed_notice on users');
  await knex.raw('drop trigger if exists sessions_ended_notice on sessions');
  await knex.raw('drop function if exists notify_user_scope_changed()');
  await knex.raw('drop function if exists notify_user_changed()');
  await knex.raw('drop function if exists notify_session_ended()');
}
