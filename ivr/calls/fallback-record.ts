import type { FallbackCall } from '../../core/tickets/fallback-call';
import { FALLBACK_CALLS_FAMILY, FALLBACK_FIELD_SEPARATOR, FALLBACK_RECORD_FIELDS } from './dialplan-contract';

export type ParsedFallbackRecord = { ok: true; call: FallbackCall } | { ok: false; problem: string };

const epoch = (text: string): Date | null => (/^\d+$/.test(text) ? new Date(Number(text) * 1000) : null);

/**
 * Reads one AstDB record the dialplan fallback wrote (DBGetTree gives the key as
 * `/hotline-fallback/<uniqueid>`); a record that does not follow the contract says why.
 */
export function parseFallbackRecord(key: string, value: string): ParsedFallbackRecord {
  const prefix = `/${FALLBACK_CALLS_FAMILY}/`;
  const channelId = key.startsWith(prefix) ? key.slice(prefix.length) : '';
  if (!/^[\w.-]+$/.test(channelId)) return { ok: false, problem: `key ${key} names no channel` };
  const parts = value.split(FALLBACK_FIELD_SEPARATOR);
  if (parts.length !== FALLBACK_RECORD_FIELDS.length)
    return { ok: false, problem: `${parts.length} fields, ${FALLBACK_RECORD_FIELDS.length} expected` };
  const field = Object.fromEntries(FALLBACK_RECORD_FIELDS.map((name, index) => [name, parts[index] ?? '']));
  if (field.format !== '1') return { ok: false, problem: `unknown record format ${field.format}` };
  const receivedAt = epoch(field.receivedEpoch ?? '');
  if (!receivedAt) return { ok: false, problem: `receivedEpoch ${field.receivedEpoch} is not an epoch` };
  if (field.reason !== 'no-app' && field.reason !== 'handed-over')
    return { ok: false, problem: `unknown reason ${field.reason}` };
  const contactId = field.contactId === '' ? null : Number(field.contactId);
  if (contactId !== null && !Number.isSafeInteger(contactId))
    return { ok: false, problem: `contactId ${field.contactId} is not a number` };
  const ended = field.endedEpoch ?? '';
  const endedAt = ended === '' ? null : epoch(ended);
  if (ended !== '' && !endedAt) return { ok: false, problem: `endedEpoch ${ended} is not an epoch` };
  const answered = field.dialStatus === 'ANSWER';
  const talkSeconds =
    answered && /^\d+$/.test(field.answeredSeconds ?? '') ? Number(field.answeredSeconds) : 0;
  return {
    ok: true,
    call: {
      channelId,
      receivedAt,
      callerNumber: field.callerNumber === '' ? null : (field.callerNumber ?? null),
      reason: field.reason,
      contactId,
      answered,
      talkSeconds,
      endedAt,
    },
  };
}
