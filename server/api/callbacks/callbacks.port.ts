import type { DutyTarget } from '../../../core/domain/roster';
import { AppError, type ErrorParams } from '../../../core/errors';
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

/** No switchboard to place a callback through: none configured, or not connected now. */
export class CallbacksUnavailableError extends AppError {
  constructor(reason: 'not-configured' | 'not-connected') {
    const why =
      reason === 'not-configured'
        ? 'Asterisk ARI is not configured (ARI_URL is not set)'
        : 'the service is not connected to Asterisk now';
    super(503, 'callbacks-unavailable', `Callbacks cannot be placed: ${why}`, { reason }, { reason });
  }
}

export class CallbackRefusedError extends AppError {
  constructor(
    code:
      | 'callback-not-needed'
      | 'no-caller-number'
      | 'no-unit'
      | 'callback-in-progress'
      | 'nobody-on-duty'
      | 'callback-complaint',
    message: string,
    ticketCode?: string,
  ) {
    const params: ErrorParams = ticketCode === undefined ? {} : { ticket: ticketCode };
    super(409, code, message, params, params);
  }
}
