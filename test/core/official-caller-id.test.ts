import assert from 'node:assert/strict';
import { callerIdForOfficial, type OfficialCallerId } from '../../core/domain/official-caller-id';

describe('callerIdForOfficial', () => {
  const cases: [
    setting: OfficialCallerId,
    hotline: string | null,
    citizen: string | null,
    shown: string | null,
  ][] = [
    ['hotline', '0889009412', '0912345678', '0889009412'],
    ['hotline', '+84889009412', '0912345678', '+84889009412'],
    ['hotline', '0889 009 412', '0912345678', '0889009412'],
    // Never the citizen's number instead: the carrier would refuse or rewrite it.
    ['hotline', null, '0912345678', null],
    ['hotline', '', '0912345678', null],
    ['citizen', '0889009412', '0912345678', '0912345678'],
    ['citizen', '0889009412', '+84 912-345-678', '+84912345678'],
    ['citizen', '0889009412', 'anonymous', null],
    ['citizen', '0889009412', null, null],
  ];
  for (const [setting, hotline, citizen, shown] of cases) {
    it(`${setting}, hotline ${hotline}, citizen ${citizen} → ${shown}`, () => {
      assert.equal(callerIdForOfficial(setting, hotline, citizen), shown);
    });
  }
});
