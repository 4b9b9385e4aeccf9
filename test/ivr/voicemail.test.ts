import assert from 'node:assert/strict';
import { spokenTicketDigits } from '../../core/domain/ticket-code';
import { trackingSecretMatches } from '../../core/tickets/tracking-secret';
import type { CallHandle } from '../support/asterisk';
import { heard, heardTracking, sound, targetResults, trackingPrompts, useIvr } from './ivr-harness';

const citizen = { from: '0912345678', to: '0889009412' };
/** A message shorter than this is a hang-up at the beep for the ticket (call-facts MIN_VOICEMAIL_MS). */
const USABLE_MESSAGE_MS = 2000;

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Ward 12 and the operator never answer (the emulator's default): every call ends in voicemail. */
describe('IVR voicemail when nobody answers', () => {
  const h = useIvr();

  async function untilRecording(call: CallHandle): Promise<string> {
    const started = await call.waitFor('RecordingStarted', { timeoutMs: 3000 });
    return (started.recording as { name: string }).name;
  }

  it('records a message after the beep, ends it on #, and reads the ticket number and its secret', async () => {
    const call = await h.asterisk().placeCall({ ...citizen, args: ['12'] });
    const name = await untilRecording(call);
    assert.equal(name, `voicemail-${call.id}`);
    assert.ok(!call.isHearingRingback, 'ringback stopped before the invitation');
    const sofar = heard(call);
    assert.deepEqual(sofar.slice(-2), ['leave-message', 'tone:beep']);
    await delay(USABLE_MESSAGE_MS); // the caller speaks
    await call.press('#');
    await call.waitForHangup();

    const ticket = await h.finalTicket(call.id);
    const closing = heard(call).slice(sofar.length);
    const told = heardTracking(closing);
    assert.ok(told, closing.join(' '));
    assert.equal(told.number, spokenTicketDigits(ticket.code));
    assert.ok(
      trackingSecretMatches(ticket.tracking_secret_hash, ticket.code, told.secret),
      'the secret heard is stored',
    );
    assert.deepEqual(closing, ['message-saved', ...trackingPrompts(told.number, told.secret), 'goodbye']);
    assert.equal(ticket.outcome, 'voicemail');
    assert.equal(ticket.needs_callback, true);
    assert.equal(ticket.voicemail_name, name);
    assert.equal(ticket.ended_by, 'system');
    assert.ok(h.asterisk().storedRecording(name), 'the message is kept on Asterisk');
    const finished = h.asterisk().events('RecordingFinished')[0]?.recording as
      | { target_uri: string }
      | undefined;
    assert.equal(finished?.target_uri, `channel:${call.id}`);
    const timeline = await h.timeline(call.id);
    assert.deepEqual(targetResults(timeline), ['PJSIP/ward12 → no-answer', 'PJSIP/operator → no-answer']);
    assert.ok(timeline.some((e) => e.kind === 'voicemail.finished'));
  });

  it('keeps a message when the caller hangs up instead of pressing #', async () => {
    const call = await h.asterisk().placeCall({ ...citizen, args: ['12'] });
    const name = await untilRecording(call);
    // The caller speaks for longer than a usable message: the IVR measures it from when it heard of
    // the recording's start, which a loaded machine tells it later than the test sees it.
    await delay(USABLE_MESSAGE_MS + 500);
    call.hangup();
    const ticket = await h.finalTicket(call.id);
    assert.equal(ticket.outcome, 'voicemail');
    assert.equal(ticket.ended_by, 'caller');
    assert.equal(ticket.voicemail_name, name);
    assert.ok(h.asterisk().storedRecording(name), 'what was said before the hangup is kept');
  });

  it('marks a message ended at once as missed, still due for a callback', async () => {
    const call = await h.asterisk().placeCall({ ...citizen, args: ['12'] });
    await untilRecording(call);
    await call.press('#');
    await call.waitForPlayback(sound('callback-promise'));
    await call.waitForHangup();
    assert.ok(!heard(call).includes('message-saved'), 'no message to confirm');
    const ticket = await h.finalTicket(call.id);
    assert.equal(ticket.outcome, 'missed');
    assert.equal(ticket.needs_callback, true);
    assert.equal(ticket.voicemail_name, null, 'an empty message is not offered to staff');
  });

  it('ends the message after the silence limit', async () => {
    const call = await h.asterisk().placeCall({ ...citizen, args: ['12'] });
    await untilRecording(call);
    call.fallSilent();
    await call.waitForPlayback(sound('message-saved'));
    await call.waitForHangup();
    assert.equal((await h.finalTicket(call.id)).needs_callback, true);
  });

  it('ignores a # pressed during the tone: the recording goes on until the next #', async () => {
    const call = await h.asterisk().placeCall({ ...citizen, args: ['12'] });
    await call.until(() => heard(call).at(-1) === 'leave-message', 'the invitation to end');
    await call.press('#');
    const name = await untilRecording(call);
    assert.deepEqual(h.asterisk().leftovers().liveRecordings, [name], 'still recording after the early #');
    await call.press('#');
    await call.waitForPlayback(sound('callback-promise'));
    await call.waitForHangup();
    assert.ok(!heard(call).includes('message-saved'), 'no message to confirm');
    const ticket = await h.finalTicket(call.id);
    assert.equal(ticket.outcome, 'missed');
  });
});

describe('IVR voicemail when the unit has nobody on duty at all', () => {
  const h = useIvr();

  before(async () => {
    const knex = h.db().db.knex;
    const operator = await knex('units').where({ code: '0' }).first('id');
    await knex('duty_overrides').insert({
      unit_id: operator.id,
      contact_id: null,
      starts_at: new Date(Date.now() - 3600_000),
      ends_at: new Date(Date.now() + 3600_000),
      priority: 0,
    });
    await h.roster().refresh();
  });

  it('goes straight to voicemail without dialing anyone', async () => {
    const call = await h.asterisk().placeCall({ ...citizen, args: ['0'] });
    await call.waitFor('RecordingStarted');
    assert.deepEqual(h.asterisk().dialed(), []);
    assert.ok(
      !h
        .asterisk()
        .requests()
        .some((r) => r.path.endsWith('/ring')),
      'no ringback with nobody to ring',
    );
    call.hangup();
    const ticket = await h.finalTicket(call.id);
    assert.equal(ticket.outcome, 'missed');
    assert.equal(ticket.needs_callback, true);
    const kinds = (await h.timeline(call.id)).map((e) => e.kind);
    assert.ok(kinds.includes('roster.empty'));
    assert.ok(!kinds.includes('target.result'));
  });
});
