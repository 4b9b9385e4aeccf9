import type { Knex } from 'knex';
import { unknownUnitsError } from './account-rules';

export interface ScopeUnit {
  id: number;
  code: string;
  name: string;
}

/** Which units a scope names: by their codes (scripts) or by their ids (the API). */
export type UnitChoice = { codes: readonly string[] } | { ids: readonly number[] };

/** The units chosen, in the order of their ids; an unknown code or id is refused by name. */
export async function resolveScopeUnits(trx: Knex, choice: UnitChoice): Promise<ScopeUnit[]> {
  const byCode = 'codes' in choice;
  const wanted: readonly (string | number)[] = byCode ? choice.codes : choice.ids;
  if (wanted.length === 0) return [];
  const rows: ScopeUnit[] = await trx('units')
    .whereIn(byCode ? 'code' : 'id', [...wanted])
    .orderBy('id')
    .select('id', 'code', 'name');
  const missing = wanted.filter((value) => !rows.some((row) => (byCode ? row.code : row.id) === value));
  if (missing.length > 0) {
    throw byCode ? unknownUnitsError('unit', 'code', missing) : unknownUnitsError('unitIds', 'id', missing);
  }
  return rows;
}

/** Sets the user's scope to exactly these units. */
export async function replaceScopeUnits(
  trx: Knex,
  userId: number,
  units: readonly ScopeUnit[],
): Promise<void> {
  await trx('user_units').where({ user_id: userId }).delete();
  if (units.length > 0) {
    await trx('user_units').insert(units.map((unit) => ({ user_id: userId, unit_id: unit.id })));
  }
}
