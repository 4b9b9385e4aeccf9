/**
 * The shapes of /api/v1 the app reads and sends, derived from the server's zod schemas. The imports
 * are type-only, so esbuild drops them: no server code and no zod reach the bundle. The constants
 * are the stored values the server owns, read from core, never a copy.
 */
import type * as audit from '../../api/audit/audit-log.schemas';
import type * as auth from '../../api/auth/auth.schemas';
import type * as callbacks from '../../api/callbacks/callbacks.schemas';
import type * as categories from '../../api/categories/categories.schemas';
import type * as dashboard from '../../api/dashboard/dashboard.schemas';
import type * as desks from '../../api/desks/desks.schemas';
import type * as open311 from '../../api/open311-keys/open311-keys.schemas';
import type * as procedures from '../../api/procedures/procedures.schemas';
import type * as bulk from '../../api/tickets/tickets.bulk.schemas';
import type * as tickets from '../../api/tickets/tickets.schemas';
import type * as rosters from '../../api/units/rosters.schemas';
import type * as units from '../../api/units/units.schemas';
import type * as users from '../../api/users/users.schemas';
import type * as board from '../../live/board.schemas';

export type { ErrorParams } from '../../../core/error-codes';
export { CALL_OUTCOMES as OUTCOMES, type CallOutcome as Outcome } from '../../../core/tickets/call-ticket';
export {
  CALLED_BACK_RESULTS,
  type CalledBackResult,
} from '../../../core/tickets/called-back';
export { TICKET_CHANNELS as CHANNELS, type TicketChannel } from '../../../core/tickets/ticket-channel';
export {
  TICKET_STATUSES as STATUSES,
  type TicketStatus as Status,
} from '../../../core/tickets/ticket-status';
export { UNIT_KINDS } from '../../../core/units/unit-kind';
export type { Role } from '../../../core/users/roles';

export type UnitRef = auth.UnitRef;
export type User = auth.User;
export type Session = auth.Session;
export type SessionState = auth.SessionState;

export type TicketSummary = tickets.TicketSummary;
export type TicketPage = tickets.TicketPage;
export type TicketEvent = tickets.TicketEvent;
export type Ticket = tickets.Ticket;
export type Media = NonNullable<Ticket['recording']>;
export type TicketPatch = tickets.TicketPatchInput;
export type TransferInput = tickets.TransferInput;
export type Transferred = tickets.Transferred;
export type BulkInput = bulk.BulkInput;
export type BulkResult = bulk.BulkResult;

export type Contact = units.Contact;
export type Unit = units.Unit;
export type UnitInput = units.UnitInput;
export type ContactInput = units.ContactInput;

/** A shift as the grid edits it: as stored (with its id) or new. */
export type Shift = Omit<rosters.Shift, 'id'> & { id?: number };
export type Override = rosters.Override;
export type OverrideInput = rosters.OverrideBody;
export type DutyTarget = rosters.DutyTargetView;

export type Dashboard = dashboard.Dashboard;
export type Desk = desks.Desk;

export type Category = categories.Category;
export type Open311Key = open311.Open311Key;
export type Open311KeyCreated = open311.Open311KeyCreated;
export type Procedure = procedures.ProcedureView;
export type ProcedureInput = procedures.ProcedureCreate;
export type ProcedurePatch = procedures.ProcedurePatch;
export type AuditEntry = audit.AuditEntryView;
export type AuditPage = audit.AuditPage;

export type Account = users.Account;
export type AccountInput = users.AccountInput;
export type AccountPatch = users.AccountPatchInput;

/** GET /live and the "board" events of /live/stream. */
export type Board = board.BoardSnapshot;
export type BoardCall = board.BoardCall;
export type BoardUnit = board.BoardUnit;
export type CallbackStarted = callbacks.CallbackStarted;
export type Telephony = callbacks.Telephony;
export type CalledBackInput = callbacks.CalledBackInput;
