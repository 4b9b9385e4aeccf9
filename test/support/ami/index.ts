export type { AmiFields } from './ami.wire';
export { type AmiActionRecord, AmiEmulator, type AmiEmulatorOptions } from './ami-emulator';
export type { ContactStatusName } from './contacts';
export { useAmiEmulator } from './hooks';
