/** Values a careless or hostile client sends, by where they go (issue 11, items 7 and 8 among them). */

const impossibleDateCursor = Buffer.from(JSON.stringify(['2026-02-30T00:00:00.000000Z', 1])).toString(
  'base64url',
);
const yearZeroCursor = Buffer.from(JSON.stringify(['0000-01-01T00:00:00.000000Z', 1])).toString('base64url');

/** Strings as they arrive after JSON parsing: NUL, a lone surrogate, huge, markup, SQL. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  'a\u0000b',
  '\u0000',
  'x\ud800y',
  '\udfff',
  'x'.repeat(20_000),
  "' or 1=1 --",
  '<script>alert(1)</script>',
  '=HYPERLINK("http://x")',
  '0x10',
  '1e3',
  ' 16',
  '-1',
  'Phường Phúc Diễn 🙂',
  '%ZZ',
  '../..',
];

/** JSON values of the wrong type, or of the right type out of range. */
export const HOSTILE_JSON: readonly unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  1e308,
  2 ** 31,
  Number.MAX_SAFE_INTEGER + 2,
  [],
  {},
  [[[[[[[[['deep']]]]]]]]],
  { $gt: '' },
  '2026-02-30T00:00:00Z',
  '0000-01-01T00:00:00Z',
  ...HOSTILE_STRINGS,
];

/** Path ids, already percent-encoded for the URL. */
export const HOSTILE_PATH_IDS: readonly string[] = [
  '%ZZ',
  '%',
  '0x10',
  '1e3',
  '%2016',
  '16%20',
  '0',
  '-1',
  '1.5',
  '99999999999999999999',
  '2147483648',
  '9007199254740993',
  'abc',
  '%00',
  '%ED%A0%80',
  'x'.repeat(3000),
];

/** Query values, before percent-encoding. */
export const HOSTILE_QUERY_VALUES: readonly string[] = [
  ...HOSTILE_STRINGS,
  '2026-02-30T00:00:00Z',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '2026-W99',
  '0000-W01',
  impossibleDateCursor,
  yearZeroCursor,
  '1,2,,3',
];

export const HOSTILE_COOKIES: readonly string[] = [
  'hotline_session=%',
  'hotline_session=%E0%A4%A',
  'hotline_session=',
  `hotline_session=${'a'.repeat(5000)}`,
  'hotline_session=x; hotline_session=y',
];

/** Whole bodies as raw bytes with the headers that come with them. */
export const HOSTILE_RAW_BODIES: ReadonlyArray<{ headers: Record<string, string>; body: string }> = [
  { headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: '{"not":"gzip"}' },
  { headers: { 'content-type': 'application/json', 'content-encoding': 'deflate' }, body: 'plain' },
  { headers: { 'content-type': 'application/json', 'content-encoding': 'br' }, body: '{}' },
  { headers: { 'content-type': 'application/json' }, body: '{"username": "admin", ' },
  { headers: { 'content-type': 'application/json' }, body: '{"text":"\\ud800","name":"\\udc00x"}' },
  { headers: { 'content-type': 'application/json' }, body: '{"text":"a\\u0000b","name":"\\u0000"}' },
  { headers: { 'content-type': 'application/json' }, body: `${'['.repeat(50_000)}${']'.repeat(50_000)}` },
  { headers: { 'content-type': 'application/json; charset=latin1' }, body: '{}' },
  { headers: { 'content-type': 'text/plain' }, body: 'hello' },
  { headers: { 'content-type': 'application/json' }, body: '"just a string"' },
  { headers: { 'content-type': 'application/json' }, body: 'null' },
];
