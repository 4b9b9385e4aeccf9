import assert from 'node:assert/strict';
import {
  type DialTarget,
  dialString,
  dialTargetToString,
  parseDialTarget,
  trunkTemplateProblem,
} from '../../core/domain/dial-target';

const phone = (e164: string): DialTarget => ({ kind: 'phone', e164 });
const endpoint = (value: string): DialTarget => ({ kind: 'endpoint', endpoint: value });

describe('parseDialTarget', () => {
  const accepted: [input: string, target: DialTarget][] = [
    ['PJSIP/ward1', endpoint('PJSIP/ward1')],
    ['  PJSIP/ward1  ', endpoint('PJSIP/ward1')],
    ['pjsip/ward1', endpoint('PJSIP/ward1')],
    ['SIP/101', endpoint('SIP/101')],
    ['IAX2/branch-office', endpoint('IAX2/branch-office')],
    ['Local/101@internal', endpoint('Local/101@internal')],
    ['local/101@internal/n', endpoint('Local/101@internal/n')],
    ['DAHDI/g1/0889009412', endpoint('DAHDI/g1/0889009412')],
    ['PJSIP/trunk/sip:0889009412@10.0.0.1:5060', endpoint('PJSIP/trunk/sip:0889009412@10.0.0.1:5060')],
    ['0889009412', phone('+84889009412')],
    ['088.900.9412', phone('+84889009412')],
    ['+84 889 009 412', phone('+84889009412')],
    ['0084889009412', phone('+84889009412')],
    ['024 3825 3536', phone('+842438253536')],
    // the sample organisation's placeholders: valid E.164, not valid Vietnamese numbers
    ['+8490010101', phone('+8490010101')],
    ['+8490022101', phone('+8490022101')],
    ['+1 415 555 0100', phone('+14155550100')],
    ['+33 1 23 45 67 89', phone('+33123456789')],
    ['+12345678', phone('+12345678')],
  ];
  for (const [input, target] of accepted) {
    it(`accepts ${JSON.stringify(input)}`, () => {
      assert.deepEqual(parseDialTarget(input), { ok: true, target });
    });
  }

  const rejected: [input: string, reason: RegExp][] = [
    ['', /neither an Asterisk endpoint \(TECH\/resource\) nor a phone number: phone number is empty/],
    ['ward1', /neither .* nor a phone number: phone number contains letters/],
    ['0889 009', /too short/],
    ['+1234567', /neither/],
    ['+1234567890123456', /neither/],
    ['0014155550100', /wrong country code/],
    ['XMPP/alice', /channel technology "XMPP"; expected one of PJSIP, SIP, IAX2, Local, DAHDI/],
    ['/ward1', /channel technology ""/],
    ['PJSIP/', /no resource after "PJSIP\/"/],
    ['PJSIP/ward 1', /characters not allowed in an endpoint/],
    ['PJSIP/ward1&PJSIP/ward2', /characters not allowed/],
    ['PJSIP/ward1,30', /characters not allowed/],
    ['PJSIP/$[EVIL]', /characters not allowed/],
    ['PJSIP/ward$1', /characters not allowed/],
    ['Local/101', /must name an extension and a context/],
    ['Local/@internal', /must name an extension and a context/],
  ];
  for (const [input, reason] of rejected) {
    it(`rejects ${JSON.stringify(input)}`, () => {
      const result = parseDialTarget(input);
      assert.equal(result.ok, false);
      assert.match(result.ok ? '' : result.reason, reason);
    });
  }
});

describe('dialString', () => {
  const cases: [target: DialTarget, template: string, expected: string][] = [
    [phone('+84889009412'), 'PJSIP/{national}@trunk', 'PJSIP/0889009412@trunk'],
    [phone('+84889009412'), 'PJSIP/{number}@trunk', 'PJSIP/+84889009412@trunk'],
    [phone('+84889009412'), 'PJSIP/{digits}@trunk', 'PJSIP/84889009412@trunk'],
    [phone('+84889009412'), 'SIP/viettel/{national}', 'SIP/viettel/0889009412'],
    [phone('+84889009412'), 'Local/{digits}@out-{digits}', 'Local/84889009412@out-84889009412'],
    [phone('+14155550100'), 'PJSIP/{national}@trunk', 'PJSIP/0014155550100@trunk'],
    [phone('+8490010101'), 'PJSIP/{national}@trunk', 'PJSIP/090010101@trunk'],
    [endpoint('PJSIP/ward1'), 'PJSIP/{national}@trunk', 'PJSIP/ward1'],
    // endpoints never use the template, so a broken one does not matter for them
    [endpoint('Local/101@internal'), 'no placeholder', 'Local/101@internal'],
  ];
  for (const [target, template, expected] of cases) {
    it(`${dialTargetToString(target)} with ${template} → ${expected}`, () => {
      assert.equal(dialString(target, template), expected);
    });
  }

  it('throws, naming the template, when it cannot dial a phone', () => {
    assert.throws(() => dialString(phone('+84889009412'), 'PJSIP/trunk'), /"PJSIP\/trunk" has no \{number\}/);
    assert.throws(
      () => dialString(phone('+84889009412'), 'PJSIP/{phone}@trunk'),
      /unknown placeholder \{phone\}/,
    );
  });

  it('throws when a phone target holds something that is not E.164', () => {
    assert.throws(() => dialString(phone('0889009412'), 'PJSIP/{national}@trunk'), /not an E\.164/);
  });
});

describe('trunkTemplateProblem', () => {
  const cases: [template: string, problem: RegExp | null][] = [
    ['PJSIP/{number}@trunk', null],
    ['PJSIP/{national}@trunk', null],
    ['PJSIP/{digits}@trunk', null],
    ['PJSIP/trunk', /no \{number\}, \{digits\} or \{national\} placeholder/],
    ['', /no \{number\}/],
    ['PJSIP/{}@trunk', /unknown placeholder \{\}/],
    ['PJSIP/{Number}@trunk', /unknown placeholder \{Number\}/],
    ['PJSIP/{number}@{trunk}', /unknown placeholder \{trunk\}/],
  ];
  for (const [template, problem] of cases) {
    it(`${JSON.stringify(template)} → ${problem ?? 'fine'}`, () => {
      const found = trunkTemplateProblem(template);
      if (problem === null) assert.equal(found, null);
      else assert.match(found ?? '', problem);
    });
  }
});

describe('dialTargetToString', () => {
  const inputs = ['+84889009412', '+8490010101', 'PJSIP/ward1', 'Local/101@internal'];
  for (const stored of inputs) {
    it(`round-trips ${stored} through parseDialTarget`, () => {
      const parsed = parseDialTarget(stored);
      assert.ok(parsed.ok);
      assert.equal(dialTargetToString(parsed.target), stored);
    });
  }
});
