import { officialDialAsSeen } from '../../../core/domain/official-numbers';
import { callerAsSeen, isAwaitingChoice, sightOf } from '../../../core/tickets/confidentiality';
import type { BoardCall, BoardSnapshot } from '../../live/board.schemas';
import { readerOf, type SessionUser, unitScope } from '../auth/session-user';

export interface BoardView {
  board: BoardSnapshot;
  /** The calls whose caller number this view shows in full: each showing is audited. */
  callersInFull: BoardCall[];
}

/**
 * The board as one user may see it, by the confidentiality rule: ward officials their own units
 * only, a callback on a confidential ticket masked for them and absent for viewers, viewers no
 * full number at all (nor officials' numbers, by the rule for officials' phones).
 */
export function boardFor(user: SessionUser, board: BoardSnapshot): BoardView {
  const reader = readerOf(user);
  const scope = unitScope(user);
  const maySee = (unitId: number) => scope === null || scope.includes(unitId);
  const calls: BoardCall[] = [];
  const callersInFull: BoardCall[] = [];
  for (const call of board.calls) {
    const sight = sightOf(reader, {
      unitId: call.unit?.id ?? null,
      confidential: call.confidential || call.leaderOnly,
      leaderOnly: call.leaderOnly,
      // A citizen's call before the menu's choice has no unit, and no outcome while it lasts.
      awaitingChoice:
        call.kind === 'citizen' &&
        isAwaitingChoice({
          channel: 'phone',
          unitId: call.unit?.id ?? null,
          outcome: null,
          leaderOnly: call.leaderOnly,
        }),
    });
    if (!sight) continue;
    if (sight.caller === 'full' && call.callerNumber !== null) callersInFull.push(call);
    calls.push({ ...call, callerNumber: callerAsSeen(call.callerNumber, sight) });
  }
  return {
    board: {
      ...board,
      calls,
      units: board.units
        .filter((unit) => maySee(unit.id))
        .map((unit) => ({
          ...unit,
          onDuty: unit.onDuty.map((contact) => ({
            ...contact,
            dial: officialDialAsSeen(user.role, contact.dial),
          })),
        })),
    },
    callersInFull,
  };
}
