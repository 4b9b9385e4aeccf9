/** Who a user is to the system: Home Affairs (admin), a ward's official, or a read-only viewer. */
export const ROLES = ['admin', 'ward_official', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
