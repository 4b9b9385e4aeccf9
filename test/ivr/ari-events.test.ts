import assert from 'node:assert/strict';
import { decodeAriEvent } from '../../ivr/ari/ari.events';
import { answers } from '../support/asterisk';
import { sound, useIvr } from './ivr-harness';

const caller = {
  id: '1795327195.2',
  name: 'PJSIP/trunk-00000001',
  state: 'Ring',
  caller: { number: '0912345678', name: '' },
  dialplan: { context: 'hotline', exten: '0889009412', priority: 1 },
};

describe('ARI events read at the edge', () => {
  it('reads the fields the call flow uses from events as Asterisk writes them', () => {
    assert.deepEqual(decodeAriEvent({ type: 'StasisStart', channel: caller, args: ['1', 2] }), {
      kind: 'event',
      event: {
        type: 'StasisStart',
        channel: {
          id: '1795327195.2',
          name: 'PJSIP/trunk-00000001',
          state: 'Ring',
          callerNumber: '0912345678',
          callerName: '',
          exten: '0889009412',
        },
        args: ['1', '2'],
      },
    });
    assert.deepEqual(
      decodeAriEvent({ type: 'ChannelDestroyed', channel: caller, cause: 17, cause_txt: 'User busy' }),
      {
        kind: 'event',
        event: { type: 'ChannelDestroyed', channelId: caller.id, cause: 17, causeText: 'User busy' },
      },
    );
    assert.deepEqual(decodeAriEvent({ type: 'ChannelHangupRequest', channel: caller, soft: true }), {
      kind: 'event',
      event: { type: 'ChannelHangupRequest', channelId: caller.id, cause: undefined },
    });
    assert.deepEqual(
      decodeAriEvent({
        type: 'Dial',
        peer: { ...caller, id: 'leg-1' },
        dialstatus: 'BUSY',
        dialstring: 'ward1',
      }),
      { kind: 'event', event: { type: 'Dial', peerId: 'leg-1', status: 'BUSY' } },
    );
    assert.deepEqual(
      decodeAriEvent({
        type: 'PlaybackFinished',
        playback: { id: 'p-1', media_uri: 'sound:x', target_uri: `channel:${caller.id}`, state: 'done' },
      }),
      {
        kind: 'event',
        event: {
          type: 'PlaybackFinished',
          playbackId: 'p-1',
          targetUri: `channel:${caller.id}`,
          state: 'done',
        },
      },
    );
    assert.deepEqual(
      decodeAriEvent({
        type: 'ChannelLeftBridge',
        bridge: { id: 'bridge-1', technology: 'simple_bridge' },
        channel: caller,
      }),
      { kind: 'event', event: { type: 'ChannelLeftBridge', bridgeId: 'bridge-1', channelId: caller.id } },
    );
  });

  it('leaves out the events the call flow has no use for', () => {
    assert.deepEqual(decodeAriEvent({ type: 'ChannelVarset', variable: 'BRIDGEPEER', value: '' }), {
      kind: 'unused',
    });
    assert.deepEqual(decodeAriEvent({ type: 'toString' }), { kind: 'unused' });
    assert.deepEqual(decodeAriEvent({ channel: caller }), { kind: 'unused' });
  });

  it('names the field of an event it cannot read', () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ type: 'StasisStart', channel: { name: 'PJSIP/x' } }, /^channel\.id: /],
      [{ type: 'StasisStart', channel: { ...caller, id: '' } }, /^channel\.id: /],
      [{ type: 'ChannelDestroyed', channel: caller, cause: '17' }, /^cause: /],
      [{ type: 'ChannelDtmfReceived', channel: caller, digit: 12 }, /^digit: /],
      [{ type: 'ChannelDtmfReceived', channel: caller, digit: '12' }, /^digit: /],
      [{ type: 'RecordingFinished', recording: { name: 'r', duration: 'long' } }, /^recording\.duration: /],
      [{ type: 'BridgeDestroyed' }, /^bridge: /],
    ];
    for (const [event, problem] of cases) {
      const decoded = decodeAriEvent(event);
      assert.equal(decoded.kind, 'malformed', JSON.stringify(event));
      if (decoded.kind === 'malformed') {
        assert.equal(decoded.type, event.type);
        assert.match(decoded.problem, problem);
      }
    }
  });
});

describe('IVR: a malformed ARI event on the wire', () => {
  const logLines: string[] = [];
  const h = useIvr({}, { logLines });

  it('is dropped and logged once for its type, and the calls go on', async () => {
    h.asterisk().endpoint('PJSIP/ward1', answers({ afterMs: 10, hangsUpAfterMs: 200 }));
    const call = await h.asterisk().placeCall({ from: '0912345678', to: '0889009412' });
    await call.waitForPlayback(sound('menu'));
    for (let i = 0; i < 3; i++) {
      h.asterisk().sendRawEvent({ type: 'ChannelDtmfReceived', channel: { id: call.id }, digit: 7 });
    }
    await call.press('1#');
    await call.until(
      () => call.isBridgedWith('PJSIP/ward1'),
      'caller bridged with ward 1 after the bad events',
    );
    call.hangup();
    assert.equal((await h.finalTicket(call.id)).outcome, 'answered');
    const dropped = logLines
      .map((line) => JSON.parse(line) as { message: string; type?: string; problem?: string })
      .filter((entry) => entry.message.startsWith('ARI sent an event the call flow cannot read'));
    assert.equal(dropped.length, 1, logLines.join('\n'));
    assert.equal(dropped[0]?.type, 'ChannelDtmfReceived');
    assert.match(dropped[0]?.problem ?? '', /^digit: /);
  });
});
