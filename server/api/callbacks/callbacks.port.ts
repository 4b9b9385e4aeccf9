import type { DutyTarget } from '../../../core/domain/roster';
import { AppError } from '../../../core/errors';
import type { CallbackReport, CallbackRequest, CallbackResult } from '../../../ivr/calls/callback-session';

/** What the API needs of the telephony side to place a callback; main wires it to the IVR and roster. */
export interface CallbackPlacer {
  /** Whether Asterisk is connected now (a callback cannot start otherwise). */
  readonly isConnected: boolean;
  onDuty(unitId: number, at: Date): DutyTarget[];
  hasCallbackFor(ticketId: number): boolean;
  startCallback(
    request: CallbackRequest,
    report: CallbackReport,
  ): { callbackId: string; done: Promise<CallbackResult> };
}

export class CallbacksUnavailableError extends AppError {
  constructor(why: string) {
    super(503, 'callbacks-unavailable', `Callbacks cannot be placed: ${why}`);
  }
}

export class CallbackRefusedError extends AppError {
  constructor(code: string, message: string) {
    super(409, code, message);
  }
}
