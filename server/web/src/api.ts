import type {
  Account,
  AccountInput,
  AccountPatch,
  AuditPage,
  BulkInput,
  BulkResult,
  CallbackStarted,
  CalledBackInput,
  Category,
  Contact,
  ContactInput,
  Dashboard,
  Desk,
  DutyTarget,
  ErrorParams,
  Open311Key,
  Open311KeyCreated,
  Override,
  OverrideInput,
  Procedure,
  ProcedureInput,
  ProcedurePatch,
  Session,
  SessionState,
  Shift,
  Telephony,
  Ticket,
  TicketEvent,
  TicketPage,
  TicketPatch,
  TransferInput,
  Transferred,
  Unit,
  UnitInput,
} from './types';

/** One field at fault in a validation-failed answer. */
export interface FieldIssue {
  path: string;
  code: string;
  params: ErrorParams;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly params: ErrorParams,
    readonly details: Record<string, unknown> | undefined,
    /** Seconds from Retry-After, when the server sent one. */
    readonly retryAfterSeconds: number | undefined,
  ) {
    super(message);
  }

  /** The fields a 400 validation-failed names, each with its code. */
  get fieldIssues(): FieldIssue[] {
    const issues = this.details?.issues;
    return Array.isArray(issues) ? (issues as FieldIssue[]) : [];
  }
}

export type Query = Record<string, string | undefined>;

export function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The UI's only way to data: /api/v1 on the same origin, the session cookie and the CSRF header. */
export class Api {
  private csrfToken = '';
  /** Called when the session is gone (401 outside sign-in), so the app can show the sign-in screen. */
  onSignedOut: () => void = () => {};

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && this.csrfToken) headers['X-CSRF-Token'] = this.csrfToken;
    const res = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status === 204) return undefined as T;
    const payload = (await res.json().catch(() => ({}))) as {
      error?: { code?: string; message?: string; params?: ErrorParams; details?: Record<string, unknown> };
    };
    if (!res.ok) {
      const retry = Number(res.headers.get('Retry-After'));
      const error = new ApiError(
        res.status,
        payload.error?.code ?? 'http-error',
        payload.error?.message ?? `${method} ${path} failed with ${res.status}`,
        payload.error?.params ?? {},
        payload.error?.details,
        Number.isFinite(retry) && retry > 0 ? retry : undefined,
      );
      if (res.status === 401 && path !== '/auth/login') this.onSignedOut();
      throw error;
    }
    return payload as T;
  }

  private remember(session: Session): Session {
    this.csrfToken = session.csrfToken;
    return session;
  }

  login = async (username: string, password: string) =>
    this.remember(await this.request<Session>('POST', '/auth/login', { username, password }));
  /** The session of this browser, or null: asked on load without a 401 when signed out. */
  session = async (): Promise<Session | null> => {
    const state = await this.request<SessionState>('GET', '/auth/session');
    return state.signedIn ? this.remember({ user: state.user, csrfToken: state.csrfToken }) : null;
  };
  logout = () => this.request<void>('POST', '/auth/logout');
  changePassword = (currentPassword: string, newPassword: string) =>
    this.request<void>('POST', '/auth/password', { currentPassword, newPassword });

  tickets = (query: Query) => this.request<TicketPage>('GET', `/tickets${queryString(query)}`);
  ticket = (id: number) => this.request<Ticket>('GET', `/tickets/${id}`);
  telephony = () => this.request<Telephony>('GET', '/telephony');
  patchTicket = (id: number, patch: TicketPatch) => this.request<Ticket>('PATCH', `/tickets/${id}`, patch);
  addNote = (id: number, text: string) => this.request<TicketEvent>('POST', `/tickets/${id}/notes`, { text });
  exportUrl = (format: 'xlsx' | 'csv', query: Query) =>
    `/api/v1/tickets/export.${format}${queryString({ ...query, cursor: undefined, limit: undefined })}`;

  units = () => this.request<Unit[]>('GET', '/units');
  desks = (unitId: number) => this.request<Desk[]>('GET', `/units/${unitId}/desks`);
  createUnit = (input: UnitInput) => this.request<Unit>('POST', '/units', input);
  patchUnit = (id: number, input: Partial<UnitInput>) => this.request<Unit>('PATCH', `/units/${id}`, input);
  createContact = (unitId: number, input: ContactInput) =>
    this.request<Contact>('POST', `/units/${unitId}/contacts`, input);
  patchContact = (id: number, input: Partial<ContactInput>) =>
    this.request<Contact>('PATCH', `/contacts/${id}`, input);
  deleteContact = (id: number) => this.request<void>('DELETE', `/contacts/${id}`);
  shifts = (unitId: number) => this.request<Shift[]>('GET', `/units/${unitId}/shifts`);
  putShifts = (unitId: number, shifts: Shift[]) =>
    this.request<Shift[]>('PUT', `/units/${unitId}/shifts`, { shifts });
  overrides = (unitId: number) => this.request<Override[]>('GET', `/units/${unitId}/overrides`);
  createOverride = (unitId: number, input: OverrideInput) =>
    this.request<Override>('POST', `/units/${unitId}/overrides`, input);
  deleteOverride = (id: number) => this.request<void>('DELETE', `/overrides/${id}`);
  onDuty = (unitId: number, at?: string) =>
    this.request<DutyTarget[]>('GET', `/units/${unitId}/on-duty${queryString({ at })}`);

  users = () => this.request<Account[]>('GET', '/users');
  createUser = (input: AccountInput) => this.request<Account>('POST', '/users', input);
  patchUser = (id: number, patch: AccountPatch) => this.request<Account>('PATCH', `/users/${id}`, patch);
  resetUserPassword = (id: number, password: string) =>
    this.request<Account>('POST', `/users/${id}/password`, { password });
  categories = () => this.request<Category[]>('GET', '/categories');
  createCategory = (name: string) => this.request<Category>('POST', '/categories', { name });
  patchCategory = (id: number, patch: { name?: string; active?: boolean }) =>
    this.request<Category>('PATCH', `/categories/${id}`, patch);
  open311Keys = () => this.request<Open311Key[]>('GET', '/open311-keys');
  createOpen311Key = (name: string) => this.request<Open311KeyCreated>('POST', '/open311-keys', { name });
  revokeOpen311Key = (id: number) => this.request<Open311Key>('POST', `/open311-keys/${id}/revoke`);
  procedures = () => this.request<Procedure[]>('GET', '/procedures');
  createProcedure = (input: ProcedureInput) => this.request<Procedure>('POST', '/procedures', input);
  patchProcedure = (id: number, patch: ProcedurePatch) =>
    this.request<Procedure>('PATCH', `/procedures/${id}`, patch);
  deactivateProcedure = (id: number) => this.request<Procedure>('POST', `/procedures/${id}/deactivate`);
  audit = (query: Query) => this.request<AuditPage>('GET', `/audit${queryString(query)}`);
  unlockUser = (id: number) => this.request<Account>('POST', `/users/${id}/unlock`);

  dashboard = (period: Query) => this.request<Dashboard>('GET', `/dashboard${queryString(period)}`);

  callback = (id: number, input: { contactId?: number; closeFollowUp: boolean }) =>
    this.request<CallbackStarted>('POST', `/tickets/${id}/callback`, input);
  bulkTickets = (input: BulkInput) => this.request<BulkResult>('POST', '/tickets/bulk', input);
  transferTicket = (id: number, input: TransferInput) =>
    this.request<Transferred>('POST', `/tickets/${id}/transfer`, input);
  calledBack = (id: number, input: CalledBackInput) =>
    this.request<Ticket>('POST', `/tickets/${id}/called-back`, input);
  /** The live board's server-sent events; the browser reconnects on its own after a drop. */
  liveStream = () => new EventSource('/api/v1/live/stream', { withCredentials: true });
}
