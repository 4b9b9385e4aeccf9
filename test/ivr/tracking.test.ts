import assert from 'node:assert/strict';
import type express from 'express';
import request from 'supertest';
import { spokenTicketDigits } from '../../core/domain/ticket-code';
import { createSilentLogger } from '../../core/logger';
import { trackingSecretMatches } from '../../core/tickets/tracking-secret';
import { createApp } from '../../server/app';
import { answers } from '../support/asterisk';
import { heard, heardTracking, kindsOf, sound, trackingPrompts, useIvr } from './ivr-harness';

const citizen = { from: '0912345678', to: '0889009412', args: ['12'] };
/** A message shorter than this is a hang-up at the beep for the ticket (call-facts MIN_VOICEMAIL_MS). */
const USABLE_MESSAGE_MS = 2000;
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Issue 13 item 5: every phone ticket has a code and a secret, read to the caller where the call
 * ends for them; with the two, the citizen site opens the ticket.
 */
describe('IVR: the ticket number and tracking secret at the end of a call', () => {
  const h = useIvr({ ringTimeoutMs: 5000 });
  let site: express.Express;

  before(() => {
    site = createApp({
      logger: createSilentLogger(),
      db: h.db().db,
      healthSources: [],
      api: { timeZone: 'Asia/Ho_Chi_Minh', onRosterChanged: () => undefined },
    });
  });

  const track = (code: string, secret: string) =>
    request(site).post('/p/t').type('form').send({ code, secret });

  it('reads the number then the secret after a message, and the two heard open the ticket on the citizen site', async () => {
    const call = await h.asterisk().placeCall(citizen);
    await call.waitFor('RecordingStarted', { timeoutMs: 3000 });
    await delay(USABLE_MESSAGE_MS);
    await call.press('#');
    await call.waitForHangup();
    const ticket = await h.finalTicket(call.id);
    const closing = heard(call).slice(heard(call).indexOf('message-saved'));
    const told = heardTracking(closing);
    assert.ok(told, closing.join(' '));
    assert.deepEqual(closing, ['message-saved', ...trackingPrompts(told.number, told.secret), 'goodbye']);
    assert.equal(told.number, spokenTicketDigits(ticket.code));
    assert.match(told.secret, /^\d{6}$/);
    assert.ok(kindsOf(await h.timeline(call.id)).includes('tracking.told'));

    const page = await track(told.number, told.secret).expect(200);
    assert.match(page.text, new RegExp(ticket.code));
    assert.match(page.text, /<dd class="status">Đã tiếp nhận<\/dd>/);
    await track(ticket.code, told.secret).expect(200);
    const wrong = String((Number(told.secret) + 1) % 1_000_000).padStart(6, '0');
    await track(told.number, wrong).expect(400);
  });

  it('reads them to a caller still on the line after the official hung up first', async () => {
    h.asterisk().endpoint('PJSIP/ward12', answers({ afterMs: 300, hangsUpAfterMs: 80 }));
    const call = await h.asterisk().placeCall(citizen);
    await call.waitForPlayback(sound('survey'));
    await call.press('2');
    await call.waitForHangup();
    const ticket = await h.finalTicket(call.id);
    const afterSurvey = heard(call).slice(heard(call).findIndex((id) => id.startsWith('survey')) + 1);
    const told = heardTracking(afterSurvey);
    assert.ok(told, afterSurvey.join(' '));
    assert.deepEqual(afterSurvey, ['survey-thanks', ...trackingPrompts(told.number, told.secret), 'goodbye']);
    assert.ok(trackingSecretMatches(ticket.tracking_secret_hash, ticket.code, told.secret));
    await track(told.number, told.secret).expect(200);
  });

  it('reads nothing over a conversation: a caller who hangs up on the official hears no secret, yet the ticket has one', async () => {
    h.asterisk().endpoint('PJSIP/ward12', answers({ afterMs: 300 }));
    const call = await h.asterisk().placeCall(citizen);
    await call.until(() => call.isBridgedWith('PJSIP/ward12'), 'the caller talking to the official');
    call.hangup();
    const ticket = await h.finalTicket(call.id);
    assert.equal(ticket.ended_by, 'caller');
    assert.ok(
      !heard(call).some((id) => id.startsWith('ticket-code') || id.startsWith('tracking-')),
      heard(call).join(' '),
    );
    assert.match(ticket.tracking_secret_hash ?? '', /^[0-9a-f]{64}$/);
    assert.ok(!kindsOf(await h.timeline(call.id)).includes('tracking.told'));
  });

  it('stops reading when the caller hangs up half-way: the call ends as theirs, nothing else is played', async () => {
    const call = await h.asterisk().placeCall(citizen);
    await call.waitFor('RecordingStarted', { timeoutMs: 3000 });
    await delay(USABLE_MESSAGE_MS);
    await call.press('#');
    await call.until(
      () => call.heard().some((entry) => entry.media === sound('ticket-code') && entry.status === 'finished'),
      'the ticket number read',
    );
    call.hangup();
    const ticket = await h.finalTicket(call.id);
    assert.equal(ticket.outcome, 'voicemail');
    assert.equal(ticket.ended_by, 'caller');
    assert.ok(!heard(call).includes('goodbye'));
    assert.ok(!kindsOf(await h.timeline(call.id)).includes('tracking.told'));
  });
});
