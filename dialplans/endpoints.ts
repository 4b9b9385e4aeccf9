import { createHmac } from 'node:crypto';
import type { Directory } from '../core/units/directory';
import { commentText, isIdentifier } from './conf-text';

/** A desk phone registered to this Asterisk: a contact whose dial target is `PJSIP/<name>`. */
export interface InternalEndpoint {
  name: string;
  /** Who uses it, for the comment above its sections (unsanitised; the renderer flattens it). */
  usedBy: string[];
}

/**
 * The endpoints pjsip.conf must define. Targets like `PJSIP/100@pbx` or `SIP/…` reach a device
 * through another endpoint or channel driver, so they get none, and say so.
 */
export function internalEndpoints(
  directory: Directory,
  reservedNames: readonly string[],
): { endpoints: InternalEndpoint[]; warnings: string[] } {
  const byName = new Map<string, InternalEndpoint>();
  const warnings: string[] = [];
  for (const unit of directory.units) {
    for (const contact of unit.contacts) {
      if (!unit.active || !contact.active || contact.dial.kind !== 'endpoint') continue;
      const endpoint = contact.dial.endpoint;
      const name = endpoint.startsWith('PJSIP/') ? endpoint.slice('PJSIP/'.length) : null;
      if (name === null || !isIdentifier(name)) {
        warnings.push(
          `contact "${commentText(contact.name)}" (unit ${unit.code}) dials ${endpoint}: not a local PJSIP endpoint, none is defined for it`,
        );
        continue;
      }
      if (reservedNames.includes(name)) {
        warnings.push(
          `contact "${commentText(contact.name)}" (unit ${unit.code}) dials ${endpoint}, which is the trunk`,
        );
        continue;
      }
      const entry = byName.get(name) ?? { name, usedBy: [] };
      entry.usedBy.push(`${contact.name} (unit ${unit.code})`);
      byName.set(name, entry);
    }
  }
  const endpoints = [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  return { endpoints, warnings };
}

/**
 * The PJSIP endpoint a trunk template dials through: `PJSIP/{national}@trunk` → trunk,
 * `PJSIP/trunk/sip:{number}@carrier` → trunk. Null when the template does not use PJSIP.
 */
export function trunkEndpointName(trunkTemplate: string): string | null {
  if (!trunkTemplate.startsWith('PJSIP/')) return null;
  const resource = trunkTemplate.slice('PJSIP/'.length);
  const name = resource.includes('/') ? resource.slice(0, resource.indexOf('/')) : resource.split('@').at(-1);
  return name !== undefined && name !== resource && isIdentifier(name) ? name : null;
}

const SECRET_LENGTH = 24;

/** The SIP password of one phone: an admin reads it from the rendered pjsip.conf to provision the phone. */
export function endpointSecret(seed: string, endpointName: string): string {
  return createHmac('sha256', seed)
    .update(`pjsip-endpoint:${endpointName}`)
    .digest('base64url')
    .slice(0, SECRET_LENGTH);
}
