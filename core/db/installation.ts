/**
 * The instant the service was installed, written once by migration 20261203000100 into the
 * settings table. It is not part of an organisation: loading or seeding one never touches it.
 */
export const INSTALLED_AT_KEY = 'installed_at';

/** SQL for that instant (never null: an unknown installation counts as having always existed). */
export const INSTALLED_AT_SQL = `coalesce((select (value #>> '{}')::timestamptz from settings where key = '${INSTALLED_AT_KEY}'), '-infinity'::timestamptz)`;
