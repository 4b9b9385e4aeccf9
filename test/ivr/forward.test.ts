import assert from 'node:assert/strict';
import {
  answers,
  busy,
  type CallHandle,
  neverAnswers,
  rejects,
  unreachable,
  unregistered,
} from '../support/asterisk';
import { heard, sound, TRUNK, targetResults, useIvr } from './ivr-harness';

const citizen = { from: '0912345678', to: '0889009412' };

/** The announcement while the phones ring, as the caller hears it when nobody cuts it short. */
const announcement = (unitCode: string) => ['transferring', `unit-${unitCode}`, 'please-hold'];

function containsRun(list: string[], run: string[]): boolean {
  return list.some((_, start) => run.every((item, offset) => list[start + offset] === item));
}

describe('IVR forward: ringing the unit and its fallback', () => {
  const h = useIvr();

  async function dialUnit(code: string): Promise<CallHandle> {
    const call = await h.asterisk().placeCall(citizen);
    await call.waitForPlayback(sound('menu'));
    await call.press(`${code}#`);
    return call;
  }

  async function ticketCount(): Promise<number> {
    const [row] = await h.db().db.knex('tickets').count<{ count: string }[]>('* as count');
    return Number(row?.count);
  }

  it('hears the recording notice before the menu, and is bridged at once with an official who answers during the announcement', async () => {
    h.asterisk().endpoint('PJSIP/ward12', answers({ afterMs: 10, hangsUpAfterMs: 400 }));
    const call = await dialUnit('12');
    const leg = await h.asterisk().waitForLeg('PJSIP/ward12');
    await call.until(() => call.isBridgedWith('PJSIP/ward12'), 'caller bridged with ward 12');
    const story = heard(call);
    // The 40 ms menu may end before the keys, or be stopped by them.
    assert.deepEqual(story.slice(0, 2), ['welcome', 'recording-notice']);
    assert.match(story[2] ?? '', /^menu(:stopped)?$/);
    assert.ok(!story.includes('please-hold'), `the announcement was cut short: ${story.join(', ')}`);
    assert.match(story.at(-1) ?? '', /:stopped$/, 'the part playing when the official answered was stopped');
    assert.ok(!call.isHearingRingback, 'no ringback once bridged');
    await leg.waitForHangup();
    await call.waitForPlayback(sound('survey'));
    call.hangup();
    assert.equal((await h.finalTicket(call.id)).outcome, 'answered');
  });

  it('moves on from busy and unreachable to the fallback unit, in roster order', async () => {
    h.asterisk()
      .endpoint('PJSIP/ward1', busy(50))
      .endpoint(TRUNK.ward1Deputy, unreachable())
      .endpoint('PJSIP/operator', answers({ afterMs: 30 }));
    const call = await dialUnit('1');
    await call.until(() => call.isBridgedWith('PJSIP/operator'), 'caller bridged with the operator');
    assert.deepEqual(
      h
        .asterisk()
        .dialed()
        .map((d) => `${d.endpoint} ${d.result}`),
      ['PJSIP/ward1 BUSY', `${TRUNK.ward1Deputy} CHANUNAVAIL`, 'PJSIP/operator ANSWER'],
    );
    call.hangup();
    const ticket = await h.finalTicket(call.id);
    assert.equal(ticket.outcome, 'answered');
    assert.equal(ticket.dialed_code, '1');
    assert.equal(ticket.answered_by_name, 'Trực ban');
    const timeline = await h.timeline(call.id);
    assert.deepEqual(targetResults(timeline), [
      'PJSIP/ward1 → busy',
      '+84***01 → unavailable',
      'PJSIP/operator → accepted',
    ]);
    const fallback = timeline.filter((e) => e.kind === 'target.result').map((e) => e.data.isFallback);
    assert.deepEqual(fallback, [false, false, true]);
  });

  it('moves on when a target has no registered contact (channel allocation fails)', async () => {
    h.asterisk()
      .endpoint('PJSIP/ward12', unregistered())
      .endpoint('PJSIP/operator', answers({ afterMs: 30 }));
    const call = await dialUnit('12');
    await call.until(() => call.isBridgedWith('PJSIP/operator'), 'caller bridged with the operator');
    assert.deepEqual(
      h
        .asterisk()
        .dialed()
        .map((d) => d.endpoint),
      ['PJSIP/operator'],
      'Asterisk never got as far as dialing the unregistered endpoint',
    );
    call.hangup();
    await h.finalTicket(call.id);
    assert.deepEqual(targetResults(await h.timeline(call.id)), [
      'PJSIP/ward12 → unavailable',
      'PJSIP/operator → accepted',
    ]);
  });

  it('moves on when the official declines the ringing call', async () => {
    h.asterisk()
      .endpoint('PJSIP/ward12', rejects(50))
      .endpoint('PJSIP/operator', answers({ afterMs: 30 }));
    const call = await dialUnit('12');
    await call.until(() => call.isBridgedWith('PJSIP/operator'), 'caller bridged with the operator');
    const [declined] = h.asterisk().legs('PJSIP/ward12');
    assert.equal(declined?.hangupCause, 21);
    call.hangup();
    await h.finalTicket(call.id);
    const results = targetResults(await h.timeline(call.id));
    assert.equal(results.length, 2);
    assert.match(results[0] ?? '', /^PJSIP\/ward12 → (rejected|unavailable)$/);
  });

  it('moves on after the ring timeout when nobody picks up', async () => {
    h.asterisk()
      .endpoint('PJSIP/ward12', neverAnswers())
      .endpoint('PJSIP/operator', answers({ afterMs: 30 }));
    const call = await dialUnit('12');
    const ringing = await h.asterisk().waitForLeg('PJSIP/ward12');
    await ringing.waitForHangup();
    assert.equal(ringing.hangupCause, 19, 'Asterisk timed the dial out');
    await call.until(() => call.isBridgedWith('PJSIP/operator'), 'caller bridged with the operator');
    assert.deepEqual(
      h
        .asterisk()
        .dialed()
        .map((d) => `${d.endpoint} ${d.result}`),
      ['PJSIP/ward12 NOANSWER', 'PJSIP/operator ANSWER'],
    );
    call.hangup();
    const ticket = await h.finalTicket(call.id);
    assert.equal(ticket.answered_by_name, 'Trực ban');
    assert.deepEqual(targetResults(await h.timeline(call.id)), [
      'PJSIP/ward12 → no-answer',
      'PJSIP/operator → accepted',
    ]);
  });

  it('tags every leg it creates so it is never taken for a new citizen', async () => {
    h.asterisk()
      .endpoint('PJSIP/ward1', busy(10))
      .endpoint(TRUNK.ward1Deputy, answers({ afterMs: 20, pressKeys: '1' }));
    const ticketsBefore = await ticketCount();
    const call = await dialUnit('1');
    await call.until(() => call.isBridgedWith(TRUNK.ward1Deputy), 'caller bridged with the deputy');
    assert.equal(h.ivr().activeCalls, 1);
    const legStarts = h
      .asterisk()
      .events('StasisStart')
      .filter((e) => (e.channel as { id: string }).id !== call.id);
    assert.equal(legStarts.length, 2);
    for (const start of legStarts) assert.deepEqual(start.args, ['hotline-leg', call.id]);
    call.hangup();
    await h.finalTicket(call.id);
    assert.equal(await ticketCount(), ticketsBefore + 1, 'one ticket: the citizen, not the legs');
  });
});

describe('IVR forward: with call recording switched off', () => {
  const h = useIvr({ recordCalls: false });

  it('neither announces nor starts a recording', async () => {
    h.asterisk().endpoint('PJSIP/ward12', answers({ afterMs: 30 }));
    const call = await h.asterisk().placeCall({ ...citizen, args: ['12'] });
    await call.until(() => call.isBridgedWith('PJSIP/ward12'), 'caller bridged with ward 12');
    assert.ok(!heard(call).includes('recording-notice'), heard(call).join(', '));
    assert.match(heard(call)[0] ?? '', /^transferring/);
    call.hangup();
    const ticket = await h.finalTicket(call.id);
    assert.equal(ticket.outcome, 'answered');
    assert.equal(ticket.recording_name, null);
    assert.deepEqual(h.asterisk().events('RecordingStarted'), []);
    assert.ok(!(await h.timeline(call.id)).some((e) => e.kind === 'recording.started'));
  });
});

describe('IVR forward: ringback while a slow official rings', () => {
  const h = useIvr({ ringTimeoutMs: 5000 });

  async function dialUnit(code: string): Promise<CallHandle> {
    const call = await h.asterisk().placeCall(citizen);
    await call.waitForPlayback(sound('menu'));
    await call.press(`${code}#`);
    return call;
  }

  it('announces the unit, rings with ringback, bridges the first to answer and records the bridge', async () => {
    // The dial timeout is 500 ms here: ringback is heard from the end of the 160 ms announcement.
    h.asterisk().endpoint('PJSIP/ward12', answers({ afterMs: 400, hangsUpAfterMs: 100 }));
    const call = await dialUnit('12');
    const leg = await h.asterisk().waitForLeg('PJSIP/ward12');
    await leg.waitForState('Ringing');
    await call.until(() => call.isHearingRingback, 'ringback after the announcement while the ward rings');
    assert.ok(containsRun(heard(call), announcement('12')), heard(call).join(', '));
    await call.until(() => call.isBridgedWith('PJSIP/ward12'), 'caller bridged with ward 12');
    assert.ok(!call.isHearingRingback, 'ringback stops once bridged');
    assert.deepEqual(heard(leg), [], 'an endpoint target is bridged without a confirmation prompt');
    await call.waitForPlayback(sound('survey'));
    await call.press('2');
    await call.waitForHangup();

    const ticket = await h.finalTicket(call.id);
    assert.equal(ticket.outcome, 'answered');
    assert.equal(ticket.answered_by_name, 'Chủ tịch phường Xuân Đỉnh');
    assert.equal(ticket.ended_by, 'official');
    assert.equal(ticket.rating, 2);
    assert.match(ticket.recording_name ?? '', new RegExp(`^hotline-${call.id.replace('.', '\\.')}-`));
    const started = h.asterisk().events('RecordingStarted');
    assert.equal(started.length, 1);
    const recording = started[0]?.recording as { target_uri: string } | undefined;
    assert.match(recording?.target_uri ?? '', /^bridge:/);
    assert.ok(h.asterisk().storedRecording(ticket.recording_name as string), 'the recording file is kept');
    const dial = h
      .asterisk()
      .requests()
      .find((r) => r.method === 'POST' && r.path.endsWith('/dial'));
    assert.equal(String(dial?.query.timeout), '5', 'the ring timeout goes to Asterisk in seconds');
    assert.deepEqual(targetResults(await h.timeline(call.id)), ['PJSIP/ward12 → accepted']);
  });
});
