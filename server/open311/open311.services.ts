import { GLOSSARY } from '../../core/reports/glossary';

/**
 * The GeoReport services this hotline offers: each category admins keep (a kind of feedback), the
 * uncategorised feedback, and each administrative procedure. Codes are stable and contain no dot,
 * since the format follows one in every URL (services/category-3.json).
 */
export type ServiceRef =
  | { kind: 'category'; id: number }
  | { kind: 'procedure'; id: number }
  | { kind: 'uncategorised' };

export const UNCATEGORISED_CODE = 'uncategorised';

export const SERVICE_GROUPS = {
  feedback: 'Phản ánh, kiến nghị',
  procedure: 'Thủ tục hành chính',
} as const;

export function serviceCodeOf(ref: ServiceRef): string {
  return ref.kind === 'uncategorised' ? UNCATEGORISED_CODE : `${ref.kind}-${ref.id}`;
}

/** The service a code names, or null for a code no service could have. */
export function parseServiceCode(code: string): ServiceRef | null {
  if (code === UNCATEGORISED_CODE) return { kind: 'uncategorised' };
  const match = /^(category|procedure)-([1-9]\d{0,8})$/.exec(code);
  if (!match) return null;
  return { kind: match[1] as 'category' | 'procedure', id: Number(match[2]) };
}

export interface Open311Service {
  ref: ServiceRef;
  name: string;
  description: string;
  group: string;
  /** A procedure's unit; a feedback service goes to the unit the client picks, or the district's. */
  unitId: number | null;
  /** The category a ticket of this service is filed under. */
  category: string | null;
}

export function categoryService(category: { id: number; name: string }): Open311Service {
  return {
    ref: { kind: 'category', id: category.id },
    name: category.name,
    description: `${GLOSSARY.category.vi}: ${category.name}`,
    group: SERVICE_GROUPS.feedback,
    unitId: null,
    category: category.name,
  };
}

export const UNCATEGORISED_SERVICE: Open311Service = {
  ref: { kind: 'uncategorised' },
  name: GLOSSARY.uncategorised.vi,
  description: 'Phản ánh, kiến nghị chưa thuộc lĩnh vực nào trong danh mục',
  group: SERVICE_GROUPS.feedback,
  unitId: null,
  category: null,
};

/** Feedback services let the client pick the unit (service definition attribute `unit`); a procedure's unit is its own. */
export function hasUnitAttribute(service: Open311Service): boolean {
  return service.ref.kind !== 'procedure';
}

export const UNIT_ATTRIBUTE = 'unit';
