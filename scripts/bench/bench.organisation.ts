import { parseOrganisation } from '../../core/seed/organisation.load';
import type { Organisation } from '../../core/seed/organisation.schema';

/** Two-digit codes: each is complete at once, while its first digit is a prefix of many codes. */
export const BENCH_CODES = Array.from({ length: 20 }, (_, index) => String(10 + index));

export const benchEndpoint = (code: string) => `PJSIP/unit${code}`;

export const OPERATOR_ENDPOINT = 'PJSIP/operator';

/** What an official's phone does when the IVR rings it. */
export type OfficialPhone = 'answers' | 'busy' | 'rejects' | 'unreachable';

/**
 * The phones of units 10–29 that do not answer, in the order the IVR rings them; every other
 * raw endpoint answers. Calls spread evenly over the 20 codes ring 26 legs per 20 calls: 3 busy
 * (12 %), 2 rejected (8 %), 1 unreachable (4 %); unit 14's own phones all fail and its call goes
 * to its fallback (the operator), so every call still ends with an official.
 */
const FAILING_PHONES: Record<string, OfficialPhone[]> = {
  '10': ['busy'],
  '11': ['busy'],
  '12': ['rejects'],
  '13': ['unreachable'],
  '14': ['busy', 'rejects'],
};

/** The raw endpoints a unit rings in order (the last one answers, except unit 14's), and what each does. */
export function benchPhones(code: string): Array<{ endpoint: string; phone: OfficialPhone }> {
  const failing = FAILING_PHONES[code] ?? [];
  const phones = failing.map((phone, index) => ({
    endpoint: `${benchEndpoint(code)}-${index + 1}`,
    phone,
  }));
  if (code === '14') return phones;
  return [...phones, { endpoint: benchEndpoint(code), phone: 'answers' }];
}

/**
 * A district shaped like the sample one (13 wards, departments, an operator), so menu and roster
 * lookups do their ordinary work: codes 1..29, where 1 and 2 are prefixes. A unit's officials are
 * raw endpoints (no answer confirmation), rung in the order of `benchPhones`.
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
      contacts: benchPhones(code).map(({ endpoint }, order) => ({
        name: `${order === 0 ? 'Chủ tịch' : `Phó Chủ tịch ${order}`} đơn vị ${code}`,
        dial: endpoint,
      })),
    };
  });
  return parseOrganisation('bench organisation', {
    units: [
      {
        code: '0',
        kind: 'district',
        name: 'Phòng Nội vụ (tổng đài viên)',
        contacts: [{ name: 'Trực ban', dial: OPERATOR_ENDPOINT }],
      },
      ...units,
    ],
  });
}
