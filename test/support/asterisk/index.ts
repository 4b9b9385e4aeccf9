/**
 * The Asterisk emulator for tests: ARI over the real wire (REST, /ari/events websockets,
 * api-docs), behaving as Asterisk 22.10.1 was seen to behave. The facts it follows, where each
 * comes from and what it only guesses are listed in README.md beside this file; the options and
 * their defaults are documented on `EmulatorOptions`.
 */
export {
  answers,
  busy,
  type EndpointBehaviour,
  neverAnswers,
  rejects,
  unreachable,
  unregistered,
} from './behaviours';
export type { CallHandle } from './call.handle';
export type { HeardMedia } from './channel.model';
export type { DialRecord, DialResult } from './dialer';
export { AsteriskEmulator, type EmulatorOptions, type Leftovers, type PlaceCallOptions } from './emulator';
export type { ClosedSocket } from './event-bus';
export { useAsteriskEmulator } from './hooks';
export type { RequestRecord } from './http.server';
