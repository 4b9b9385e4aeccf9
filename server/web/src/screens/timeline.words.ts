import { dateTime, phone } from '../format';
import type { Key, Translate } from '../translate';
import type { TicketEvent } from '../types';

const text = (value: unknown) => (value === null || value === undefined ? '—' : String(value));

/** A translated word for a stored value (`stage.menu`), or the value itself when there is none. */
function word(t: Translate, prefix: string, value: unknown): string {
  const key = `${prefix}.${text(value)}` as Key;
  const translated = t(key);
  return translated === key ? text(value) : translated;
}

function value(field: string, v: unknown, t: Translate): string {
  if (typeof v === 'boolean') return t(v ? 'app.yes' : 'app.no');
  if (field === 'dueAt' && typeof v === 'string') return dateTime(v);
  return text(v);
}

/** "category: — → Đất đai; due time: … → …" from the API's {field: {from, to}}. */
function describeChanges(changes: unknown, t: Translate): string {
  if (typeof changes !== 'object' || changes === null) return '';
  return Object.entries(changes as Record<string, { from?: unknown; to?: unknown }>)
    .map(
      ([field, change]) =>
        `${word(t, 'field', field)}: ${value(field, change.from, t)} → ${value(field, change.to, t)}`,
    )
    .join('; ');
}

function unitName(unit: unknown, t: Translate): string {
  const name = typeof unit === 'object' && unit !== null ? (unit as { name?: unknown }).name : undefined;
  return typeof name === 'string' ? name : t('transfer.noUnit');
}

/** One line per timeline step, in the reader's language; unknown kinds still show their data. */
export function describeEvent(event: TicketEvent, t: Translate): string {
  const d = event.data;
  switch (event.kind) {
    case 'stage':
      return t('event.stage', { stage: word(t, 'stage', d.stage) });
    case 'menu.invalid':
      return d.reason === 'no-input'
        ? t('event.menu.no-input')
        : t('event.menu.invalid', { digits: text(d.digits) });
    case 'unit.chosen':
      return t('event.unit.chosen', { code: text(d.code), name: text(d.name) });
    case 'target.result':
      return t(d.isFallback ? 'event.target.fallback' : 'event.target.result', {
        name: text(d.name),
        dial: typeof d.dial === 'string' ? phone(d.dial) : text(d.dial),
        result: word(t, 'result', d.result),
      });
    case 'call.answered':
      return t('event.call.answered', { name: text(d.name) });
    case 'voicemail.finished':
      return t('event.voicemail.finished', { seconds: text(d.durationSeconds) });
    case 'survey.rated':
      return t('event.survey.rated', { rating: word(t, 'rating', d.rating) });
    case 'call.ended':
      return t('event.call.ended', { outcome: word(t, 'outcome', d.outcome) });
    case 'direct.unknown-code':
      return t('event.direct.unknown-code', { code: text(d.code) });
    case 'note':
      return t('event.note', { text: text(d.text) });
    case 'ticket.edited':
      return t('event.changed', { changes: describeChanges(d.changes, t) });
    case 'callback.requested':
    case 'callback.official-answered':
      return t(`event.${event.kind}`, {
        name: text(d.name),
        dial: typeof d.dial === 'string' ? phone(d.dial) : text(d.dial),
      });
    case 'ticket.spam':
      return t(d.spam === false ? 'event.ticket.spam.cleared' : 'event.ticket.spam');
    case 'web.feedback':
    case 'web.complaint':
    case 'citizen.reply':
      return t(`event.${event.kind}`, { text: text(d.text) });
    case 'open311.request':
      return t('event.open311.request', {
        client: text(d.client),
        text: text(d.text),
        sender: [d.name, d.email].filter((part) => typeof part === 'string').join(', ') || '—',
        place: text(d.place),
        media: text(d.mediaUrl),
      });
    case 'web.rating':
      return t('event.web.rating', { rating: word(t, 'rating', d.rating) });
    case 'ticket.transferred':
      return t('event.ticket.transferred', { from: unitName(d.from, t), to: unitName(d.to, t) });
    case 'callback.manual':
      return t('event.callback.manual', { result: word(t, 'calledback', d.result) });
    case 'callback.result':
      return t('event.callback.result', { result: word(t, 'cbresult', d.result) });
    case 'status.changed':
      return t('event.status', { from: word(t, 'status', d.from), to: word(t, 'status', d.to) });
    case 'recording.expired':
      return t('event.recording.expired', { media: word(t, 'media', d.media) });
    case 'photos.expired':
      return t('event.photos.expired', { count: Array.isArray(d.photos) ? d.photos.length : text(d.photos) });
  }
  const key = `event.${event.kind}` as Key;
  const known = t(key);
  if (known !== key) return known;
  const facts = Object.entries(d).map(
    ([name, value]) =>
      `${word(t, 'field', name)}: ${typeof value === 'object' ? JSON.stringify(value) : text(value)}`,
  );
  return [event.kind, ...facts].join(' · ');
}
