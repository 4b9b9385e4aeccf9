import type { AppContext } from '../context';
import { h } from '../dom';
import { dateTime, localDay, time } from '../format';
import type { TicketEvent } from '../types';
import { describeEvent } from './timeline.words';

/** The words a person gave with a step: a status change's reason, a callback's note. */
function quoted(event: TicketEvent): string | null {
  const words =
    event.kind === 'status.changed' || event.kind === 'ticket.transferred'
      ? event.data.reason
      : event.kind === 'callback.manual'
        ? event.data.note
        : null;
  return typeof words === 'string' && words ? words : null;
}

/** A step on the day the call came shows its time; a later one (a note next week) its date too. */
export function timeline(events: TicketEvent[], ctx: AppContext): HTMLElement {
  const { t } = ctx;
  const firstDay = events[0] ? localDay(events[0].at) : '';
  const when = (at: string) => (localDay(at) === firstDay ? time(at) : dateTime(at));
  return h(
    'ol',
    { className: 'timeline' },
    events.map((event) =>
      h(
        'li',
        { className: `event kind-${event.kind.replace(/[^a-z0-9-]/gi, '-')}` },
        h('time', { datetime: event.at }, when(event.at)),
        h('span', { className: 'what' }, describeEvent(event, t)),
        event.actor ? h('span', { className: 'actor' }, t('event.by', { user: event.actor.username })) : null,
        quoted(event) ? h('q', { className: 'reason' }, quoted(event)) : null,
      ),
    ),
  );
}
