import type { AppContext } from '../context';
import { h } from '../dom';
import { dateTime } from '../format';
import type { Ticket } from '../types';

/**
 * The photos a citizen sent with the ticket, each a link to itself at full size; one the
 * retention job deleted says when. Fetching one is audited on the server.
 */
export function ticketPhotos(ticket: Ticket, ctx: AppContext): HTMLElement | null {
  const { t } = ctx;
  if (ticket.photos.length === 0) return null;
  const figures = ticket.photos.map((photo) => {
    const caption = h('figcaption', {}, t('ticket.photoOpen', { n: photo.n }));
    if (photo.url === null)
      return h(
        'figure',
        { className: 'photo' },
        h('p', { className: 'notice' }, t('photo.expired', { n: photo.n, date: dateTime(photo.expiredAt) })),
      );
    const image = h('img', {
      src: photo.url,
      alt: t('ticket.photoAlt', { n: photo.n, code: ticket.code }),
      width: photo.width,
      height: photo.height,
      loading: 'lazy',
    });
    return h(
      'figure',
      { className: 'photo' },
      h('a', { href: photo.url, target: '_blank', rel: 'noopener' }, image, caption),
    );
  });
  return h('div', { className: 'photos' }, h('h3', {}, t('ticket.photos')), figures);
}
