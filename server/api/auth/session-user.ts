import type { Reader } from '../../../core/tickets/confidentiality';
import type { Role } from '../../../core/users/roles';

export interface UnitRef {
  id: number;
  code: string;
  name: string;
}

/** The signed-in person as every use case sees them: who, which role, which units. */
export interface SessionUser {
  id: number;
  username: string;
  displayName: string | null;
  role: Role;
  /** The units a ward official is scoped to; empty for admins and viewers, who see every unit. */
  units: UnitRef[];
  mustChangePassword: boolean;
  /** Holds users.reads_complaints: reads confidential complaints to the chairman with their sender. */
  readsComplaints: boolean;
}

export interface CurrentSession {
  /** sha256 of the cookie token, as stored. */
  id: string;
  csrfToken: string;
  user: SessionUser;
}

declare global {
  namespace Express {
    interface Locals {
      session?: CurrentSession;
    }
  }
}

/** Unit ids a user is limited to, or null when they see every unit. */
export function unitScope(user: SessionUser): number[] | null {
  return user.role === 'ward_official' ? user.units.map((unit) => unit.id) : null;
}

/** The user as the confidentiality rule (core/tickets/confidentiality) reads them. */
export function readerOf(user: SessionUser): Reader {
  return {
    kind: 'user',
    role: user.role,
    unitIds: user.units.map((unit) => unit.id),
    readsComplaints: user.readsComplaints,
  };
}
