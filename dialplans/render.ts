import { DISTRICT_OFFICE_CODE } from '../core/domain/dial-codes';
import { dialString } from '../core/domain/dial-target';
import type { Directory } from '../core/units/directory';
import { renderAriConf, renderHttpConf } from './ari.conf';
import { ConfigRenderError, commentText, dialStringValue, identifier } from './conf-text';
import { endpointSecret, internalEndpoints, trunkEndpointName } from './endpoints';
import { type ExtensionsModel, type FallbackStep, renderExtensionsConf } from './extensions.conf';
import { renderManagerConf } from './manager.conf';
import { renderPjsipConf } from './pjsip.conf';
import type { AsteriskSettings } from './settings';

export const CONFIG_FILE_NAMES = [
  'extensions.conf',
  'pjsip.conf',
  'ari.conf',
  'http.conf',
  'manager.conf',
] as const;
export type ConfigFileName = (typeof CONFIG_FILE_NAMES)[number];

export interface RenderedConfigs {
  files: Record<ConfigFileName, string>;
  /** Things that render but deserve an admin's look (no fallback contacts, placeholder trunk...). */
  warnings: string[];
}

const DEFAULT_TRUNK_NAME = 'trunk';

/** Renders every Asterisk config the hotline needs; pure, so the same input gives the same files. */
export function renderAsteriskConfigs(directory: Directory, settings: AsteriskSettings): RenderedConfigs {
  checkSecrets(settings);
  const warnings: string[] = [];
  const trunkName = trunkEndpointName(settings.trunkTemplate);
  if (trunkName === null) {
    warnings.push(
      `DIAL_TRUNK_TEMPLATE "${settings.trunkTemplate}" does not dial a PJSIP endpoint; [${DEFAULT_TRUNK_NAME}] is written but unused`,
    );
  }
  const phones = internalEndpoints(directory, [trunkName ?? DEFAULT_TRUNK_NAME]);
  warnings.push(...phones.warnings);
  if (phones.endpoints.length > 0 && settings.sip.secretSeed === null && !settings.allowEmptySecrets) {
    throw new ConfigRenderError(
      `SIP_SECRET_SEED is empty but ${phones.endpoints.length} desk phone(s) need SIP passwords; set it (e.g. openssl rand -hex 32)`,
    );
  }
  if (settings.sip.trunkHost === null)
    warnings.push('SIP_TRUNK_HOST is unset: the trunk host is a placeholder');

  const numbers = hotlineNumbers(directory, warnings);
  const hotlineNumber = numbers[0] ?? null;
  if (settings.officialCallerId === 'hotline' && hotlineNumber === null) {
    warnings.push(
      `OFFICIAL_CALLER_ID is hotline but no hotline number is known: calls to officials present ${settings.sip.trunkUsername === null ? "the citizen's number, which carriers may refuse" : `the trunk account ${settings.sip.trunkUsername}`}`,
    );
  }
  const extensions = extensionsModel(
    directory,
    settings,
    numbers,
    phones.endpoints.map((phone) => phone.name),
    warnings,
  );
  const ari = {
    username: identifier(settings.ari.username, 'ARI_USERNAME'),
    password: settings.ari.password,
    bindAddress: settings.ari.bindAddress,
    bindPort: settings.ari.bindPort,
  };
  return {
    files: {
      'extensions.conf': renderExtensionsConf(extensions),
      'pjsip.conf': renderPjsipConf({
        transport: { bindAddress: settings.sip.bindAddress, bindPort: settings.sip.bindPort },
        trunk: {
          name: trunkName ?? DEFAULT_TRUNK_NAME,
          host: settings.sip.trunkHost,
          username: settings.sip.trunkUsername,
          password: settings.sip.trunkPassword,
          callerId: settings.officialCallerId,
          hotlineNumber,
        },
        phones: phones.endpoints.map((phone) => ({
          ...phone,
          secret: settings.sip.secretSeed === null ? '' : endpointSecret(settings.sip.secretSeed, phone.name),
        })),
      }),
      'ari.conf': renderAriConf(ari),
      'http.conf': renderHttpConf(ari),
      'manager.conf': renderManagerConf({
        username: identifier(settings.ami.username, 'AMI_USERNAME'),
        password: settings.ami.password,
        bindAddress: settings.ami.bindAddress,
        port: settings.ami.port,
      }),
    },
    warnings,
  };
}

function checkSecrets(settings: AsteriskSettings): void {
  if (settings.allowEmptySecrets) return;
  for (const [name, value] of [
    ['ARI_PASSWORD', settings.ari.password],
    ['AMI_PASSWORD', settings.ami.password],
  ] as const) {
    if (value === '') {
      throw new ConfigRenderError(
        `${name} is empty; set it in the environment (or pass --allow-empty-secrets for a look at the files)`,
      );
    }
  }
}

function hotlineNumbers(directory: Directory, warnings: string[]): string[] {
  const hotline = directory.hotline;
  if (hotline === null) {
    warnings.push('no "hotline" setting: only calls without a number (s) reach the hotline from the trunk');
    return [];
  }
  const forms = [hotline.number.replace(/[\s.\-()]/g, '')];
  if (hotline.e164 !== null) forms.push(hotline.e164, hotline.e164.replace(/^\+/, ''));
  const valid = forms.filter((form) => /^\+?\d{3,20}$/.test(form));
  if (valid.length < forms.length) {
    warnings.push(`the hotline number "${commentText(hotline.number)}" is not all digits; it was left out`);
  }
  return [...new Set(valid)];
}

function extensionsModel(
  directory: Directory,
  settings: AsteriskSettings,
  numbers: string[],
  internalEndpointNames: string[],
  warnings: string[],
): ExtensionsModel {
  const active = directory.units.filter((unit) => unit.active);
  const badCode = active.find((unit) => !/^\d{1,6}$/.test(unit.code));
  if (badCode) throw new ConfigRenderError(`unit code "${commentText(badCode.code)}" is not 1 to 6 digits`);
  const activeCodes = new Set(active.map((unit) => unit.code));
  for (const route of settings.dids) {
    if (!activeCodes.has(route.code)) {
      throw new ConfigRenderError(`--did ${route.code}=${route.did} names no active unit ${route.code}`);
    }
  }
  const office = directory.units.find((unit) => unit.code === DISTRICT_OFFICE_CODE);
  const steps: FallbackStep[] = (office?.contacts ?? [])
    .filter((contact) => contact.active)
    .map((contact) => ({
      contactId: contact.id,
      dial: dialStringValue(
        dialString(contact.dial, settings.trunkTemplate),
        `the dial string of "${commentText(contact.name)}"`,
      ),
      contactName: contact.name,
      confirmUnitCode: contact.confirmAnswer ? DISTRICT_OFFICE_CODE : null,
    }));
  if (steps.some((step) => step.contactId === null)) {
    warnings.push(
      'contacts from an organisation file have no database id: fallback call records will not say whom the call reached; render from the database',
    );
  }
  if (steps.length === 0) {
    warnings.push(
      `unit ${DISTRICT_OFFICE_CODE} (district office) has no active contact: when the app is down, callers hear an apology`,
    );
  }
  return {
    app: settings.ari.app,
    hotlineNumbers: numbers,
    // Citizen mode keeps the caller id the citizen's call arrived with.
    officialCallerIdNumber: settings.officialCallerId === 'hotline' ? (numbers[0] ?? null) : null,
    units: active.map((unit) => ({ code: unit.code, name: unit.name })),
    dids: settings.dids,
    fallback: { code: DISTRICT_OFFICE_CODE, name: office?.name ?? 'missing', steps },
    internalEndpoints: internalEndpointNames,
    ringTimeoutSeconds: settings.ringTimeoutSeconds,
    confirmTimeoutSeconds: settings.confirmTimeoutSeconds,
  };
}
