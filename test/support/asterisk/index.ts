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
