import assert from 'node:assert/strict';
import {
  type CodeMatch,
  confidentialCodeClash,
  DialCodeIndex,
  isDialCode,
} from '../../core/domain/dial-codes';

const range = (from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, offset) => String(from + offset));

// The sample organisation (Bắc Từ Liêm): district operator 0, wards 1–13, departments 21–37.
const SAMPLE_CODES = ['0', ...range(1, 13), ...range(21, 37)];

const complete = (code: string, canGrow: boolean): CodeMatch => ({ kind: 'complete', code, canGrow });
const prefix: CodeMatch = { kind: 'prefix' };
const impossible: CodeMatch = { kind: 'impossible' };

describe('DialCodeIndex with the sample codes', () => {
  const index = new DialCodeIndex(SAMPLE_CODES);

  const cases: [digits: string, expected: CodeMatch][] = [
    ['', prefix],
    ['0', complete('0', false)],
    ['1', complete('1', true)],
    ['10', complete('10', false)],
    ['12', complete('12', false)],
    ['13', complete('13', false)],
    ['14', impossible],
    ['19', impossible],
    ['2', complete('2', true)],
    ['20', impossible],
    ['21', complete('21', false)],
    ['29', complete('29', false)],
    ['3', complete('3', true)],
    ['30', complete('30', false)],
    ['37', complete('37', false)],
    ['38', impossible],
    ['4', complete('4', false)],
    ['5', complete('5', false)],
    ['9', complete('9', false)],
    ['00', impossible],
    ['01', impossible],
    ['121', impossible],
    ['1#', impossible],
    ['*', impossible],
  ];
  for (const [digits, expected] of cases) {
    it(`${JSON.stringify(digits)} → ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(index.match(digits), expected);
    });
  }

  it('knows its codes and their count', () => {
    assert.equal(index.size, 31);
    assert.equal(index.has('13'), true);
    assert.equal(index.has('21'), true);
    assert.equal(index.has('14'), false);
    assert.equal(index.has(''), false);
  });
});

describe('DialCodeIndex with longer codes', () => {
  const index = new DialCodeIndex(['123456', '12', '7']);

  const cases: [digits: string, expected: CodeMatch][] = [
    ['1', prefix],
    ['12', complete('12', true)],
    ['123', prefix],
    ['12345', prefix],
    ['123456', complete('123456', false)],
    ['1234567', impossible],
    ['7', complete('7', false)],
    ['8', impossible],
  ];
  for (const [digits, expected] of cases) {
    it(`${JSON.stringify(digits)} → ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(index.match(digits), expected);
    });
  }
});

describe('DialCodeIndex without codes', () => {
  it('finds nothing possible, not even the empty input', () => {
    const index = new DialCodeIndex([]);
    assert.equal(index.size, 0);
    assert.deepEqual(index.match(''), impossible);
    assert.deepEqual(index.match('1'), impossible);
  });

  it('accepts any iterable once', () => {
    const index = new DialCodeIndex(new Set(['1', '2']).values());
    assert.equal(index.size, 2);
  });
});

describe('isDialCode, the one rule for the index, the organisation file and the stored complaint key', () => {
  const cases: [code: string, isCode: boolean][] = [
    ['0', true],
    ['99', true],
    ['123456', true],
    ['', false],
    ['abc', false],
    ['9*', false],
    [' 1', false],
    ['1234567', false],
    ['١', false],
  ];
  for (const [code, isCode] of cases) {
    it(`${JSON.stringify(code)} → ${isCode}`, () => {
      assert.equal(isDialCode(code), isCode);
    });
  }
});

describe('DialCodeIndex rejects bad codes, naming them', () => {
  const cases: [codes: string[], message: RegExp][] = [
    [[''], /invalid dial code "": must be 1 to 6 digits/],
    [['1', '1a'], /invalid dial code "1a"/],
    [[' 1'], /invalid dial code " 1"/],
    [['#'], /invalid dial code "#"/],
    [['1234567'], /invalid dial code "1234567"/],
    [['١'], /invalid dial code "١"/],
    [['1', '12', '1'], /duplicate dial code "1"/],
  ];
  for (const [codes, message] of cases) {
    it(`${JSON.stringify(codes)} → ${message}`, () => {
      assert.throws(() => new DialCodeIndex(codes), message);
    });
  }
});

describe('the confidential complaint key beside the sample units', () => {
  const units = SAMPLE_CODES.map((code) => ({ code, name: `đơn vị ${code}` }));
  const cases: [code: string, clash: string | null][] = [
    ['99', null],
    ['19', null],
    ['9', 'confidential_code "9" is also the code of unit 9 (đơn vị 9)'],
    ['0', 'confidential_code "0" is also the code of unit 0 (đơn vị 0)'],
    ['05', 'confidential_code "05" starts with the operator\'s key 0, which must route at once'],
  ];
  for (const [code, clash] of cases) {
    it(`${code} → ${clash ?? 'no clash'}`, () => {
      assert.equal(confidentialCodeClash(code, units), clash);
    });
  }

  it('routes the key like a code: 9 waits for a second 9, 99 goes at once', () => {
    const index = new DialCodeIndex([...SAMPLE_CODES, '99']);
    assert.deepEqual(index.match('9'), complete('9', true));
    assert.deepEqual(index.match('99'), complete('99', false));
  });
});
