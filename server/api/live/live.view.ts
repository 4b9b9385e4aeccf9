import { maskPhone } from '../../../core/domain/phone';
import type { BoardSnapshot } from '../../live/live-board';
import { type SessionUser, unitScope } from '../auth/session-user';

/** The board as one user may see it: ward officials their own units only; viewers no full numbers. */
export function boardFor(user: SessionUser, board: BoardSnapshot): BoardSnapshot {
  const scope = unitScope(user);
  const isMasked = user.role === 'viewer';
  const maySee = (unitId: number | undefined) =>
    scope === null || (unitId !== undefined && scope.includes(unitId));
  return {
    ...board,
    calls: board.calls
      .filter((call) => maySee(call.unit?.id))
      .map((call) => ({
        ...call,
        callerNumber:
          isMasked && call.callerNumber !== null ? maskPhone(call.callerNumber) : call.callerNumber,
      })),
    units: board.units
      .filter((unit) => maySee(unit.id))
      .map((unit) => ({
        ...unit,
        onDuty: unit.onDuty.map((contact) => ({
          ...contact,
          dial: isMasked && contact.isPhoneNumber ? maskPhone(contact.dial) : contact.dial,
        })),
      })),
  };
}
