import type { Procedure } from '../../core/procedures/procedure';
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
  keywords: string;
  /** A procedure's own unit; otherwise the request goes to the unit the client picks, or the district's. */
  unitId: number | null;
  /** The category a ticket of this service is filed under. */
  category: string | null;
  /** The procedure a ticket of this service is about. */
  procedureId: number | null;
}

export function categoryService(category: { id: number; name: string }): Open311Service {
  return {
    ref: { kind: 'category', id: category.id },
    name: category.name,
    description: `${GLOSSARY.category.vi}: ${category.name}`,
    group: SERVICE_GROUPS.feedback,
    keywords: category.name,
    unitId: null,
    category: category.name,
    procedureId: null,
  };
}

/** Feedback about an administrative procedure, for the unit that handles it (every ward's: the one picked). */
export function procedureService(
  procedure: Pick<Procedure, 'id' | 'code' | 'name' | 'unitId'>,
): Open311Service {
  return {
    ref: { kind: 'procedure', id: procedure.id },
    name: procedure.name,
    description: `Phản ánh về thủ tục hành chính: ${procedure.name}`,
    group: SERVICE_GROUPS.procedure,
    keywords: procedure.code,
    unitId: procedure.unitId,
    category: null,
    procedureId: procedure.id,
  };
}

export const UNCATEGORISED_SERVICE: Open311Service = {
  ref: { kind: 'uncategorised' },
  name: GLOSSARY.uncategorised.vi,
  description: 'Phản ánh, kiến nghị chưa thuộc lĩnh vực nào trong danh mục',
  group: SERVICE_GROUPS.feedback,
  keywords: GLOSSARY.uncategorised.vi,
  unitId: null,
  category: null,
  procedureId: null,
};

/** The client picks the unit (service definition attribute `unit`) unless the service has its own. */
export function hasUnitAttribute(service: Open311Service): boolean {
  return service.unitId === null;
}

export const UNIT_ATTRIBUTE = 'unit';
