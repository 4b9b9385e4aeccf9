import assert from 'node:assert/strict';
import { createSilentLogger } from '../../core/logger';
import { CallRouter } from '../../ivr/calls/call-router';
import { LEG_ARG } from '../../ivr/calls/outbound-legs';

describe('Call router: a leg that enters the app after its call is over', () => {
  it('is handed to be hung up: its create was still on its way when the call ended', () => {
    const strays: string[] = [];
    const router = new CallRouter(
      () => {
        throw new Error('a leg is never taken for a new citizen');
      },
      createSilentLogger(),
      () => undefined,
      (channelId) => strays.push(channelId),
    );
    const channel = {
      id: 'leg-late',
      name: 'PJSIP/ward1-0000002a',
      state: 'Down',
      callerNumber: '',
      callerName: '',
      exten: 's',
    };
    router.route({ type: 'StasisStart', channel, args: [LEG_ARG, '1796190000.1'] });
    assert.deepEqual(strays, ['leg-late']);
    assert.equal(router.activeCalls, 0);
  });
});
