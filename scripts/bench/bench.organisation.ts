import { parseOrganisation } from '../../core/seed/organisation.load';
import type { Organisation } from '../../core/seed/organisation.schema';

/** Two-digit codes: each is complete at once, while its first digit is a prefix of many codes. */
export const BENCH_CODES = Array.from({ length: 20 }, (_, index) => String(10 + index));

export const benchEndpoint = (code: string) => `PJSIP/unit${code}`;

/**
 * A district shaped like the sample one (13 wards, departments, an operator), so menu and roster
 * lookups do their ordinary work: codes 1..29, where 1 and 2 are prefixes. Each unit's chairman is
 * a raw endpoint (no answer confirmation); the deputy behind it is a phone number never reached.
 */
export function benchOrganisation(): Organisation {
  const units = Array.from({ length: 29 }, (_, index) => {
    const code = String(index + 1);
    const kind = index < 13 ? 'ward' : 'department';
    return {
      code,
      kind,
      name: `${kind === 'ward' ? 'UBND phường' : 'Phòng'} thử tải ${code}`,
      fallback: '0',
      contacts: [
        { name: `Chủ tịch đơn vị ${code}`, dial: benchEndpoint(code) },
        { name: `Phó Chủ tịch đơn vị ${code}`, dial: `09120${String(index + 1).padStart(5, '0')}` },
      ],
    };
  });
  return parseOrganisation('bench organisation', {
    units: [
      {
        code: '0',
        kind: 'district',
        name: 'Phòng Nội vụ (tổng đài viên)',
        contacts: [{ name: 'Trực ban', dial: 'PJSIP/operator' }],
      },
      ...units,
    ],
  });
}
