import { GENERATED_HEADER, lines, secretValue } from './conf-text';

export interface AriModel {
  username: string;
  password: string;
  bindAddress: string;
  bindPort: number;
}

/** ARI users; the app logs in with ARI_USERNAME / ARI_PASSWORD. */
export function renderAriConf(model: AriModel): string {
  return lines(
    GENERATED_HEADER,
    '',
    '[general]',
    'enabled = yes',
    'pretty = no',
    '',
    `[${model.username}]`,
    'type = user',
    'read_only = no',
    'password_format = plain',
    `password = ${secretValue(model.password, 'ARI_PASSWORD')}`,
  );
}

/** ARI rides on Asterisk's HTTP server. */
export function renderHttpConf(model: AriModel): string {
  return lines(
    GENERATED_HEADER,
    '',
    '[general]',
    'enabled = yes',
    `bindaddr = ${model.bindAddress}`,
    `bindport = ${model.bindPort}`,
  );
}
