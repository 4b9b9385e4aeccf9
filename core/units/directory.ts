import type { DialTarget } from '../domain/dial-target';
import type { Organisation } from '../seed/organisation.schema';
import type { UnitKind } from './unit-kind';

/**
 * What Asterisk's static configuration and the prompt generator need to know about the
 * organisation: every unit with its contacts in ringing order, and the hotline's own number.
 * Read from the database, or from an organisation file when there is no database at hand.
 */
export interface Directory {
  hotline: HotlineNumber | null;
  units: DirectoryUnit[];
}

export interface HotlineNumber {
  /** As people dial it, e.g. 0889009412. */
  number: string;
  e164: string | null;
  name: string;
}

export interface DirectoryUnit {
  code: string;
  name: string;
  kind: UnitKind;
  active: boolean;
  fallbackCode: string | null;
  /** In ringing order. */
  contacts: DirectoryContact[];
}

export interface DirectoryContact {
  /** The contact's database id; null when read from an organisation file, which has none. */
  id: number | null;
  name: string;
  dial: DialTarget;
  confirmAnswer: boolean;
  active: boolean;
}

export function directoryFromOrganisation(org: Organisation): Directory {
  return {
    hotline: org.hotline
      ? { number: org.hotline.number, e164: org.hotline.e164 ?? null, name: org.hotline.name }
      : null,
    units: org.units.map((unit) => ({
      code: unit.code,
      name: unit.name,
      kind: unit.kind,
      active: unit.active,
      fallbackCode: unit.fallback ?? null,
      contacts: unit.contacts.map((contact) => ({
        id: null,
        name: contact.name,
        dial: contact.dial,
        // Same default as the seed: only a phone can hide a personal voicemail.
        confirmAnswer: contact.confirm_answer ?? contact.dial.kind === 'phone',
        active: contact.active,
      })),
    })),
  };
}
