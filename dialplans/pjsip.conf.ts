import { isIPv6 } from 'node:net';
import type { OfficialCallerId } from '../core/domain/official-caller-id';
import { comment, GENERATED_HEADER, lines, secretValue } from './conf-text';
import type { InternalEndpoint } from './endpoints';
import { CONTEXTS } from './extensions.conf';

export interface PjsipModel {
  transport: { bindAddress: string; bindPort: number };
  trunk: {
    name: string;
    /** null renders a documented placeholder host that cannot resolve. */
    host: string | null;
    username: string | null;
    password: string | null;
    /** OFFICIAL_CALLER_ID, and the hotline's number that hotline mode presents (null: unknown). */
    callerId: OfficialCallerId;
    hotlineNumber: string | null;
  };
  phones: Array<InternalEndpoint & { secret: string }>;
}

export const TRUNK_HOST_PLACEHOLDER = 'sip-provider.invalid';

const MEDIA_DEFAULTS = [
  'disallow = all',
  'allow = alaw',
  'allow = ulaw',
  'direct_media = no',
  'rtp_symmetric = yes',
  'force_rport = yes',
  'rewrite_contact = yes',
  'dtmf_mode = rfc4733',
];

/**
 * The From header (and identity headers) of calls out through the trunk. With from_user set,
 * chan_pjsip no longer writes the channel's caller id into From: hotline mode fixes From to the
 * trunk's account or the hotline's number. Citizen mode leaves From to the caller id (or to the
 * account, when the carrier registers one) and sends the citizen's number in P-Asserted-Identity,
 * which a carrier that allows it shows; trust_id_outbound sends it even when presentation is restricted.
 */
function trunkIdentity(model: PjsipModel['trunk'], hostName: string | null): string[] {
  const { username, callerId, hotlineNumber } = model;
  const fromUser = callerId === 'hotline' ? (username ?? hotlineNumber) : username;
  return [
    `; OFFICIAL_CALLER_ID = ${callerId}: ${callerId === 'hotline' ? "officials see the hotline's number" : "officials see the citizen's number, where the carrier allows it"}.`,
    ...(fromUser === null ? [] : [`from_user = ${fromUser}`]),
    ...(hostName === null ? [] : [`from_domain = ${hostName}`]),
    ...(callerId === 'citizen' ? ['send_pai = yes', 'trust_id_outbound = yes'] : []),
  ];
}

function trunk(model: PjsipModel): string[] {
  const { name, host, username, password } = model.trunk;
  const hostShown = host ?? TRUNK_HOST_PLACEHOLDER;
  const ip = hostShown.replace(/:\d+$/, '');
  const auth = password === null ? [] : [`outbound_auth = ${name}-auth`];
  return [
    '; The carrier trunk that DIAL_TRUNK_TEMPLATE dials through. Set in the environment, then render again:',
    ';   SIP_TRUNK_HOST      carrier host or IP, optionally :port',
    ';   SIP_TRUNK_USERNAME  account name (from_user), when the carrier registers accounts',
    ';   SIP_TRUNK_PASSWORD  account password; leave unset for a trunk authorised by IP address',
    ...(host === null
      ? [`; SIP_TRUNK_HOST is unset: ${TRUNK_HOST_PLACEHOLDER} is a placeholder that cannot work.`]
      : []),
    `[${name}]`,
    'type = endpoint',
    'transport = transport-udp',
    `context = ${CONTEXTS.inbound}`,
    ...MEDIA_DEFAULTS,
    `aors = ${name}`,
    ...auth,
    ...trunkIdentity(model.trunk, host === null ? null : ip),
    '',
    `[${name}]`,
    'type = aor',
    `contact = sip:${hostShown}`,
    'qualify_frequency = 60',
    '',
    `[${name}]`,
    'type = identify',
    `endpoint = ${name}`,
    `match = ${ip}`,
    '',
    ...(password === null
      ? []
      : [
          `[${name}-auth]`,
          'type = auth',
          'auth_type = userpass',
          `username = ${username ?? name}`,
          `password = ${secretValue(password, 'SIP_TRUNK_PASSWORD')}`,
          '',
        ]),
  ];
}

function phones(model: PjsipModel): string[] {
  return [
    '; Desk phones of the units (contacts dialed as PJSIP/<name>). Each registers with its name as',
    '; the user name and the password below, derived from SIP_SECRET_SEED.',
    '[hotline-phone](!)',
    'type = endpoint',
    'transport = transport-udp',
    `context = ${CONTEXTS.internal}`,
    ...MEDIA_DEFAULTS,
    '',
    '[hotline-phone-aor](!)',
    'type = aor',
    'max_contacts = 1',
    'remove_existing = yes',
    'qualify_frequency = 30',
    '',
    ...model.phones.flatMap((phone) => [
      ...phone.usedBy.map((who) => comment(who)),
      `[${phone.name}](hotline-phone)`,
      `auth = ${phone.name}`,
      `aors = ${phone.name}`,
      '',
      `[${phone.name}](hotline-phone-aor)`,
      '',
      `[${phone.name}]`,
      'type = auth',
      'auth_type = userpass',
      `username = ${phone.name}`,
      `password = ${secretValue(phone.secret, `the SIP secret of ${phone.name}`)}`,
      '',
    ]),
  ];
}

function bindValue({ bindAddress, bindPort }: PjsipModel['transport']): string {
  return `${isIPv6(bindAddress) ? `[${bindAddress}]` : bindAddress}:${bindPort}`;
}

export function renderPjsipConf(model: PjsipModel): string {
  return lines(
    GENERATED_HEADER,
    '',
    '; SIP_BIND: where the trunk and the desk phones reach Asterisk.',
    '[transport-udp]',
    'type = transport',
    'protocol = udp',
    `bind = ${bindValue(model.transport)}`,
    '',
    trunk(model),
    phones(model),
  );
}
