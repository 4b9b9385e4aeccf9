import assert from 'node:assert/strict';
import type { SessionUser } from '../../server/api/auth/session-user';
import { boardFor } from '../../server/api/live/live.view';
import type { BoardCall, BoardSnapshot } from '../../server/live/board.schemas';
import { type ApiHarness, apiHarness, insertUnits, type SignedIn } from './api.fixture';

const NOW = new Date('2026-12-04T03:00:00Z');
const IN_MENU = { code: 'HL-2026-000701', caller: '+84977000111' };
const DECIDED = { code: 'HL-2026-000702', caller: '+84977000222' };

/**
 * A call still in the menu may yet become a confidential complaint to the chairman (the caller
 * presses its key): an admin who saw its number then would know who complained. Until the caller
 * chooses, the number is masked for everyone but those who read complaints, on every surface.
 */
describe('a call before the menu’s choice: its caller masked for all but complaint readers', () => {
  let h: ApiHarness;
  let admin: SignedIn;
  let clerk: SignedIn;
  let inMenuId: number;

  const callerViewsOf = async (username: string, ticketId: number) =>
    (
      await h
        .knex('audit_log as a')
        .join('users as u', 'u.id', 'a.user_id')
        .where({ 'a.action': 'ticket.view-caller', 'a.entity_id': String(ticketId), 'u.username': username })
        .count<{ n: number }[]>({ n: '*' })
    )[0]?.n;

  before(async () => {
    h = await apiHarness({ now: () => NOW });
    const units = await insertUnits(h.knex, [{ code: '1', name: 'Phường Phúc Diễn' }]);
    const ticket = (code: string, caller: string) => ({
      code,
      channel: 'phone',
      received_at: NOW,
      caller_number: caller,
      status: 'new',
    });
    [{ id: inMenuId }] = await h
      .knex('tickets')
      .insert({ ...ticket(IN_MENU.code, IN_MENU.caller), unit_id: null, outcome: null })
      .returning('id');
    await h
      .knex('tickets')
      .insert({ ...ticket(DECIDED.code, DECIDED.caller), unit_id: units.get('1'), outcome: 'answered' });
    await h.user('admin', 'admin');
    await h.user('clerk', 'admin');
    await h.knex('users').where({ username: 'clerk' }).update({ reads_complaints: true });
    admin = await h.signIn('admin');
    clerk = await h.signIn('clerk');
  });
  after(async () => h?.test.drop());

  const listed = async (who: SignedIn, query = '') =>
    Object.fromEntries(
      (await who.agent.get(`/api/v1/tickets${query}`).expect(200)).body.items.map(
        (item: { code: string; callerNumber: string | null }) => [item.code, item.callerNumber],
      ),
    );

  it('shows an admin the number masked in the list and on the ticket page, and audits no view of it', async () => {
    assert.deepEqual(await listed(admin), { [IN_MENU.code]: '+84***11', [DECIDED.code]: DECIDED.caller });
    const page = await admin.agent.get(`/api/v1/tickets/${inMenuId}`).expect(200);
    assert.deepEqual([page.body.callerNumber, page.body.callerMasked], ['+84***11', true]);
    assert.equal(await callerViewsOf('admin', inMenuId), 0);
  });

  it('shows the complaint reader the number in full, each view audited', async () => {
    assert.deepEqual(await listed(clerk), { [IN_MENU.code]: IN_MENU.caller, [DECIDED.code]: DECIDED.caller });
    assert.equal(await callerViewsOf('clerk', inMenuId), 1);
  });

  it('lets no admin find the call by its number, which would reveal it, only by its code', async () => {
    assert.deepEqual(await listed(admin, '?q=0977000111'), {});
    assert.deepEqual(await listed(admin, `?q=${IN_MENU.code}`), { [IN_MENU.code]: '+84***11' });
    assert.deepEqual(await listed(admin, '?q=0977000222'), { [DECIDED.code]: DECIDED.caller });
    assert.deepEqual(await listed(clerk, '?q=0977000111'), { [IN_MENU.code]: IN_MENU.caller });
  });

  it('exports it masked for an admin', async () => {
    const res = await admin.agent
      .get('/api/v1/tickets/export.csv')
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
      })
      .expect(200);
    const rows = String(res.body).trimEnd().split('\r\n').slice(1);
    const callers = Object.fromEntries(rows.map((line) => [line.split(',')[0], line.split(',')[5]]));
    assert.deepEqual(callers, { [IN_MENU.code]: '0***111', [DECIDED.code]: '0977 000 222' });
  });

  it('masks it on the live board until a unit is chosen, for an admin, not for the complaint reader', () => {
    const call = (id: string, unit: BoardCall['unit']): BoardCall => ({
      id,
      kind: 'citizen',
      stage: unit ? 'ringing' : 'menu',
      since: NOW.toISOString(),
      receivedAt: NOW.toISOString(),
      callerNumber: IN_MENU.caller,
      unit,
      party: null,
      ticketId: null,
      confidential: false,
      leaderOnly: false,
    });
    const board: BoardSnapshot = {
      at: NOW.toISOString(),
      telephony: true,
      connected: true,
      calls: [call('in-menu', null), call('ringing', { id: 1, code: '1', name: 'Phường Phúc Diễn' })],
      units: [],
    };
    const user = (readsComplaints: boolean): SessionUser => ({
      id: 1,
      username: 'a',
      displayName: null,
      role: 'admin',
      units: [],
      mustChangePassword: false,
      readsComplaints,
    });
    const callers = (view: ReturnType<typeof boardFor>) => view.board.calls.map((c) => c.callerNumber);
    assert.deepEqual(callers(boardFor(user(false), board)), ['+84***11', IN_MENU.caller]);
    assert.deepEqual(callers(boardFor(user(true), board)), [IN_MENU.caller, IN_MENU.caller]);
    assert.deepEqual(
      boardFor(user(false), board).callersInFull.map((c) => c.id),
      ['ringing'],
      'only the number shown in full is audited',
    );
  });
});
