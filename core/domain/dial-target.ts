import { isE164, normalizeVietnamesePhone, toNationalDigits } from './phone';

export type DialTarget = { kind: 'phone'; e164: string } | { kind: 'endpoint'; endpoint: string };

export type DialTargetParse = { ok: true; target: DialTarget } | { ok: false; reason: string };

const TECHNOLOGIES = ['PJSIP', 'SIP', 'IAX2', 'Local', 'DAHDI'] as const;
// No whitespace, '&' or ',' (Dial() separators) and no '$', '{', '}' (dialplan expressions):
// an endpoint string ends up inside Dial(), so it must not be able to inject anything.
const RESOURCE = /^[A-Za-z0-9_.+\-@/:=*#~]+$/;
const PLACEHOLDER = /\{([^{}]*)\}/g;
const PLACEHOLDER_NAMES = ['number', 'digits', 'national'] as const;

/**
 * A contact's dial field: a raw Asterisk endpoint (`PJSIP/ward1`, `Local/101@internal`), a Vietnamese
 * number in any accepted layout, or any other E.164 number (`+` and 8–15 digits) taken as-is, so
 * placeholder and foreign numbers still load.
 */
export function parseDialTarget(input: string): DialTargetParse {
  const text = input.trim();
  if (text.includes('/')) return parseEndpoint(text);

  const vietnamese = normalizeVietnamesePhone(text);
  if (vietnamese.ok) return { ok: true, target: { kind: 'phone', e164: vietnamese.e164 } };
  const compact = text.replace(/[\s.\-()]/g, '');
  if (isE164(compact)) return { ok: true, target: { kind: 'phone', e164: compact } };
  return {
    ok: false,
    reason: `"${text}" is neither an Asterisk endpoint (TECH/resource) nor a phone number: ${vietnamese.reason}`,
  };
}

function parseEndpoint(text: string): DialTargetParse {
  const slash = text.indexOf('/');
  const techWritten = text.slice(0, slash);
  const resource = text.slice(slash + 1);
  // Asterisk matches technology names case-insensitively; store the canonical spelling.
  const tech = TECHNOLOGIES.find((name) => name.toLowerCase() === techWritten.toLowerCase());
  if (tech === undefined) {
    return {
      ok: false,
      reason: `"${text}" uses the channel technology "${techWritten}"; expected one of ${TECHNOLOGIES.join(', ')}`,
    };
  }
  if (resource === '') return { ok: false, reason: `"${text}" has no resource after "${tech}/"` };
  if (!RESOURCE.test(resource)) {
    return {
      ok: false,
      reason: `"${text}" has characters not allowed in an endpoint (letters, digits and _ . + - @ / : = * # ~ only)`,
    };
  }
  if (tech === 'Local' && !/^[^@/]+@[^@/]+/.test(resource)) {
    return { ok: false, reason: `"${text}" must name an extension and a context, e.g. Local/101@internal` };
  }
  return { ok: true, target: { kind: 'endpoint', endpoint: `${tech}/${resource}` } };
}

/** Why a trunk template cannot dial phone numbers, or null when it can. */
export function trunkTemplateProblem(trunkTemplate: string): string | null {
  const names = [...trunkTemplate.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '');
  const unknown = names.find((name) => !(PLACEHOLDER_NAMES as readonly string[]).includes(name));
  if (unknown !== undefined) {
    return `trunk template "${trunkTemplate}" has an unknown placeholder {${unknown}}; use {number}, {digits} or {national}`;
  }
  if (names.length === 0) {
    return `trunk template "${trunkTemplate}" has no {number}, {digits} or {national} placeholder`;
  }
  return null;
}

/**
 * The Dial() string for a target. Phone numbers go through the trunk template, where {number} is
 * '+84889009412', {digits} is '84889009412' and {national} is '0889009412' ('00' + digits abroad).
 */
export function dialString(target: DialTarget, trunkTemplate: string): string {
  if (target.kind === 'endpoint') return target.endpoint;
  const problem = trunkTemplateProblem(trunkTemplate);
  if (problem !== null) throw new Error(problem);
  const values: Record<(typeof PLACEHOLDER_NAMES)[number], string> = {
    number: target.e164,
    digits: target.e164.slice(1),
    national: toNationalDigits(target.e164),
  };
  return trunkTemplate.replace(PLACEHOLDER, (_, name: keyof typeof values) => values[name]);
}

/** The stored form: E.164 for phones, the endpoint string for endpoints; parseDialTarget reads it back. */
export function dialTargetToString(target: DialTarget): string {
  return target.kind === 'phone' ? target.e164 : target.endpoint;
}

/**
 * The PJSIP endpoint whose contacts decide whether `dial` can ring: `PJSIP/ward1` → `ward1`.
 * Phone numbers leave through the trunk (their reachability is the carrier's) and endpoints
 * written with a destination (`PJSIP/101@trunk`) or another technology are not tracked: null.
 */
export function amiEndpointOf(dial: DialTarget): string | null {
  if (dial.kind !== 'endpoint') return null;
  const match = /^PJSIP\/([^@/]+)$/.exec(dial.endpoint);
  return match?.[1] ?? null;
}
