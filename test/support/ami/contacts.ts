import { createHash } from 'node:crypto';
import type { AmiFields } from './ami.wire';

/** A contact's qualify state as PJSIPShowContacts reports it in `Status`. */
export type ContactStatusName = 'Reachable' | 'Unreachable' | 'NonQualified' | 'Unknown';

interface Contact {
  endpoint: string;
  uri: string;
  status: ContactStatusName;
  roundtripUsec: number;
  registeredAt: number;
}

/**
 * The PJSIP contacts Asterisk holds: one registered contact per endpoint, its AOR named like the
 * endpoint (the usual `type=endpoint` + `type=aor` pair with the same name). Builds the events
 * and list items with Asterisk's field names.
 */
export class ContactRegistry {
  private readonly contacts = new Map<string, Contact>();

  has(endpoint: string): boolean {
    return this.contacts.has(endpoint);
  }

  status(endpoint: string): ContactStatusName | undefined {
    return this.contacts.get(endpoint)?.status;
  }

  /** Registers or re-qualifies the endpoint's contact; returns the events Asterisk raises. */
  set(endpoint: string, status: ContactStatusName): AmiFields[] {
    const existing = this.contacts.get(endpoint);
    const contact: Contact = existing ?? {
      endpoint,
      uri: `sip:${endpoint}@192.0.2.10:5060`,
      status,
      roundtripUsec: 0,
      registeredAt: Math.floor(Date.now() / 1000),
    };
    contact.status = status;
    contact.roundtripUsec = status === 'Reachable' ? 1800 + Math.floor(Math.random() * 400) : 0;
    this.contacts.set(endpoint, contact);
    const events: AmiFields[] = [];
    if (!existing) events.push(contactStatusEvent(contact, 'Created'));
    if (status === 'Reachable' || status === 'Unreachable') events.push(contactStatusEvent(contact, status));
    events.push(
      deviceStateEvent(`PJSIP/${endpoint}`, status === 'Unreachable' ? 'UNAVAILABLE' : 'NOT_INUSE'),
    );
    return events;
  }

  /** The contact expired or unregistered; returns the events Asterisk raises. */
  remove(endpoint: string): AmiFields[] {
    const contact = this.contacts.get(endpoint);
    if (!contact) return [];
    this.contacts.delete(endpoint);
    return [contactStatusEvent(contact, 'Removed'), deviceStateEvent(`PJSIP/${endpoint}`, 'UNAVAILABLE')];
  }

  /** Every contact unregisters; returns the events Asterisk raises. */
  removeAll(): AmiFields[] {
    return [...this.contacts.keys()].flatMap((endpoint) => this.remove(endpoint));
  }

  /** One `ContactList` event body per contact (without ActionID), as PJSIPShowContacts lists them. */
  listItems(): AmiFields[] {
    return [...this.contacts.values()].map((contact) => {
      const hash = createHash('md5').update(contact.uri).digest('hex');
      return [
        ['Event', 'ContactList'],
        ['ObjectType', 'contact'],
        ['ObjectName', `${contact.endpoint};@${hash}`],
        ['ViaAddr', '192.0.2.10'],
        ['ViaPort', '5060'],
        ['QualifyTimeout', '3.000000'],
        ['CallId', `${hash.slice(0, 16)}@192.0.2.10`],
        ['RegServer', ''],
        ['PruneOnBoot', 'no'],
        ['Path', ''],
        ['Endpoint', contact.endpoint],
        ['AuthenticateQualify', 'false'],
        ['Uri', contact.uri],
        ['QualifyFrequency', '60'],
        ['UserAgent', 'Yealink SIP-T31P'],
        ['ExpirationTime', String(contact.registeredAt + 3600)],
        ['OutboundProxy', ''],
        ['Status', contact.status],
        ['RoundtripUsec', contact.status === 'Reachable' ? String(contact.roundtripUsec) : 'N/A'],
      ];
    });
  }
}

function contactStatusEvent(contact: Contact, status: string): AmiFields {
  return [
    ['Event', 'ContactStatus'],
    ['Privilege', 'system,all'],
    ['URI', contact.uri],
    ['ContactStatus', status],
    ['AOR', contact.endpoint],
    ['EndpointName', contact.endpoint],
    ['RoundtripUsec', String(contact.roundtripUsec)],
  ];
}

/** `State` takes ast_devstate_str's names: NOT_INUSE, INUSE, BUSY, UNAVAILABLE, RINGING... */
export function deviceStateEvent(device: string, state: string): AmiFields {
  return [
    ['Event', 'DeviceStateChange'],
    ['Privilege', 'call,all'],
    ['Device', device],
    ['State', state],
  ];
}
