import { isIP } from 'node:net';
import { z } from 'zod';
import { type Config, ConfigError } from '../core/config';
import type { OfficialCallerId } from '../core/domain/official-caller-id';

/** Everything the renderer needs besides the directory, read once at the edge. */
export interface AsteriskSettings {
  ari: { app: string; username: string; password: string; bindAddress: string; bindPort: number };
  ami: { username: string; password: string; bindAddress: string; port: number };
  trunkTemplate: string;
  ringTimeoutSeconds: number;
  confirmTimeoutSeconds: number;
  officialCallerId: OfficialCallerId;
  sip: SipSettings;
  /** Extra numbers of the trunk that lead straight to one unit (a ward's own DID). */
  dids: DidRoute[];
  /** Render even with empty passwords, for a look at the files; they will not work. */
  allowEmptySecrets: boolean;
}

export interface SipSettings {
  /** Per-phone SIP passwords are HMAC-SHA256(seed, endpoint name): stable across renders, never stored. */
  secretSeed: string | null;
  trunkHost: string | null;
  trunkUsername: string | null;
  trunkPassword: string | null;
  /** Where the SIP transport listens (SIP_BIND). */
  bindAddress: string;
  bindPort: number;
}

export interface DidRoute {
  did: string;
  code: string;
}

const blankAsNull = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? null : value));

export const DEFAULT_SIP_BIND = '0.0.0.0:5060';

/** `IPv4:port` or `[IPv6]:port`: PJSIP binds a transport to an address, not a host name. */
function parseSipBind(text: string): { address: string; port: number } | null {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(text.trim());
  const address = match?.[1] ?? match?.[2];
  const port = Number(match?.[3]);
  if (address === undefined || port < 1 || port > 65535) return null;
  const family = isIP(address);
  if (family === 0 || (family === 6) !== (match?.[1] !== undefined)) return null;
  return { address, port };
}

const sipEnvSchema = z.object({
  SIP_SECRET_SEED: blankAsNull.refine(
    (value) => value === null || value.length >= 16,
    'must be at least 16 characters (e.g. openssl rand -hex 32)',
  ),
  SIP_TRUNK_HOST: blankAsNull.refine(
    (value) => value === null || /^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(value),
    'must be a host name or IP address, optionally with :port',
  ),
  SIP_TRUNK_USERNAME: blankAsNull.refine(
    (value) => value === null || /^[A-Za-z0-9_.+-]+$/.test(value),
    'may contain only letters, digits and _ . + -',
  ),
  SIP_TRUNK_PASSWORD: blankAsNull,
  SIP_BIND: blankAsNull.transform((value, ctx) => {
    const bind = parseSipBind(value ?? DEFAULT_SIP_BIND);
    if (bind === null) {
      ctx.addIssue({
        code: 'custom',
        message: `must be an IP address and a port, e.g. 127.0.0.1:5060 or [::1]:5060 (got "${value}")`,
      });
      return z.NEVER;
    }
    return bind;
  }),
});

/** SIP settings are read only by this script, so they are parsed here rather than in core/config. */
export function sipSettingsFromEnv(env: NodeJS.ProcessEnv): SipSettings {
  const parsed = sipEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${String(issue.path[0])} ${issue.message}`));
  }
  return {
    secretSeed: parsed.data.SIP_SECRET_SEED,
    trunkHost: parsed.data.SIP_TRUNK_HOST,
    trunkUsername: parsed.data.SIP_TRUNK_USERNAME,
    trunkPassword: parsed.data.SIP_TRUNK_PASSWORD,
    bindAddress: parsed.data.SIP_BIND.address,
    bindPort: parsed.data.SIP_BIND.port,
  };
}

/** `CODE=NUMBER`, e.g. `3=02437000003`: calls to that number of the trunk go straight to unit 3. */
export function parseDidRoute(text: string): DidRoute {
  const match = /^(\d{1,6})=(\+?\d{3,20})$/.exec(text.trim());
  if (!match) throw new Error(`--did "${text}" must be CODE=NUMBER, e.g. 3=02437000003`);
  return { code: match[1] as string, did: match[2] as string };
}

/** Asterisk listens where the app connects when that is an IP address; otherwise only on loopback. */
function bindAddressFor(host: string | undefined): string {
  const bare = host?.replace(/^\[|\]$/g, '');
  return bare !== undefined && isIP(bare) !== 0 ? bare : '127.0.0.1';
}

export function asteriskSettings(
  config: Config,
  sip: SipSettings,
  options: { dids?: DidRoute[]; allowEmptySecrets?: boolean } = {},
): AsteriskSettings {
  const ariUrl = config.ari.url ? new URL(config.ari.url) : undefined;
  return {
    ari: {
      app: config.ari.app,
      username: config.ari.username,
      password: config.ari.password,
      bindAddress: bindAddressFor(ariUrl?.hostname),
      bindPort: ariUrl?.port ? Number(ariUrl.port) : 8088,
    },
    ami: {
      username: config.ami.username,
      password: config.ami.password,
      bindAddress: bindAddressFor(config.ami.host),
      port: config.ami.port,
    },
    trunkTemplate: config.ivr.trunkTemplate,
    ringTimeoutSeconds: Math.ceil(config.ivr.ringTimeoutMs / 1000),
    confirmTimeoutSeconds: Math.ceil(config.ivr.confirmTimeoutMs / 1000),
    officialCallerId: config.ivr.officialCallerId,
    sip,
    dids: options.dids ?? [],
    allowEmptySecrets: options.allowEmptySecrets ?? false,
  };
}
