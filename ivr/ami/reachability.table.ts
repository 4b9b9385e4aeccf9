import type { Reachability } from '../calls/reachability.port';

type ContactState = 'reachable' | 'unreachable' | 'unknown';

/** One contact as PJSIPShowContacts lists it (`Endpoint`, `Uri`, `Status`). */
export interface ListedContact {
  endpoint: string;
  uri: string;
  status: string;
}

/**
 * ContactStatus `ContactStatus` / ContactList `Status` values. Created, NonQualified (Unqualified
 * in the event docs) and Unknown mean a registered contact whose qualify has not said anything:
 * ringing is the only way to find out. Updated (a re-registration) keeps what qualify said.
 */
function contactState(status: string, previous: ContactState | undefined): ContactState {
  switch (status.toLowerCase()) {
    case 'reachable':
      return 'reachable';
    case 'unreachable':
    case 'unavailable':
      return 'unreachable';
    case 'updated':
      return previous ?? 'unknown';
    default:
      return 'unknown';
  }
}

/** DeviceStateChange `State` (ast_devstate_str) → what it says about reachability. */
function deviceReachability(state: string): Reachability {
  switch (state.toUpperCase()) {
    case 'UNAVAILABLE':
      return 'unreachable';
    case 'NOT_INUSE':
    case 'INUSE':
    case 'BUSY':
    case 'RINGING':
    case 'RINGINUSE':
    case 'ONHOLD':
      return 'reachable';
    default:
      return 'unknown';
  }
}

/**
 * The reachability of PJSIP endpoints from what AMI said, as a pure table. Contacts are the primary
 * signal: an endpoint is reachable when one contact is, unreachable when every contact is (or its
 * last contact was removed), unknown otherwise. Device state only speaks for endpoints whose
 * contacts were never seen. Endpoints never mentioned stay unknown, so a name we mistranslate
 * still rings.
 */
export class ReachabilityTable {
  private readonly contacts = new Map<string, Map<string, ContactState>>();
  private readonly devices = new Map<string, Reachability>();

  onContactStatus(endpoint: string, uri: string, status: string): void {
    const contacts = this.contacts.get(endpoint) ?? new Map<string, ContactState>();
    this.contacts.set(endpoint, contacts);
    if (status.toLowerCase() === 'removed') contacts.delete(uri);
    else contacts.set(uri, contactState(status, contacts.get(uri)));
  }

  onDeviceState(device: string, state: string): void {
    const match = /^PJSIP\/(.+)$/i.exec(device);
    if (match?.[1]) this.devices.set(match[1], deviceReachability(state));
  }

  /**
   * A full PJSIPShowContacts listing replaces what events built: endpoints seen before but absent
   * now lost their contacts while we were not listening.
   */
  resync(listed: readonly ListedContact[]): void {
    for (const contacts of this.contacts.values()) contacts.clear();
    for (const { endpoint, uri, status } of listed) {
      const contacts = this.contacts.get(endpoint) ?? new Map<string, ContactState>();
      this.contacts.set(endpoint, contacts);
      contacts.set(uri, contactState(status, undefined));
    }
  }

  reachability(endpoint: string): Reachability {
    const contacts = this.contacts.get(endpoint);
    if (!contacts) return this.devices.get(endpoint) ?? 'unknown';
    const states = [...contacts.values()];
    if (states.includes('reachable')) return 'reachable';
    if (states.every((state) => state === 'unreachable')) return 'unreachable';
    return 'unknown';
  }

  get endpointsKnown(): number {
    return new Set([...this.contacts.keys(), ...this.devices.keys()]).size;
  }

  counts(): Record<Reachability, number> {
    const names = new Set([...this.contacts.keys(), ...this.devices.keys()]);
    const counts: Record<Reachability, number> = { reachable: 0, unreachable: 0, unknown: 0 };
    for (const name of names) counts[this.reachability(name)] += 1;
    return counts;
  }
}
