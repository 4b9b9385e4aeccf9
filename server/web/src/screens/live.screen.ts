import type { AppContext } from '../context';
import { h } from '../dom';
import { phone, time } from '../format';
import type { Key } from '../i18n';
import type { Board, BoardCall, BoardUnit } from '../types';
import { section } from '../ui';

/** "4:05" from an ISO start; the page ticks these once a second between pushes. */
function elapsed(sinceIso: string): string {
  const total = Math.max(0, Math.floor((Date.now() - Date.parse(sinceIso)) / 1000));
  const minutes = Math.floor(total / 60);
  return `${minutes}:${String(total % 60).padStart(2, '0')}`;
}

function callsTable(calls: BoardCall[], ctx: AppContext): HTMLElement {
  const { t } = ctx;
  if (calls.length === 0) return h('p', { className: 'empty' }, t('live.noCalls'));
  const cell = (label: string, ...content: (Node | string | null)[]) =>
    h('td', { 'data-label': label }, ...content);
  const heads = [
    'live.col.since',
    'live.col.stage',
    'live.col.caller',
    'live.col.unit',
    'live.col.with',
  ] as const;
  return h(
    'div',
    { className: 'table-wrap' },
    h(
      'table',
      { className: 'live-calls' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          heads.map((key) => h('th', { scope: 'col' }, t(key))),
        ),
      ),
      h(
        'tbody',
        {},
        calls.map((call) =>
          h(
            'tr',
            { 'data-call': call.id, 'data-stage': call.stage },
            cell(t('live.col.since'), time(call.receivedAt)),
            cell(
              t('live.col.stage'),
              h('span', { className: `badge stage-${call.stage}` }, t(`stage.${call.stage}` as Key)),
              ' ',
              h('span', { className: 'elapsed', 'data-since': call.since }, elapsed(call.since)),
              call.kind === 'callback' ? h('span', { className: 'flag' }, t('live.callback')) : null,
            ),
            cell(t('live.col.caller'), call.callerNumber ? phone(call.callerNumber) : '—'),
            cell(t('live.col.unit'), call.unit ? `${call.unit.code} · ${call.unit.name}` : '—'),
            cell(t('live.col.with'), call.party?.name ?? '—'),
          ),
        ),
      ),
    ),
  );
}

function unitsList(units: BoardUnit[], ctx: AppContext): HTMLElement {
  const { t } = ctx;
  return h(
    'ul',
    { className: 'live-units' },
    units.map((unit) =>
      h(
        'li',
        { 'data-unit': unit.code },
        h('strong', {}, `${unit.code} · ${unit.name}`),
        unit.onDuty.length === 0
          ? h('span', { className: 'hint' }, ` ${t('live.nobody')}`)
          : h(
              'ul',
              {},
              unit.onDuty
                .filter((contact) => !contact.isFallback)
                .map((contact) =>
                  h(
                    'li',
                    {},
                    `${contact.name} (${phone(contact.dial)}) `,
                    h(
                      'span',
                      { className: `badge reach-${contact.reachability}` },
                      t(`live.reach.${contact.reachability}`),
                    ),
                  ),
                ),
            ),
      ),
    ),
  );
}

type LiveState =
  | 'connecting'
  | 'reconnecting'
  | 'unavailable'
  | 'no-switchboard'
  | 'switchboard-down'
  | 'live';

function liveState(streaming: boolean, board: Board | undefined, closed: boolean): LiveState {
  // The browser gives up on a stream the server refused (not running here): it will not reconnect.
  if (closed) return 'unavailable';
  if (!streaming) return board ? 'reconnecting' : 'connecting';
  if (!board?.telephony) return 'no-switchboard';
  return board.connected ? 'live' : 'switchboard-down';
}

/**
 * "Trực tiếp": calls in progress and who is on duty, redrawn on every "board" event of the
 * server-sent stream without reloading; the stream closes when the user leaves the screen.
 */
export async function liveScreen(ctx: AppContext): Promise<HTMLElement> {
  const { t } = ctx;
  const status = h('p', { className: 'live-status', role: 'status' }, '');
  const calls = h('div', {});
  const units = h('div', {});
  const page = h(
    'div',
    { className: 'live-page' },
    h('h1', {}, t('live.title')),
    status,
    section(t('live.calls'), calls),
    section(t('live.units'), units),
  );
  const source = ctx.api.liveStream();
  let board: Board | undefined;
  // One line says the state: the stream and the switchboard together, never "live" while either is down.
  const showState = (streaming: boolean) => {
    const state = liveState(streaming, board, source.readyState === EventSource.CLOSED);
    status.textContent = t(`live.state.${state}`);
    status.dataset.state = state;
  };
  showState(false);
  source.addEventListener('error', () => showState(false));
  source.addEventListener('board', (event) => {
    board = JSON.parse((event as MessageEvent<string>).data) as Board;
    showState(true);
    calls.replaceChildren(
      board.connected ? callsTable(board.calls, ctx) : h('p', { className: 'empty' }, '—'),
    );
    units.replaceChildren(unitsList(board.units, ctx));
  });
  const ticker = window.setInterval(() => {
    if (!page.isConnected) return;
    for (const el of page.querySelectorAll<HTMLElement>('.elapsed'))
      el.textContent = elapsed(el.dataset.since ?? '');
  }, 1000);
  const close = () => {
    source.close();
    window.clearInterval(ticker);
  };
  window.addEventListener('hashchange', close, { once: true });
  return page;
}
