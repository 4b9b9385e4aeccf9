import { GENERATED_HEADER, lines, secretValue } from './conf-text';

export interface ManagerModel {
  username: string;
  password: string;
  bindAddress: string;
  port: number;
}

function isLoopback(address: string): boolean {
  return address.startsWith('127.');
}

/**
 * One AMI user for the monitor. Classes: `system` for PJSIPShowContacts and ContactStatus,
 * `call` for DeviceStateChange, `reporting` for CoreShowChannels, `originate` for Originate.
 */
export function renderManagerConf(model: ManagerModel): string {
  const access = isLoopback(model.bindAddress)
    ? ['deny = 0.0.0.0/0.0.0.0', `permit = ${model.bindAddress}/255.255.255.255`]
    : ['; Listening beyond loopback: add deny/permit lines for the host that runs the app.'];
  return lines(
    GENERATED_HEADER,
    '',
    '[general]',
    'enabled = yes',
    `port = ${model.port}`,
    `bindaddr = ${model.bindAddress}`,
    'displayconnects = no',
    '',
    `[${model.username}]`,
    `secret = ${secretValue(model.password, 'AMI_PASSWORD')}`,
    ...access,
    'read = system,call,reporting',
    'write = system,call,reporting,originate',
    'writetimeout = 5000',
  );
}
