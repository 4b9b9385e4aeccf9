import type { Role } from '../users/roles';
import { isE164, maskPhone } from './phone';

/**
 * The one rule for officials' own phones (contacts, on-duty lists, the live board): admins and
 * ward officials, who ring and work with them, see them in full; viewers see them masked.
 * Asterisk endpoints (PJSIP/ward1) are no phone number and are shown as they are.
 */
export function officialDialAsSeen(role: Role, dial: string): string {
  return role === 'viewer' && isE164(dial) ? maskPhone(dial) : dial;
}
