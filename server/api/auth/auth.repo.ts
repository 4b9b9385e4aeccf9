import type { Knex } from 'knex';
import type { Role } from '../../../core/users/roles';
import type { SessionUser, UnitRef } from './session-user';

export interface LoginCandidate {
  id: number;
  passwordHash: string;
  active: boolean;
}

export interface NewSession {
  id: string;
  userId: number;
  csrfToken: string;
  createdAt: Date;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
}

export interface StoredSession {
  id: string;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  user: SessionUser;
}

interface UserRow {
  id: number;
  username: string;
  display_name: string | null;
  role: string;
  must_change_password: boolean;
  reads_complaints: boolean;
}

function sessionUserOf(row: UserRow, units: UnitRef[]): SessionUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    units,
    mustChangePassword: row.must_change_password,
    readsComplaints: row.reads_complaints,
  };
}

export class AuthRepository {
  constructor(private readonly knex: Knex) {}

  async findLoginCandidate(username: string): Promise<LoginCandidate | undefined> {
    const row = await this.knex('users')
      .whereRaw('lower(username) = lower(?)', [username])
      .first('id', 'password_hash', 'active');
    return row ? { id: row.id, passwordHash: row.password_hash, active: row.active } : undefined;
  }

  async recordSuccessfulLogin(userId: number, at: Date): Promise<void> {
    await this.knex('users').where({ id: userId }).update({ last_login_at: at });
  }

  async createSession(session: NewSession): Promise<void> {
    await this.knex('sessions').insert({
      id: session.id,
      user_id: session.userId,
      csrf_token: session.csrfToken,
      created_at: session.createdAt,
      last_seen_at: session.createdAt,
      expires_at: session.expiresAt,
      ip: session.ip,
      user_agent: session.userAgent,
    });
  }

  /**
   * The session and its active user with their unit scope, in one round trip: every API request
   * starts here, so it is one query rather than three.
   */
  async findSession(id: string): Promise<StoredSession | undefined> {
    const units = this.knex('user_units as uu')
      .join('units as un', 'un.id', 'uu.unit_id')
      .whereRaw('uu.user_id = u.id')
      .select(
        this.knex.raw(
          "coalesce(json_agg(json_build_object('id', un.id, 'code', un.code, 'name', un.name) order by un.id), '[]')",
        ),
      );
    const row = await this.knex('sessions as s')
      .join('users as u', 'u.id', 's.user_id')
      .where('s.id', id)
      .andWhere('u.active', true)
      .first(
        's.id',
        's.csrf_token',
        's.created_at',
        's.last_seen_at',
        's.expires_at',
        'u.id as user_id',
        'u.username',
        'u.display_name',
        'u.role',
        'u.must_change_password',
        'u.reads_complaints',
        units.as('units'),
      );
    if (!row) return undefined;
    return {
      id: row.id,
      csrfToken: row.csrf_token,
      createdAt: row.created_at,
      lastSeenAt: row.last_seen_at,
      expiresAt: row.expires_at,
      user: sessionUserOf({ ...row, id: row.user_id }, row.units as UnitRef[]),
    };
  }

  async touchSession(id: string, lastSeenAt: Date, expiresAt: Date): Promise<void> {
    await this.knex('sessions').where({ id }).update({ last_seen_at: lastSeenAt, expires_at: expiresAt });
  }

  async deleteSession(id: string): Promise<void> {
    await this.knex('sessions').where({ id }).delete();
  }

  async deleteOtherSessions(userId: number, keepId: string): Promise<void> {
    await this.knex('sessions').where({ user_id: userId }).andWhereNot({ id: keepId }).delete();
  }

  async deleteExpiredSessions(now: Date): Promise<void> {
    await this.knex('sessions').where('expires_at', '<=', now).delete();
  }

  async findUser(id: number): Promise<SessionUser | undefined> {
    const row = await this.knex('users')
      .where({ id, active: true })
      .first('id', 'username', 'display_name', 'role', 'must_change_password', 'reads_complaints');
    if (!row) return undefined;
    const units: UnitRef[] = await this.knex('user_units as uu')
      .join('units as un', 'un.id', 'uu.unit_id')
      .where('uu.user_id', id)
      .orderBy('un.id')
      .select('un.id', 'un.code', 'un.name');
    return sessionUserOf(row, units);
  }

  async passwordHashOf(userId: number): Promise<string | undefined> {
    const row = await this.knex('users').where({ id: userId }).first('password_hash');
    return row?.password_hash;
  }

  async setPassword(userId: number, passwordHash: string): Promise<void> {
    await this.knex('users')
      .where({ id: userId })
      .update({ password_hash: passwordHash, must_change_password: false, updated_at: this.knex.fn.now() });
  }
}
