import assert from 'node:assert/strict';
import { DialCodeIndex } from '../../core/domain/dial-codes';
import { type MenuAction, onMenuKey, onMenuTimeout } from '../../ivr/calls/menu.rules';

const codes = new DialCodeIndex(['0', '1', '2', '4', '10', '11', '12', '21', '22']);

describe('menu rules: what a key means given the digits so far', () => {
  const cases: Array<[digits: string, key: string, expected: MenuAction]> = [
    ['', '4', { kind: 'route', code: '4' }],
    ['', '0', { kind: 'route', code: '0' }],
    ['', '1', { kind: 'collect', digits: '1', final: '1' }],
    ['1', '2', { kind: 'route', code: '12' }],
    ['1', '#', { kind: 'route', code: '1' }],
    ['', '3', { kind: 'invalid', digits: '3' }],
    ['1', '5', { kind: 'invalid', digits: '15' }],
    ['2', '9', { kind: 'invalid', digits: '29' }],
    ['', '*', { kind: 'repeat' }],
    ['1', '*', { kind: 'repeat' }],
    ['', '#', { kind: 'collect', digits: '', final: null }],
    ['', 'A', { kind: 'collect', digits: '', final: null }],
  ];
  for (const [digits, key, expected] of cases) {
    it(`"${digits}" then "${key}" → ${expected.kind}${'code' in expected ? ` ${expected.code}` : ''}`, () => {
      assert.deepEqual(onMenuKey(digits, key, codes), expected);
    });
  }

  it('a prefix that is not a code yet waits, and # on it is invalid', () => {
    const prefixOnly = new DialCodeIndex(['31', '32']);
    assert.deepEqual(onMenuKey('', '3', prefixOnly), { kind: 'collect', digits: '3', final: null });
    assert.deepEqual(onMenuKey('3', '#', prefixOnly), { kind: 'invalid', digits: '3' });
  });

  it('on the inter-digit timeout, takes the code the digits already make', () => {
    assert.deepEqual(onMenuTimeout({ digits: '1', final: '1' }), { kind: 'route', code: '1' });
    assert.deepEqual(onMenuTimeout({ digits: '3', final: null }), { kind: 'invalid', digits: '3' });
  });
});
