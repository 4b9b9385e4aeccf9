import assert from 'node:assert/strict';
import type express from 'express';
import request from 'supertest';
import { spokenTicketDigits } from '../../core/domain/ticket-code';
import { createSilentLogger } from '../../core/logger';
import { OrganisationFileError, parseOrganisation } from '../../core/seed/organisation.load';
import { trackingSecretMatches } from '../../core/tickets/tracking-secret';
import { UsersRepository } from '../../core/users/users.repo';
import type { SessionUser } from '../../server/api/auth/session-user';
import { boardFor } from '../../server/api/live/live.view';
import { createApp } from '../../server/app';
import { LiveBoard } from '../../server/live/live-board';
import type { CallHandle } from '../support/asterisk';
import {
  heard,
  heardOfMenu,
  heardTracking,
  kindsOf,
  menuPlayedThrough,
  sound,
  TEST_ORGANISATION,
  trackingPrompts,
  useIvr,
} from './ivr-harness';

const citizen = { from: '0912345678', to: '0889009412' };
/** A message shorter than this is a hang-up at the beep for the ticket (MIN_VOICEMAIL_SECONDS). */
const USABLE_MESSAGE_MS = 2000;
const PASSWORD = 'correct horse battery';
const MENU_WITH_KEY = ['menu', 'menu-complaint', 'digits/9', 'digits/9'];

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface ComplaintRow {
  id: number;
  code: string;
  channel: string;
  outcome: string | null;
  unit_id: number | null;
  confidential: boolean;
  leader_only: boolean;
  voicemail_name: string | null;
  needs_callback: boolean;
  ended_by: string | null;
  tracking_secret_hash: string;
}

/**
 * Issue 13, item 4 (the phone): the menu's confidential key records a voice message for the
 * chairman and Home Affairs, on a ticket the ward's staff never see (leader-only), nobody rung.
 */
describe('IVR: the confidential complaint to the chairman', () => {
  const h = useIvr();
  let app: express.Express;

  before(async () => {
    app = createApp({
      logger: createSilentLogger(),
      db: h.db().db,
      healthSources: [],
      api: { timeZone: 'Asia/Ho_Chi_Minh', onRosterChanged: () => undefined },
    });
    const users = new UsersRepository(h.db().db.knex);
    await users.create({ username: 'noivu', password: PASSWORD, role: 'admin' });
    await users.create({ username: 'ward12', password: PASSWORD, role: 'ward_official', unitCodes: ['12'] });
  });

  const complaintOf = async (channelId: string): Promise<ComplaintRow> => {
    await h.finalTicket(channelId);
    return h.db().db.knex('tickets').where({ asterisk_channel_id: channelId }).first();
  };

  const signIn = async (username: string) => {
    const agent = request.agent(app);
    const res = await agent.post('/api/v1/auth/login').send({ username, password: PASSWORD }).expect(200);
    return { agent, csrf: res.body.csrfToken as string };
  };

  async function pressKeyAfterMenu(call: CallHandle): Promise<string> {
    await call.waitForPlayback(sound('menu-complaint'));
    await call.press('99');
    const started = await call.waitFor('RecordingStarted', { timeoutMs: 3000 });
    return (started.recording as { name: string }).name;
  }

  it('offers the key after the menu; 99 records a message for the chairman, then the number and secret', async () => {
    const call = await h.asterisk().placeCall(citizen);
    await call.until(() => heard(call).join(' ').endsWith(MENU_WITH_KEY.join(' ')), 'the whole menu');
    await call.press('99');
    const started = await call.waitFor('RecordingStarted', { timeoutMs: 3000 });
    const name = (started.recording as { name: string }).name;
    assert.equal(name, `complaint-${call.id}`);
    const sofar = heard(call);
    assert.deepEqual(sofar, [
      'welcome',
      'recording-notice',
      ...MENU_WITH_KEY,
      'complaint-notice',
      'tone:beep',
    ]);
    await delay(USABLE_MESSAGE_MS); // the caller speaks
    await call.press('#');
    await call.waitForHangup();

    const ticket = await complaintOf(call.id);
    const closing = heard(call).slice(sofar.length);
    const told = heardTracking(closing);
    assert.ok(told, closing.join(' '));
    assert.deepEqual(closing, ['complaint-saved', ...trackingPrompts(told.number, told.secret), 'goodbye']);
    assert.equal(told.number, spokenTicketDigits(ticket.code));
    assert.ok(trackingSecretMatches(ticket.tracking_secret_hash, ticket.code, told.secret));
    assert.deepEqual(
      {
        channel: ticket.channel,
        outcome: ticket.outcome,
        unit: ticket.unit_id,
        confidential: ticket.confidential,
        leaderOnly: ticket.leader_only,
        voicemail: ticket.voicemail_name,
        callback: ticket.needs_callback,
      },
      {
        channel: 'phone',
        outcome: 'voicemail',
        unit: null,
        confidential: true,
        leaderOnly: true,
        voicemail: name,
        callback: true,
      },
    );
    assert.deepEqual(h.asterisk().dialed(), [], 'no official is rung');
    assert.ok(h.asterisk().storedRecording(name), 'the message is kept on Asterisk');
    const timeline = await h.timeline(call.id);
    assert.deepEqual(timeline.find((e) => e.kind === 'complaint.chosen')?.data, { code: '99' });
    assert.ok(!kindsOf(timeline).includes('unit.chosen'));
  });

  it("is invisible to the ward's official through the API, even once Home Affairs assigns it to the ward", async () => {
    const call = await h.asterisk().placeCall(citizen);
    await pressKeyAfterMenu(call);
    await delay(USABLE_MESSAGE_MS);
    await call.press('#');
    const ticket = await complaintOf(call.id);

    const admin = await signIn('noivu');
    const listed = await admin.agent.get('/api/v1/tickets?leaderOnly=true').expect(200);
    const item = listed.body.items.find((t: { id: number }) => t.id === ticket.id);
    assert.ok(item, 'Home Affairs lists it among the complaints');
    assert.equal(item.leaderOnly, true);
    const unit12 = await h.db().db.knex('units').where({ code: '12' }).first('id');
    await admin.agent
      .post(`/api/v1/tickets/${ticket.id}/transfer`)
      .set('X-CSRF-Token', admin.csrf)
      .send({ unitId: unit12.id, reason: 'về cán bộ phường Xuân Đỉnh' })
      .expect(200);

    const official = await signIn('ward12');
    const absent = await official.agent.get('/api/v1/tickets/999999999').expect(404);
    const page = await official.agent.get(`/api/v1/tickets/${ticket.id}`).expect(404);
    assert.equal(page.body.error.code, absent.body.error.code, 'the answer for a ticket that does not exist');
    await official.agent.get(`/api/v1/tickets/${ticket.id}/voicemail`).expect(404);
    const list = await official.agent.get('/api/v1/tickets').expect(200);
    assert.ok(!list.text.includes(ticket.code), 'not in the ward official’s call log');
    const search = await official.agent.get(`/api/v1/tickets?q=${ticket.code}`).expect(200);
    assert.ok(!search.text.includes(ticket.code));
  });

  it('keeps the complaint when the caller hangs up mid-message, and one who hangs up at the notice too', async () => {
    const speaking = await h.asterisk().placeCall(citizen);
    const name = await pressKeyAfterMenu(speaking);
    await delay(USABLE_MESSAGE_MS + 500);
    speaking.hangup();
    const kept = await complaintOf(speaking.id);
    assert.equal(kept.outcome, 'voicemail');
    assert.equal(kept.ended_by, 'caller');
    assert.equal(kept.voicemail_name, name);
    assert.equal(kept.leader_only, true);
    assert.ok(h.asterisk().storedRecording(name), 'what was said before the hangup is kept');

    const leaving = await h.asterisk().placeCall(citizen);
    await leaving.waitForPlayback(sound('menu-complaint'));
    await leaving.press('99');
    await leaving.waitForPlayback(sound('complaint-notice'));
    leaving.hangup();
    const left = await complaintOf(leaving.id);
    assert.equal(left.leader_only, true, 'a complaint begun is the ward’s business never');
    assert.equal(left.confidential, true);
    assert.equal(left.outcome, 'missed');
    assert.equal(left.voicemail_name, null);
  });

  it('shows on the live board as a complaint: masked for an admin, whole for a permission holder, to no one else', async () => {
    const call = await h.asterisk().placeCall(citizen);
    await pressKeyAfterMenu(call);
    const live = h
      .ivr()
      .liveCalls()
      .find((c) => c.callId === call.id);
    assert.equal(live?.leaderOnly, true);
    assert.equal(live?.confidential, true);
    const board = new LiveBoard({
      calls: h.ivr(),
      duty: h.roster(),
      reachability: undefined,
      logger: createSilentLogger(),
    }).snapshot();
    const units = await h.db().db.knex('units').select('id', 'code', 'name');
    const user = (
      role: SessionUser['role'],
      scoped: SessionUser['units'],
      readsComplaints = false,
    ): SessionUser => ({
      id: 1,
      username: role,
      displayName: null,
      role,
      units: scoped,
      mustChangePassword: false,
      readsComplaints,
    });
    const seenBy = (reader: SessionUser) =>
      boardFor(reader, board).board.calls.filter((c) => c.id === call.id);
    assert.ok(live?.callerNumber, 'the caller gave a number');
    // Without the leader-only mark the call would be an ordinary one (no unit) to these readers: the
    // viewer would list it, the admin see the caller in full, the permission holder see nothing.
    assert.deepEqual(seenBy(user('viewer', [])), [], 'a viewer without the permission does not see it');
    assert.deepEqual(seenBy(user('ward_official', units)), [], 'nor an official of every ward');
    const admin = seenBy(user('admin', []));
    assert.equal(admin.length, 1, 'an admin without the permission sees it exists');
    assert.equal(admin[0]?.leaderOnly, true);
    assert.notEqual(admin[0]?.callerNumber, live.callerNumber, 'the sender masked for that admin');
    const holder = seenBy(user('viewer', [], true));
    assert.equal(holder.length, 1, 'the permission holder (the chairman) sees it');
    assert.equal(holder[0]?.leaderOnly, true);
    assert.equal(holder[0]?.callerNumber, live.callerNumber, 'with the sender in full');
    call.hangup();
    await h.finalTicket(call.id);
  });
});

describe('IVR: the confidential complaint key in the organisation file', () => {
  const organisation = { ...TEST_ORGANISATION, confidential_code: '7' };
  const logLines: string[] = [];
  const h = useIvr({}, { organisation, logLines });

  it('refuses a key that clashes with a unit, naming the unit', () => {
    assert.throws(
      () => parseOrganisation('organisation.json', { ...TEST_ORGANISATION, confidential_code: '12' }),
      (error: unknown) =>
        error instanceof OrganisationFileError &&
        error.problems.includes(
          'confidential_code: confidential_code "12" is also the code of unit 12 (UBND phường Xuân Đỉnh)',
        ),
    );
  });

  it('offers the configured key, and none once a unit takes its code, which the log names', async () => {
    const call = await h.asterisk().placeCall(citizen);
    await call.waitForPlayback(sound('digits/7'));
    await call.press('7');
    await call.waitFor('RecordingStarted', { timeoutMs: 3000 });
    call.hangup();
    assert.equal((await h.finalTicket(call.id)).voicemail_name, null);

    // A unit written to the database by hand takes the key's code (the API refuses it): the unit keeps it.
    await h.db().db.knex('units').insert({ code: '7', name: 'UBND phường Thụy Phương', kind: 'ward' });
    await h.roster().refresh();
    assert.equal(h.roster().menu().confidentialCode, null);
    assert.ok(
      logLines.some((line) =>
        line.includes('confidential_code \\"7\\" is also the code of unit 7 (UBND phường Thụy Phương)'),
      ),
      logLines.join('\n'),
    );
    const after = await h.asterisk().placeCall(citizen);
    await menuPlayedThrough(after, h);
    assert.deepEqual(heardOfMenu(after), ['menu'], 'the menu offers no key');
  });

  it('treats a stored key that is not a dial code as none, said once at error level', async () => {
    const settings = () => h.db().db.knex('settings').where({ key: 'confidential_code' });
    await settings().update({ value: JSON.stringify('abc') });
    try {
      await h.roster().refresh();
      await h.roster().refresh();
      assert.equal(h.roster().menu().confidentialCode, null);
      const said = logLines.filter((line) => line.includes('setting \\"confidential_code\\" is \\"abc\\"'));
      assert.equal(said.length, 1, logLines.join('\n'));
      assert.match(said[0] ?? '', /"level":"error"/);
      const call = await h.asterisk().placeCall(citizen);
      await menuPlayedThrough(call, h);
      assert.deepEqual(heardOfMenu(call), ['menu'], 'the menu offers no key');
    } finally {
      await settings().update({ value: JSON.stringify('7') });
      await h.roster().refresh();
    }
  });
});
