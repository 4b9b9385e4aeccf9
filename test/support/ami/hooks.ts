import { AmiEmulator, type AmiEmulatorOptions } from './ami-emulator';

/**
 * Mocha wiring: one AMI emulator per suite, listening again and reset (no contacts, no failure
 * modes) after every test. Use inside a `describe`: `const ami = useAmiEmulator({...})`.
 */
export function useAmiEmulator(options: AmiEmulatorOptions): () => AmiEmulator {
  let emulator: AmiEmulator | undefined;
  before(async () => {
    emulator = await AmiEmulator.start(options);
  });
  afterEach(async () => {
    emulator?.reset();
    await emulator?.restart();
  });
  after(async () => {
    await emulator?.stop();
  });
  return () => {
    if (!emulator) throw new Error('The AMI emulator is only available inside tests of its suite');
    return emulator;
  };
}
