import assert from 'node:assert/strict';
import {
  codesMeantBy,
  formatTicketCode,
  parseTicketCode,
  spokenTicketDigits,
} from '../../core/domain/ticket-code';

describe('formatTicketCode', () => {
  const cases: [year: number, seq: number, code: string][] = [
    [2026, 1, 'HL-2026-000001'],
    [2026, 123, 'HL-2026-000123'],
    [2026, 999999, 'HL-2026-999999'],
    [2026, 1000000, 'HL-2026-1000000'],
    [2027, 42, 'HL-2027-000042'],
  ];
  for (const [year, seq, code] of cases) {
    it(`${year}, ${seq} → ${code}`, () => {
      assert.equal(formatTicketCode(year, seq), code);
      assert.deepEqual(parseTicketCode(code), { year, seq });
    });
  }

  const invalid: [year: number, seq: number, message: RegExp][] = [
    [26, 1, /year must be a 4-digit integer, got 26/],
    [10000, 1, /year must be a 4-digit integer, got 10000/],
    [2026.5, 1, /year/],
    [Number.NaN, 1, /year/],
    [2026, 0, /sequence must be a positive integer, got 0/],
    [2026, -3, /sequence must be a positive integer, got -3/],
    [2026, 1.5, /sequence/],
    [2026, Number.MAX_SAFE_INTEGER + 1, /sequence/],
  ];
  for (const [year, seq, message] of invalid) {
    it(`throws a RangeError for ${year}, ${seq}`, () => {
      assert.throws(
        () => formatTicketCode(year, seq),
        (error: unknown) => {
          assert.ok(error instanceof RangeError);
          assert.match(error.message, message);
          return true;
        },
      );
    });
  }
});

describe('parseTicketCode', () => {
  const cases: [code: string, parts: { year: number; seq: number } | null][] = [
    ['HL-2026-000123', { year: 2026, seq: 123 }],
    ['hl-2026-000123', { year: 2026, seq: 123 }],
    ['  HL-2026-000123 ', { year: 2026, seq: 123 }],
    ['HL-2026-1234567', { year: 2026, seq: 1234567 }],
    ['HL-2026-000000', null],
    ['HL-2026-0000123', null],
    ['HL-2026-00123', null],
    ['HL-0999-000123', null],
    ['HL-26-000123', null],
    ['HL2026000123', null],
    ['XX-2026-000123', null],
    ['HL-2026-000123x', null],
    ['HL-2026-1234567890123456', null],
    ['', null],
  ];
  for (const [code, parts] of cases) {
    it(`${JSON.stringify(code)} → ${JSON.stringify(parts)}`, () => {
      assert.deepEqual(parseTicketCode(code), parts);
    });
  }
});

describe('spokenTicketDigits', () => {
  const cases: [code: string, digits: string][] = [
    ['HL-2026-000123', '123'],
    ['HL-2026-000001', '1'],
    ['HL-2026-120000', '120000'],
    ['HL-2026-1000000', '1000000'],
  ];
  for (const [code, digits] of cases) {
    it(`${code} is read as ${digits}`, () => assert.equal(spokenTicketDigits(code), digits));
  }

  it('throws on something that is not a ticket code, naming it', () => {
    assert.throws(() => spokenTicketDigits('HL-26-1'), /not a ticket code: "HL-26-1"/);
  });
});

describe('codesMeantBy (what a citizen types to follow a ticket)', () => {
  const cases: [typed: string, codes: string[]][] = [
    ['hl-2026-000123', ['HL-2026-000123']],
    [' HL-2025-1000000 ', ['HL-2025-1000000']],
    ['123', ['HL-2026-000123', 'HL-2025-000123']],
    ['000123', ['HL-2026-000123', 'HL-2025-000123']],
    ['1000000', ['HL-2026-1000000', 'HL-2025-1000000']],
    ['0', []],
    ['12a', []],
    ['HL-2026-123', []],
    ['', []],
  ];
  for (const [typed, codes] of cases) {
    it(`${JSON.stringify(typed)} in 2026 → ${JSON.stringify(codes)}`, () =>
      assert.deepEqual(codesMeantBy(typed, 2026), codes));
  }
});
