import type { Knex } from 'knex';
import { NotFoundError } from '../../../core/errors';
import { AuditRepository } from '../audit/audit.repo';
import { newOpen311Key, open311KeyHash } from './open311-key';
import type { Open311Key, Open311KeyCreated } from './open311-keys.schemas';

/** The client a valid key stands for. */
export interface Open311Client {
  keyId: number;
  name: string;
}

interface KeyRow {
  id: number;
  name: string;
  created_by_name: string | null;
  created_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

const iso = (at: Date | null) => (at === null ? null : at.toISOString());

const viewOf = (row: KeyRow): Open311Key => ({
  id: row.id,
  name: row.name,
  createdBy: row.created_by_name,
  createdAt: row.created_at.toISOString(),
  revokedAt: iso(row.revoked_at),
  lastUsedAt: iso(row.last_used_at),
});

/** The Open311 API keys admins issue and revoke; each issue and revocation is audited. */
export class Open311KeysRepository {
  constructor(private readonly knex: Knex) {}

  private rows(knex: Knex = this.knex) {
    return knex('open311_keys as k')
      .leftJoin('users as u', 'u.id', 'k.created_by')
      .select<KeyRow[]>(
        'k.id',
        'k.name',
        knex.raw('coalesce(u.display_name, u.username) as created_by_name'),
        'k.created_at',
        'k.revoked_at',
        'k.last_used_at',
      );
  }

  async list(): Promise<Open311Key[]> {
    const rows = await this.rows().orderByRaw('k.revoked_at is not null, k.created_at desc, k.id desc');
    return rows.map(viewOf);
  }

  async create(name: string, userId: number, ip: string | null): Promise<Open311KeyCreated> {
    const key = newOpen311Key();
    return this.knex.transaction(async (trx) => {
      const [{ id }] = await trx('open311_keys')
        .insert({ name, key_hash: open311KeyHash(key), created_by: userId })
        .returning('id');
      await new AuditRepository(trx).record({
        userId,
        action: 'open311-key.create',
        entity: 'open311-key',
        entityId: id,
        details: { name },
        ip,
      });
      const row = await this.rows(trx).where('k.id', id).first();
      return { ...viewOf(row as KeyRow), key };
    });
  }

  /** Revoking a revoked key changes nothing and records nothing. */
  async revoke(id: number, userId: number, ip: string | null): Promise<Open311Key> {
    return this.knex.transaction(async (trx) => {
      const revoked = await trx('open311_keys')
        .where({ id })
        .whereNull('revoked_at')
        .update({ revoked_at: trx.fn.now() })
        .returning('name');
      if (revoked.length > 0)
        await new AuditRepository(trx).record({
          userId,
          action: 'open311-key.revoke',
          entity: 'open311-key',
          entityId: id,
          details: { name: revoked[0].name },
          ip,
        });
      const row = await this.rows(trx).where('k.id', id).first();
      if (!row) throw new NotFoundError('open311-key', id);
      return viewOf(row);
    });
  }

  /** The client of a key that was issued and not revoked (noting its use), else null. */
  async use(key: string, at: Date): Promise<Open311Client | null> {
    const [row] = await this.knex('open311_keys')
      .where({ key_hash: open311KeyHash(key) })
      .whereNull('revoked_at')
      .update({ last_used_at: at })
      .returning(['id', 'name']);
    return row ? { keyId: Number(row.id), name: row.name } : null;
  }
}
