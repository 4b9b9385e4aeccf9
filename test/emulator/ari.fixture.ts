import type { EventEmitter } from 'node:events';
import client, { type Client } from 'ari-client';
import type { AsteriskEmulator } from '../support/asterisk';

export const credentials = { username: 'hotline', password: 'secret' };

/** The unmodified ari-client, connected and started on the emulator's app. */
export async function connectApp(asterisk: AsteriskEmulator, app = asterisk.app): Promise<Client> {
  const ari = await client.connect(asterisk.url, credentials.username, credentials.password);
  await ari.start(app);
  await asterisk.waitForApp(app);
  return ari;
}

/** @types/ari-client only knows its own event names; tests listen by any type. */
const emitter = (ari: Client): EventEmitter => ari as unknown as EventEmitter;

/** Resolves with the next event of `type` the app receives (optionally matching `where`). */
export function nextEvent<T = Record<string, unknown>>(
  ari: Client,
  type: string,
  where: (event: T) => boolean = () => true,
  timeoutMs = 1500,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      emitter(ari).removeListener(type, listener);
      reject(new Error(`No ${type} event within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (event: T) => {
      if (!where(event)) return;
      clearTimeout(timer);
      emitter(ari).removeListener(type, listener);
      resolve(event);
    };
    emitter(ari).on(type, listener);
  });
}

/** Collects the types of every event the app receives, in order. */
export function recordEvents(ari: Client): string[] {
  const types: string[] = [];
  emitter(ari).on('*', (event: { type: string }) => types.push(event.type));
  return types;
}

/** For conditions on what the client received (the emulator cannot see into the client). */
export async function eventually(predicate: () => boolean, what: string, timeoutMs = 1500): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export async function disconnect(ari: Client | undefined): Promise<void> {
  if (!ari) return;
  emitter(ari).removeAllListeners();
  ari.stop();
}

/** POST /channels/create, then the leg's own StasisStart: only then may a command (a dial) follow. */
export async function createLegInApp(ari: Client, endpoint: string, channelId: string): Promise<void> {
  const inApp = nextEvent<{ channel: { id: string } }>(ari, 'StasisStart', (e) => e.channel.id === channelId);
  await ari.channels.create({ endpoint, app: 'hotline', channelId });
  await inApp;
}
