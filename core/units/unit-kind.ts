/** What a unit is: a ward, a department of the district, or the district office itself. */
export const UNIT_KINDS = ['ward', 'department', 'district'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
