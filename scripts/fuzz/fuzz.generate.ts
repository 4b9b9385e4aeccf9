import type { FuzzOperation, FuzzParameter, JsonSchema } from './fuzz.operations';
import type { Prng } from './fuzz.prng';
import {
  HOSTILE_COOKIES,
  HOSTILE_JSON,
  HOSTILE_PATH_IDS,
  HOSTILE_QUERY_VALUES,
  HOSTILE_RAW_BODIES,
} from './fuzz.values';

export const FUZZ_ROLES = ['admin', 'official', 'viewer', 'anonymous'] as const;
export type FuzzRole = (typeof FUZZ_ROLES)[number];

/** The rows the seeded database holds, so valid-ish requests reach real records. */
export interface KnownIds {
  tickets: number[];
  units: number[];
  contacts: number[];
  overrides: number[];
}

export interface FuzzRequest {
  operationId: string;
  method: string;
  /** Path and query, percent-encoded as sent. */
  path: string;
  role: FuzzRole;
  /** Whether the role's X-CSRF-Token goes with it. */
  withCsrf: boolean;
  /** Sent instead of the role's session cookie. */
  cookie: string | undefined;
  headers: Record<string, string>;
  body: string | undefined;
  isHostile: boolean;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function isMutating(method: string): boolean {
  return MUTATING.has(method);
}

/** Strings that fit the API's patterns (unit codes, weeks, clock times, phone numbers), tried in turn. */
const PATTERN_CANDIDATES = [
  '1',
  '12',
  '2026-W47',
  '08:00',
  '24:00',
  '0912345678',
  '+84912345678',
  'PJSIP/ward1',
];
const TEXT_WORDS = ['đất đai', 'bảo hiểm', 'hộ khẩu', 'Phường', 'giấy phép', 'test', 'HL-2026', '0912'];

function resolve(schema: JsonSchema, op: FuzzOperation): JsonSchema {
  const ref = schema.$ref;
  if (typeof ref === 'string') return op.components[ref.replace('#/components/schemas/', '')] ?? {};
  return schema;
}

function idsFor(path: string, ids: KnownIds): number[] {
  if (path.startsWith('/api/v1/tickets')) return ids.tickets;
  if (path.startsWith('/api/v1/units')) return ids.units;
  if (path.startsWith('/api/v1/contacts')) return ids.contacts;
  if (path.startsWith('/api/v1/overrides')) return ids.overrides;
  return [];
}

function instant(rng: Prng): string {
  return new Date(
    Date.UTC(rng.int(2025, 2027), rng.int(0, 11), rng.int(1, 28), rng.int(0, 23)),
  ).toISOString();
}

function text(schema: JsonSchema, rng: Prng): string {
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : 40;
  let value = rng.pick(TEXT_WORDS);
  while (value.length < min) value += ` ${rng.pick(TEXT_WORDS)}`;
  return value.slice(0, Math.max(min, Math.min(max, value.length)));
}

function stringFor(schema: JsonSchema, name: string, rng: Prng): string {
  if (schema.format === 'date-time') return instant(rng);
  if (schema.format === 'email') return `ward${rng.int(1, 9)}@example.vn`;
  if (typeof schema.pattern === 'string') {
    const pattern = new RegExp(schema.pattern);
    const fitting = PATTERN_CANDIDATES.filter((candidate) => pattern.test(candidate));
    if (fitting.length > 0) return rng.pick(fitting);
  }
  if (name === 'dial') return rng.pick(['0912345678', 'PJSIP/ward1', '+84987654321']);
  if (name === 'username') return `fuzz-nobody-${rng.int(1, 9)}`;
  return text(schema, rng);
}

/** A value that fits the schema (mostly: the generator does not solve every rule). */
export function validValue(
  schema: JsonSchema,
  name: string,
  op: FuzzOperation,
  ids: KnownIds,
  rng: Prng,
): unknown {
  const s = resolve(schema, op);
  const branches = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined;
  if (branches && branches.length > 0) return validValue(rng.pick(branches), name, op, ids, rng);
  if (Array.isArray(s.enum)) return rng.pick(s.enum);
  if ('const' in s) return s.const;
  switch (s.type) {
    case 'null':
      return null;
    case 'boolean':
      return rng.chance(0.5);
    case 'integer':
    case 'number': {
      if (name === 'contactId' && ids.contacts.length > 0) return rng.pick(ids.contacts);
      const min = typeof s.minimum === 'number' ? s.minimum : 0;
      const max = typeof s.maximum === 'number' ? s.maximum : 100;
      return rng.int(min, Math.min(max, min + 100));
    }
    case 'string':
      return stringFor(s, name, rng);
    case 'array': {
      const maxItems = typeof s.maxItems === 'number' ? s.maxItems : 3;
      const count = rng.int(0, Math.min(3, maxItems));
      return Array.from({ length: count }, () =>
        validValue((s.items as JsonSchema) ?? {}, name, op, ids, rng),
      );
    }
    case 'object':
      return validObject(s, op, ids, rng);
    default:
      return text({}, rng);
  }
}

function validObject(
  schema: JsonSchema,
  op: FuzzOperation,
  ids: KnownIds,
  rng: Prng,
): Record<string, unknown> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  const value: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(properties)) {
    if (required.has(name) || rng.chance(0.6)) value[name] = validValue(property, name, op, ids, rng);
  }
  return value;
}

/** One field broken: a hostile value, a required one left out, or one the schema does not know. */
function spoiledBody(body: Record<string, unknown>, schema: JsonSchema, rng: Prng): unknown {
  const roll = rng.int(0, 9);
  if (roll === 0) return rng.pick(HOSTILE_JSON);
  const names = Object.keys(body);
  if (roll === 1) {
    const required = (schema.required ?? []) as string[];
    if (required.length > 0) delete body[rng.pick(required)];
    return body;
  }
  if (roll === 2 || names.length === 0) {
    // defineProperty, so '__proto__' becomes a key of the JSON instead of the object's prototype.
    Object.defineProperty(body, rng.pick(['extra', '__proto__', 'id', 'role', 'callerNumber']), {
      value: rng.pick(HOSTILE_JSON),
      enumerable: true,
    });
    return body;
  }
  body[rng.pick(names)] = rng.pick(HOSTILE_JSON);
  return body;
}

function pathOf(op: FuzzOperation, ids: KnownIds, rng: Prng, isHostile: boolean): string {
  return op.path.replace(/\{(\w+)\}/g, () => {
    if (isHostile && rng.chance(0.5)) return rng.pick(HOSTILE_PATH_IDS);
    const known = idsFor(op.path, ids);
    return String(known.length > 0 && rng.chance(0.8) ? rng.pick(known) : rng.int(1, 5000));
  });
}

const hex = (byte: number) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;

/** encodeURIComponent, except that a lone surrogate (which it refuses) goes as its three WTF-8 bytes. */
export function percentEncode(value: string): string {
  return value.replace(/[\uD800-\uDFFF]|[^\uD800-\uDFFF]+/gu, (part) => {
    if (part.length !== 1 || !/[\uD800-\uDFFF]/u.test(part)) return encodeURIComponent(part);
    const unit = part.charCodeAt(0);
    return hex(0xe0 | (unit >> 12)) + hex(0x80 | ((unit >> 6) & 0x3f)) + hex(0x80 | (unit & 0x3f));
  });
}

function queryOf(
  params: FuzzParameter[],
  op: FuzzOperation,
  ids: KnownIds,
  rng: Prng,
  isHostile: boolean,
): string {
  const pairs: Array<[string, string]> = [];
  for (const param of params) {
    if (param.name === 'cursor' && !isHostile) continue;
    if (!param.required && !rng.chance(0.4)) continue;
    const hostile = isHostile && rng.chance(0.5);
    const value = hostile
      ? rng.pick(HOSTILE_QUERY_VALUES)
      : validValue(param.schema, param.name, op, ids, rng);
    pairs.push([param.name, String(value)]);
    if (hostile && rng.chance(0.2)) pairs.push([param.name, String(rng.pick(HOSTILE_QUERY_VALUES))]);
  }
  if (isHostile && rng.chance(0.1)) pairs.push(['unknown', 'x']);
  if (pairs.length === 0) return '';
  return `?${pairs.map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`).join('&')}`;
}

/**
 * The request number `index` of a run: operation and role go round in turn, so every operation is
 * tried by every role once the run has operations × roles requests; the rest comes from `rng`.
 * Pure: the same operations, ids, index and PRNG state give the same request.
 */
export function generateRequest(
  ops: readonly FuzzOperation[],
  ids: KnownIds,
  index: number,
  rng: Prng,
): FuzzRequest {
  const op = ops[index % ops.length] as FuzzOperation;
  const role = FUZZ_ROLES[Math.floor(index / ops.length) % FUZZ_ROLES.length] as FuzzRole;
  const isHostile = rng.chance(0.6);
  const request: FuzzRequest = {
    operationId: op.operationId,
    method: op.method,
    path: `${pathOf(op, ids, rng, isHostile)}${queryOf(op.queryParams, op, ids, rng, isHostile)}`,
    role,
    withCsrf: !(isHostile && rng.chance(0.1)),
    cookie: isHostile && rng.chance(0.1) ? rng.pick(HOSTILE_COOKIES) : undefined,
    headers: {},
    body: undefined,
    isHostile,
  };
  if (op.body) {
    if (isHostile && rng.chance(0.15)) {
      const raw = rng.pick(HOSTILE_RAW_BODIES);
      return { ...request, headers: { ...raw.headers }, body: raw.body };
    }
    const schema = resolve(op.body, op);
    const valid = validObject(schema, op, ids, rng);
    const body = isHostile ? spoiledBody(valid, schema, rng) : valid;
    return { ...request, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  }
  return request;
}
