import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { answers, type CallHandle } from '../support/asterisk';
import { POSTGRES_SERVER_AVAILABLE } from '../support/database';
import { eventually, heard, kindsOf, legTo, sound, useIvr } from './ivr-harness';

const citizen = { from: '0912345678', to: '0889009412', args: ['12'] };

describe('IVR resilience: the ARI websocket drops mid-call', () => {
  const h = useIvr();

  async function talkingWithWard12(): Promise<{ call: CallHandle; official: CallHandle }> {
    // Answered once the 40 ms recording notice has played, so the conversation is recorded.
    h.asterisk().endpoint('PJSIP/ward12', answers({ afterMs: 100 }));
    const call = await h.asterisk().placeCall(citizen);
    await call.until(() => call.isBridgedWith('PJSIP/ward12'), 'caller bridged with ward 12');
    await call.until(() => h.asterisk().events('RecordingStarted').length > 0, 'the call recording');
    return { call, official: legTo(h.asterisk(), 'PJSIP/ward12') };
  }

  /** The supervisor (through ari-client's retry) reconnected and reconciled. */
  /** How often the IVR has listed its Stasis app (it does on every connect, to reconcile). */
  const appListings = () =>
    h
      .asterisk()
      .requests()
      .filter((r) => r.method === 'GET' && r.path === '/ari/applications/hotline').length;

  /** The supervisor reconnected and listed the app again since `listingsBefore`. */
  async function reconnected(listingsBefore: number): Promise<void> {
    await h.asterisk().waitForApp('hotline', 5000);
    await eventually(() => appListings() > listingsBefore, 'the reconcile after reconnecting');
    assert.equal(h.ivr().health().status, 'up');
  }

  it('keeps the conversation through the outage and completes the call after it', async () => {
    const { call, official } = await talkingWithWard12();
    const listingsBefore = appListings();
    h.asterisk().dropWebsocket();
    assert.ok(!h.asterisk().isServing());
    assert.ok(call.isBridgedWith('PJSIP/ward12'), 'Asterisk keeps the bridge while the app is away');
    await reconnected(listingsBefore);
    official.hangup();
    await call.waitForPlayback(sound('survey'));
    await call.press('1');
    await call.waitForHangup();
    const ticket = await h.finalTicket(call.id);
    assert.equal(ticket.outcome, 'answered');
    assert.equal(ticket.rating, 1);
    assert.equal(ticket.ended_by, 'official');
  });

  it('bridges an official who answered while the event stream was down', async () => {
    h.asterisk().endpoint('PJSIP/ward12', answers({ afterMs: 100 }));
    const call = await h.asterisk().placeCall(citizen);
    const official = await h.asterisk().waitForLeg('PJSIP/ward12');
    await official.waitForState('Ringing');
    const listingsBefore = appListings();
    h.asterisk().dropWebsocket({ refuseForMs: 400 });
    await official.waitForState('Up');
    assert.ok(!h.asterisk().isServing(), 'the answer happened while nobody listened');
    await reconnected(listingsBefore);
    await call.until(() => call.isBridgedWith('PJSIP/ward12'), 'caller bridged after the reconcile');
    assert.equal(official.state, 'Up', 'the official was not hung up on');
    official.hangup();
    await call.waitForPlayback(sound('survey'));
    call.hangup();
    const ticket = await h.finalTicket(call.id);
    assert.equal(ticket.outcome, 'answered');
    assert.equal(ticket.answered_by_name, 'Chủ tịch phường Xuân Đỉnh');
  });

  it('finishes the ticket after reconnecting when the caller hung up during the outage', async () => {
    const { call, official } = await talkingWithWard12();
    const listingsBefore = appListings();
    h.asterisk().dropWebsocket();
    call.hangup();
    await reconnected(listingsBefore);
    await official.waitForHangup();
    const ticket = await h.finalTicket(call.id);
    assert.equal(ticket.outcome, 'answered');
    assert.equal(ticket.ended_by, 'caller');
    assert.ok(ticket.recording_name);
    await eventually(() => h.ivr().activeCalls === 0, 'the call to be released');
  });

  it('plays the survey after reconnecting when the official hung up during the outage', async () => {
    const { call, official } = await talkingWithWard12();
    const listingsBefore = appListings();
    h.asterisk().dropWebsocket();
    official.hangup();
    await reconnected(listingsBefore);
    await call.waitForPlayback(sound('survey'));
    await call.press('3');
    await call.waitForHangup();
    const ticket = await h.finalTicket(call.id);
    assert.equal(ticket.rating, 3);
    assert.equal(ticket.needs_callback, true);
    assert.ok(heard(call).includes('callback-promise'));
  });
});

// Cutting the database off needs a server behind a socket; PGlite runs in-process.
if (POSTGRES_SERVER_AVAILABLE) {
  describe('IVR resilience: the database is down for the whole call', () => {
    const h = useIvr({ ringTimeoutMs: 5000 }, { databaseProxy: true });

    function outboxLines(): string[] {
      const dir = h.outboxDir();
      return readdirSync(dir)
        .filter((file) => file.startsWith('tickets.') && !file.includes('rejected'))
        .flatMap((file) => readFileSync(path.join(dir, file), 'utf8').split('\n'))
        .filter((line) => line.trim() !== '');
    }

    async function ticketRows(channelId: string) {
      return h.db().db.knex('tickets').where({ asterisk_channel_id: channelId });
    }

    it('keeps every write in the outbox and replays them into one complete ticket', async () => {
      h.asterisk().endpoint('PJSIP/ward12', answers({ afterMs: 300, hangsUpAfterMs: 80 }));
      h.databaseProxy().cut();
      const call = await h.asterisk().placeCall(citizen);
      await call.waitForPlayback(sound('survey'));
      await call.press('1');
      await call.waitForHangup();
      assert.ok(heard(call).includes('goodbye'), 'the call went on without the database');
      assert.ok(
        !heard(call).includes('ticket-code') && !heard(call).includes('tracking-secret'),
        'no number and no secret for a ticket the database does not hold',
      );
      await eventually(
        () => outboxLines().length === 3,
        'the three ticket writes (received, answered, ended) in the outbox',
        4000,
      );
      assert.deepEqual(await ticketRows(call.id), []);

      h.databaseProxy().restore();
      await h.recorder().replayOutbox();
      const rows = await ticketRows(call.id);
      assert.equal(rows.length, 1);
      const ticket = await h.finalTicket(call.id);
      assert.equal(ticket.outcome, 'answered');
      assert.equal(ticket.rating, 1);
      assert.equal(ticket.answered_by_name, 'Chủ tịch phường Xuân Đỉnh');
      assert.match(ticket.tracking_secret_hash ?? '', /^[0-9a-f]{64}$/, 'a replayed ticket has a secret too');
      const timeline = await h.timeline(call.id);
      assert.equal(kindsOf(timeline)[0], 'call.received');
      assert.equal(kindsOf(timeline).at(-1), 'call.ended');
      assert.ok(kindsOf(timeline).includes('survey.rated'));
      assert.deepEqual(outboxLines(), []);

      await h.recorder().replayOutbox();
      assert.equal((await h.timeline(call.id)).length, timeline.length, 'a second replay adds nothing');
      const seqs = await h.db().db.knex('ticket_events').where({ ticket_id: ticket.id }).pluck('seq');
      assert.deepEqual(
        [...seqs].sort((a, b) => a - b),
        timeline.map((_, index) => index + 1),
      );
    });

    it('merges a first write from the outbox with a final write that reached the database', async () => {
      h.asterisk().endpoint('PJSIP/ward12', answers({ afterMs: 20 }));
      h.databaseProxy().cut();
      const call = await h.asterisk().placeCall(citizen);
      await call.until(() => call.isBridgedWith('PJSIP/ward12'), 'caller bridged with ward 12');
      await eventually(() => outboxLines().length === 1, 'the first write in the outbox', 3000);
      h.databaseProxy().restore();
      call.hangup();
      const ticket = await h.finalTicket(call.id);
      assert.equal(ticket.outcome, 'answered');
      await h.recorder().replayOutbox();
      assert.equal((await ticketRows(call.id)).length, 1);
      const after = await h.finalTicket(call.id);
      assert.equal(after.outcome, 'answered', 'the older outbox version never overwrites the newer row');
      const timeline = await h.timeline(call.id);
      assert.deepEqual(kindsOf(timeline).slice(0, 1), ['call.received']);
      assert.equal(kindsOf(timeline).at(-1), 'call.ended');
    });
  });
}
