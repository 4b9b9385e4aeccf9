import assert from 'node:assert/strict';
import type { Client } from 'ari-client';
import {
  answers,
  busy,
  type CallHandle,
  type EndpointBehaviour,
  neverAnswers,
  rejects,
  unreachable,
  unregistered,
  useAsteriskEmulator,
} from '../support/asterisk';
import { connectApp, credentials, disconnect, nextEvent } from './ari.fixture';

interface DialEvent {
  peer: { id: string };
  dialstring: string;
  dialstatus: string;
}

describe('Asterisk emulator: outbound legs (create + dial, originate)', () => {
  let ari: Client;
  let caller: CallHandle;
  afterEach(async () => {
    for (const leg of asterisk().legs()) if (leg.isAlive) await ari.channels.hangup({ channelId: leg.id });
    if (caller.isAlive) caller.hangup();
    await disconnect(ari);
  });
  // One Asterisk second = 10 ms, so a 2 s dial timeout takes 20 ms.
  const asterisk = useAsteriskEmulator({ ...credentials, msPerSecond: 10 });

  beforeEach(async () => {
    ari = await connectApp(asterisk());
    const started = nextEvent(ari, 'StasisStart');
    caller = await asterisk().placeCall({ from: '0912345678', to: '0889009412' });
    await started;
  });

  /** Creates a leg and waits for its StasisStart: until then Asterisk refuses to dial it. */
  async function createInApp(endpoint: string, channelId: string): Promise<void> {
    const inApp = nextEvent<{ channel: { id: string } }>(
      ari,
      'StasisStart',
      (e) => e.channel.id === channelId,
    );
    await ari.channels.create({ endpoint, app: 'hotline', channelId });
    await inApp;
  }

  const dialStatuses = (legId: string) =>
    asterisk()
      .events('Dial')
      .filter((e) => (e.peer as { id: string }).id === legId)
      .map((e) => e.dialstatus);

  /** The leg's Dial, hangup request and destroy events, as `Dial RINGING`, `ChannelHangupRequest 17`... */
  const outcome = (leg: CallHandle) =>
    leg
      .events()
      .filter((e) => ['Dial', 'ChannelHangupRequest', 'ChannelDestroyed'].includes(e.type))
      .map((e) =>
        e.type === 'Dial'
          ? `Dial ${e.dialstatus}`.trim()
          : `${e.type} ${e.cause}${e.soft ? ' soft' : ''}${e.cause_txt ? ` ${e.cause_txt}` : ''}`,
      );

  const table: { behaviour: EndpointBehaviour; events: string[]; result: string; cause?: number }[] = [
    {
      behaviour: answers({ afterMs: 20 }),
      events: ['Dial', 'Dial RINGING', 'Dial ANSWER'],
      result: 'ANSWER',
    },
    {
      behaviour: busy(10),
      events: ['Dial', 'ChannelHangupRequest 17', 'ChannelDestroyed 17 User busy'],
      result: 'BUSY',
      cause: 17,
    },
    {
      behaviour: rejects(10),
      events: ['Dial', 'Dial RINGING', 'ChannelHangupRequest 21', 'ChannelDestroyed 21 Call Rejected'],
      result: 'NOANSWER',
      cause: 21,
    },
    {
      behaviour: unreachable(),
      events: ['Dial', 'ChannelHangupRequest 20', 'ChannelDestroyed 20 Subscriber absent'],
      result: 'CHANUNAVAIL',
      cause: 20,
    },
    {
      behaviour: neverAnswers(),
      events: [
        'Dial',
        'Dial RINGING',
        'ChannelHangupRequest 32 soft',
        'ChannelDestroyed 19 User alerting, no answer',
      ],
      result: 'NOANSWER',
      cause: 19,
    },
  ];
  for (const { behaviour, events, result, cause } of table) {
    it(`create + dial, endpoint ${behaviour.kind}: ${events.join(' → ')}`, async () => {
      asterisk().endpoint('PJSIP/ward1', behaviour);
      const started = nextEvent<{ args: string[]; channel: { id: string; state: string } }>(
        ari,
        'StasisStart',
      );
      const leg = await ari.channels.create({
        endpoint: 'PJSIP/ward1',
        app: 'hotline',
        appArgs: `dialed,${caller.id}`,
        channelId: 'leg-1',
      });
      const start = await started;
      assert.deepEqual(start.args, ['dialed', caller.id]);
      assert.equal(start.channel.state, 'Down');
      assert.equal(leg.id, 'leg-1');
      await ari.channels.dial({ channelId: 'leg-1', caller: caller.id, timeout: 2 });
      const handle = await asterisk().waitForLeg('PJSIP/ward1');
      await handle.until(() => outcome(handle).length === events.length, events.at(-1) ?? '');
      assert.deepEqual(outcome(handle), events);
      const first = asterisk().events('Dial')[0] as unknown as DialEvent;
      assert.deepEqual([first.dialstring, first.peer.id], ['ward1', 'leg-1']);
      assert.equal('caller' in first, false, 'a Dial of a /dial leg names no caller');
      assert.deepEqual(
        asterisk()
          .dialed()
          .map((d) => [d.result, d.cause]),
        [[result, cause]],
      );
      if (cause === undefined) assert.equal(handle.state, 'Up');
      else assert.equal(handle.hangupCause, cause);
    });
  }

  it('dials with no timeout when /dial gives none (control.c sets one only when asked)', async () => {
    await createInApp('PJSIP/ward1', 'untimed');
    await ari.channels.dial({ channelId: 'untimed' });
    const leg = await asterisk().waitForLeg('PJSIP/ward1');
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal(leg.state, 'Ringing');
  });

  it('refuses to create a channel to an unregistered endpoint (500 Allocation failed)', async () => {
    asterisk().endpoint('PJSIP/ward9', unregistered());
    await assert.rejects(
      ari.channels.create({ endpoint: 'PJSIP/ward9', app: 'hotline' }),
      /Allocation failed/,
    );
  });

  it('refuses a second channel with the same id (409)', async () => {
    await ari.channels.create({ endpoint: 'PJSIP/ward1', app: 'hotline', channelId: 'same' });
    await assert.rejects(
      ari.channels.create({ endpoint: 'PJSIP/ward1', app: 'hotline', channelId: 'same' }),
      /already exists/,
    );
  });

  it('lets an answering official press keys and hang up (answer confirmation)', async () => {
    asterisk().endpoint(
      'PJSIP/0900000001@trunk',
      answers({ afterMs: 5, pressKeys: '1', hangsUpAfterMs: 80 }),
    );
    const digit = nextEvent<{ digit: string; channel: { id: string } }>(ari, 'ChannelDtmfReceived');
    await createInApp('PJSIP/0900000001@trunk', 'official');
    await ari.channels.dial({ channelId: 'official', timeout: 20 });
    assert.deepEqual(await digit.then((e) => [e.digit, e.channel.id]), ['1', 'official']);
    const leg = await asterisk().waitForLeg('PJSIP/0900000001@trunk');
    await leg.waitForHangup();
    assert.equal(leg.hangupCause, 16);
    assert.match(leg.describe(), /^PJSIP\/trunk-/);
  });

  it('originate with app: Dial and state changes come before StasisStart, which can beat the HTTP response', async () => {
    asterisk().endpoint('PJSIP/ward2', answers({ afterMs: 0 }));
    const order: string[] = [];
    for (const type of ['Dial', 'ChannelStateChange', 'StasisStart']) {
      (ari as unknown as NodeJS.EventEmitter).on(type, (e: { type: string; dialstatus?: string }) => {
        order.push(e.dialstatus === undefined ? e.type : `Dial ${e.dialstatus}`);
      });
    }
    const started = nextEvent(ari, 'StasisStart');
    const channel = await ari.channels.originate({
      endpoint: 'PJSIP/ward2',
      app: 'hotline',
      appArgs: 'dialed',
      channelId: 'orig-1',
    });
    await started;
    assert.equal(channel.id, 'orig-1');
    assert.deepEqual(order, [
      'Dial ',
      'ChannelStateChange',
      'Dial RINGING',
      'ChannelStateChange',
      'Dial ANSWER',
      'StasisStart',
    ]);
  });

  it('records CANCEL, with no Dial CANCEL event, when the app hangs up a ringing /dial leg', async () => {
    await createInApp('PJSIP/ward3', 'ringing');
    await ari.channels.dial({ channelId: 'ringing', timeout: 30 });
    const destroyed = nextEvent<{ cause: number }>(ari, 'ChannelDestroyed');
    await ari.channels.hangup({ channelId: 'ringing' });
    assert.equal((await destroyed).cause, 16);
    assert.deepEqual(dialStatuses('ringing'), ['', 'RINGING']);
    assert.equal(asterisk().dialed()[0]?.result, 'CANCEL');
  });

  it('creates a leg whose originator is gone (as 22.10.1 does), but refuses to originate one', async () => {
    const gone = caller.id;
    caller.hangup();
    const inApp = nextEvent<{ channel: { id: string } }>(
      ari,
      'StasisStart',
      (e) => e.channel.id === 'leg-orphan',
    );
    await ari.channels.create({
      endpoint: 'PJSIP/ward1',
      app: 'hotline',
      channelId: 'leg-orphan',
      originator: gone,
    });
    await inApp;
    assert.ok(asterisk().channel('leg-orphan')?.isAlive, 'the leg exists without its originator');
    await assert.rejects(
      ari.channels.originate({ endpoint: 'PJSIP/ward2', app: 'hotline', originator: gone }),
      /originator/i,
    );
  });
});
