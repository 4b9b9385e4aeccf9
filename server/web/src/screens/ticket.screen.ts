import { type AppContext, canWrite, type Route } from '../context';
import { h } from '../dom';
import { dateTime, seconds } from '../format';
import type { Media, Telephony, Ticket } from '../types';
import { outcomeBadge, ratingText, section, statusBadge } from '../ui';
import { callLogHref } from './calls.filters';
import { callerText } from './calls.screen';
import { callbackForm, calledBackForm, wantsCallback } from './ticket.callback';
import { editForm, noteForm } from './ticket.edit';
import { ticketPhotos } from './ticket.photos';
import { quickEntry } from './ticket.quick';
import { timeline } from './ticket.timeline';
import { transferForm } from './ticket.transfer';

/** The title around the ticket code, the code kept on one line (it would break at its hyphens). */
function withCode(title: string, code: string): (string | HTMLElement)[] {
  const [before = '', after = ''] = title.split('\u0000');
  return [before, h('span', { className: 'nowrap' }, code), after];
}

function facts(ticket: Ticket, ctx: AppContext): HTMLElement {
  const { t } = ctx;
  const items: [string, Node | string][] = [
    [t('col.unit'), ticket.unit ? `${ticket.unit.code} · ${ticket.unit.name}` : '—'],
    [t('calls.channel'), t(`channel.${ticket.channel}`)],
    [t('col.caller'), callerText(ticket, ctx)],
    [t('ticket.receivedAt'), dateTime(ticket.receivedAt)],
    [t('ticket.answeredAt'), dateTime(ticket.answeredAt)],
    [t('ticket.endedAt'), dateTime(ticket.endedAt)],
    // A ticket from the website or Open311 had no call, so no outcome (not one "in progress").
    [t('col.outcome'), ticket.channel === 'phone' ? outcomeBadge(ticket.outcome, t) : '—'],
    [t('col.wait'), seconds(ticket.waitSeconds)],
    [t('col.talk'), seconds(ticket.talkSeconds)],
    [t('col.answeredBy'), ticket.answeredByName ?? '—'],
    [t('col.rating'), ratingText(ticket.rating, t)],
    [t('ticket.due'), dateTime(ticket.dueAt)],
    [t('ticket.dialedCode'), ticket.dialedCode ?? '—'],
  ];
  if (ticket.procedure) items.push([t('ticket.procedure'), ticket.procedure.name]);
  return h(
    'dl',
    { className: 'facts' },
    items.map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, value))),
  );
}

/**
 * A recording or voicemail, or why it cannot be played: deleted at the end of its retention
 * period, or no switchboard connected (none configured, or said once the player fails).
 */
function player(label: string, media: Media, telephony: Telephony, ctx: AppContext): HTMLElement {
  const { t } = ctx;
  const id = `audio-${media.name.replace(/[^a-z0-9]/gi, '-')}`;
  const caption = h('figcaption', { id: `${id}-label` }, label);
  const why = (text: string) => h('p', { className: 'notice media-notice' }, text);
  if (media.url === null || media.expiredAt !== null) {
    const date = media.expiredAt ? dateTime(media.expiredAt) : '—';
    return h('figure', { className: 'player' }, caption, why(t('media.expired', { date })));
  }
  if (!telephony.recordings)
    return h('figure', { className: 'player' }, caption, why(t('media.notConnected')));
  // A failed fetch is the switchboard not answering (502): said instead of a silent 0:00.
  const failed = why(t('media.notConnected'));
  failed.hidden = true;
  const audio = h(
    'audio',
    { controls: true, preload: 'metadata', src: media.url, 'aria-labelledby': `${id}-label` },
    t('ticket.noAudio'),
  );
  audio.addEventListener('error', () => {
    audio.hidden = true;
    failed.hidden = false;
  });
  return h('figure', { className: 'player' }, caption, audio, failed);
}

/** One ticket: what happened on the call, its audio, and the forms to work it. */
export async function ticketScreen(ctx: AppContext, route: Route): Promise<HTMLElement> {
  const { t } = ctx;
  const id = Number(route.path[1]);
  const [ticket, telephony] = await Promise.all([ctx.api.ticket(id), ctx.api.telephony()]);
  const reload = () => ctx.navigate(location.hash);
  // Never through the unit's officials for a complaint about them (the API refuses it too).
  const mayCallBack =
    canWrite(ctx.session) && ticket.unit !== null && !ticket.leaderOnly && wantsCallback(ticket);
  const units = canWrite(ctx.session) ? await ctx.api.units() : [];
  const transfer = canWrite(ctx.session)
    ? transferForm(ticket, units, ctx, (stillVisible) => (stillVisible ? reload() : ctx.navigate('#/calls')))
    : null;
  const audio = [
    ticket.recording ? player(t('ticket.recording'), ticket.recording, telephony, ctx) : null,
    ticket.voicemail ? player(t('ticket.voicemail'), ticket.voicemail, telephony, ctx) : null,
  ].filter((el): el is HTMLElement => el !== null);

  return h(
    'div',
    { className: 'ticket-page' },
    h('a', { href: callLogHref(route.query), className: 'back' }, t('ticket.back')),
    h(
      'div',
      { className: 'page-head' },
      h('h1', {}, ...withCode(t('ticket.title', { code: '\u0000' }), ticket.code)),
      h(
        'div',
        { className: 'badges' },
        statusBadge(ticket.status, t),
        ticket.leaderOnly
          ? h('span', { className: 'badge confidential leader-only' }, t('ticket.leaderOnly'))
          : ticket.confidential
            ? h('span', { className: 'badge confidential' }, t('ticket.confidential'))
            : null,
        ticket.needsCallback ? h('span', { className: 'flag' }, t('calls.needsCallback')) : null,
      ),
      h('button', { type: 'button', className: 'print', onclick: () => window.print() }, t('ticket.print')),
    ),
    ticket.leaderOnly ? h('p', { className: 'notice leader-only' }, t('ticket.leaderOnlyHint')) : null,
    canWrite(ctx.session) ? quickEntry(ticket, ctx, reload) : null,
    h(
      'div',
      { className: 'columns' },
      h(
        'div',
        {},
        section(t('ticket.details'), facts(ticket, ctx), ...audio, ticketPhotos(ticket, ctx)),
        mayCallBack
          ? section(
              t('ticket.callbackTitle'),
              telephony.connected
                ? callbackForm(ticket, units, ctx, reload)
                : h('p', { className: 'notice' }, t('callback.notConnected')),
            )
          : null,
        canWrite(ctx.session) && ticket.needsCallback
          ? section(t('calledBack.title'), calledBackForm(ticket, ctx, reload))
          : null,
        transfer ? section(t('transfer.title'), transfer) : null,
        canWrite(ctx.session)
          ? section(t('ticket.edit'), editForm(ticket, ctx, reload))
          : h('p', { className: 'notice' }, t('ticket.readOnly')),
      ),
      h(
        'div',
        {},
        section(t('ticket.timeline'), timeline(ticket.events, ctx)),
        canWrite(ctx.session) ? section(t('ticket.note'), noteForm(ticket, ctx, reload)) : null,
      ),
    ),
  );
}
