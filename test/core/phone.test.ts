import assert from 'node:assert/strict';
import {
  formatNational,
  isE164,
  maskPhone,
  normalizeVietnamesePhone,
  phoneForDisplay,
  toNationalDigits,
} from '../../core/domain/phone';

describe('normalizeVietnamesePhone', () => {
  const accepted: [input: string, e164: string][] = [
    ['0889009412', '+84889009412'],
    ['088.900.9412', '+84889009412'],
    ['088 900 9412', '+84889009412'],
    ['088-900-9412', '+84889009412'],
    ['(088) 900 9412', '+84889009412'],
    ['+84 889 009 412', '+84889009412'],
    ['84889009412', '+84889009412'],
    ['+84889009412', '+84889009412'],
    ['0084889009412', '+84889009412'],
    ['00 84 889 009 412', '+84889009412'],
    ['  0889009412\t', '+84889009412'],
    ['0889\u00a0009\u00a0412', '+84889009412'],
    ['+84 (0) 889 009 412', '+84889009412'],
    ['+840889009412', '+84889009412'],
    // a spreadsheet or a trunk's caller id dropped the leading 0
    ['889009412', '+84889009412'],
    // VinaPhone 084: the bare 9-digit form starts with 84 but is not a country code
    ['841234567', '+84841234567'],
    ['0841234567', '+84841234567'],
    ['0321234567', '+84321234567'],
    ['0521234567', '+84521234567'],
    ['0701234567', '+84701234567'],
    ['0901234567', '+84901234567'],
    ['+84900000000', '+84900000000'],
    ['024 3825 3536', '+842438253536'],
    ['(024) 3825 3536', '+842438253536'],
    ['028.3829.1234', '+842838291234'],
    ['0203 382 5353', '+842033825353'],
    ['+84 24 3825 3536', '+842438253536'],
    ['842438253536', '+842438253536'],
    ['2438253536', '+842438253536'],
  ];
  for (const [input, e164] of accepted) {
    it(`accepts ${JSON.stringify(input)} as ${e164}`, () => {
      assert.deepEqual(normalizeVietnamesePhone(input), { ok: true, e164 });
    });
  }

  const rejected: [input: string, reason: RegExp][] = [
    ['', /empty/],
    ['   ', /empty/],
    ['0889abc412', /letters \("abc"\)/],
    ['0889 009 412 ext 5', /letters \("ext"\)/],
    ['số 0889009412', /letters \("số"\)/],
    ['0889*009412', /character "\*"/],
    ['0889/009/412', /character "\/"/],
    ['0889,009,412', /character ","/],
    ['0889+009412', /"\+" may only appear at the start/],
    ['++84889009412', /"\+" may only appear at the start/],
    ['(088 900 9412', /unbalanced parentheses/],
    ['088) 900 (9412', /unbalanced parentheses/],
    ['((088)) 900 9412', /unbalanced parentheses/],
    ['+', /no digits/],
    ['()-.', /no digits/],
    ['+84', /no digits after the leading 0 or \+84/],
    ['0', /no digits after the leading 0/],
    ['088900941', /too short: 8 digits after the leading 0 or \+84, a Vietnamese mobile number has 9/],
    ['+8488900941', /too short: 8 digits/],
    ['+8490010101', /too short/],
    ['08890094120', /too long: 10 digits after the leading 0 or \+84, a Vietnamese mobile number has 9/],
    ['+84 889 009 4123', /too long/],
    [
      '024 3825 353',
      /too short: 9 digits after the leading 0 or \+84, a Vietnamese landline \(02x\) number has 10/,
    ],
    ['024 3825 35366', /too long: 11 digits/],
    ['+1 415 555 0100', /wrong country code: \+14155550100 is not a Vietnamese \(\+84\) number/],
    ['+33 1 23 45 67 89', /wrong country code: \+33123456789/],
    ['0014155550100', /wrong country code: \+14155550100/],
    ['01689009412', /starts with 1 .*renumbered in 2018/],
    ['+841689009412', /starts with 1/],
    ['1900 1234', /1800\/1900\/11x are service numbers/],
    ['113', /starts with 1/],
    ['04 3825 3536', /starts with 04, which is not in use: landline area codes moved to 02x in 2017/],
    ['+84 4 3825 3536', /starts with 04/],
    ['0612345678', /starts with 06/],
    ['+84 00889009412', /second 0/],
  ];
  for (const [input, reason] of rejected) {
    it(`rejects ${JSON.stringify(input)} with a reason matching ${reason}`, () => {
      const result = normalizeVietnamesePhone(input);
      assert.equal(result.ok, false);
      assert.match(result.ok ? '' : result.reason, reason);
    });
  }
});

describe('isE164', () => {
  const cases: [string, boolean][] = [
    ['+84889009412', true],
    ['+8490010101', true],
    ['+14155550100', true],
    ['+123456789012345', true],
    ['+1234567890123456', false],
    ['+1234567', false],
    ['84889009412', false],
    ['+0889009412', false],
    ['+84 889 009 412', false],
  ];
  for (const [value, expected] of cases) {
    it(`${value} → ${expected}`, () => assert.equal(isE164(value), expected));
  }
});

describe('toNationalDigits', () => {
  const cases: [string, string][] = [
    ['+84889009412', '0889009412'],
    ['+842438253536', '02438253536'],
    ['+8490010101', '090010101'],
    ['+14155550100', '0014155550100'],
  ];
  for (const [e164, national] of cases) {
    it(`${e164} → ${national}`, () => assert.equal(toNationalDigits(e164), national));
  }

  it('throws on a value that is not E.164, naming it', () => {
    assert.throws(() => toNationalDigits('0889009412'), /not an E\.164 phone number: "0889009412"/);
  });
});

describe('formatNational', () => {
  const cases: [string, string][] = [
    ['+84889009412', '0889 009 412'],
    ['+84321234567', '0321 234 567'],
    ['+842438253536', '024 3825 3536'],
    ['+842838291234', '028 3829 1234'],
    ['+842033825353', '0203 382 5353'],
    // not valid Vietnamese numbers: shown as stored
    ['+8490010101', '+8490010101'],
    ['+14155550100', '+14155550100'],
    ['0889009412', '0889009412'],
    ['garbage', 'garbage'],
  ];
  for (const [e164, display] of cases) {
    it(`${e164} → ${display}`, () => assert.equal(formatNational(e164), display));
  }
});

describe('phoneForDisplay', () => {
  const cases: [string, string][] = [
    ['+84900000000', '0900 000 000'],
    ['+842438253536', '024 3825 3536'],
    // a mask keeps its digits and reads nationally, as a full number does
    ['+84***21', '0***21'],
    ['0***412', '0***412'],
    ['PJSIP/ward1', 'PJSIP/ward1'],
    ['+14155550100', '+14155550100'],
  ];
  for (const [value, display] of cases) {
    it(`${value} → ${display}`, () => assert.equal(phoneForDisplay(value), display));
  }
});

describe('maskPhone', () => {
  const cases: [string, string][] = [
    ['+84889009412', '+84***12'],
    ['0889009412', '0***412'],
    ['088.900.9412', '0***412'],
    ['(088) 900 9412', '0***412'],
    ['+842438253536', '+84***36'],
    ['02438253536', '0***536'],
    ['+8490010101', '+84***01'],
    ['889009412', '***9412'],
    ['123456', '***6'],
    ['12345', '***'],
    ['101', '***'],
    ['', ''],
    ['anonymous', 'anonymous'],
    ['PJSIP/ward1', 'PJSIP/ward1'],
    ['sip:0889009412@trunk', 'sip:0***412@trunk'],
    ['"Nguyen" <sip:+84889009412@10.0.0.1>', '"Nguyen" <sip:+84***12@10.0.0.1>'],
  ];
  for (const [raw, masked] of cases) {
    it(`${JSON.stringify(raw)} → ${JSON.stringify(masked)}`, () => assert.equal(maskPhone(raw), masked));
  }

  it('keeps at most 4 digits of a real number, and not its length', () => {
    const masks = new Set<string>();
    for (const raw of ['+84889009412', '+84912345612', '+842438253512', '+14155550100']) {
      const visibleDigits = maskPhone(raw).replace(/\D/g, '');
      assert.ok(visibleDigits.length <= 4, `${raw} → ${maskPhone(raw)}`);
      masks.add(maskPhone(raw).length.toString());
    }
    assert.equal(masks.size, 1, 'every mask has the same length');
  });
});
