import { AsteriskEmulator, type EmulatorOptions } from './emulator';

/**
 * Mocha wiring: one emulator per suite, and after every test a check that the app left
 * nothing behind (a failing afterEach names every leftover channel, bridge, playback and
 * recording). Use inside a `describe`: `const asterisk = useAsteriskEmulator({...})`, then
 * `asterisk().placeCall(...)` in tests. Mocha runs a suite's afterEach hooks in the order they
 * were registered: register hooks that hang up test-owned calls before calling this.
 */
export function useAsteriskEmulator(
  options: EmulatorOptions,
  settings: { graceMs?: number } = {},
): () => AsteriskEmulator {
  let emulator: AsteriskEmulator | undefined;
  before(async () => {
    emulator = await AsteriskEmulator.start(options);
  });
  afterEach(async () => {
    if (!emulator) return;
    await emulator.settle(settings.graceMs ?? 500);
    try {
      emulator.assertClean();
    } finally {
      emulator.reset();
    }
  });
  after(async () => {
    await emulator?.stop();
  });
  return () => {
    if (!emulator) throw new Error('The Asterisk emulator is only available inside tests of its suite');
    return emulator;
  };
}
