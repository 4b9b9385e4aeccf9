import { AsteriskEmulator } from '../../test/support/asterisk';
import { note, serve } from './bench.ipc';
import type { LoadPlan } from './bench.plan';
import { CallerLoad } from './callers.load';

// The Asterisk emulator and the callers, in their own process: their work and their timestamps
// never share an event loop with the IVR under test.
let emulator: AsteriskEmulator | undefined;

const started = () => {
  if (!emulator) throw new Error('the emulator is not started');
  return emulator;
};

const handlers = {
  /** Prompts last their WAV's length times `timeScale`; a created leg enters the app after the default delay. */
  async start(options: {
    username: string;
    password: string;
    sounds: { dir: string; prefix: string };
    timeScale: number;
  }) {
    emulator = await AsteriskEmulator.start({
      username: options.username,
      password: options.password,
      sounds: options.sounds,
      timeScale: options.timeScale,
      keepHistory: false,
    });
    return { url: emulator.url };
  },
  async waitForApp(app: string) {
    await started().waitForApp(app, 30_000);
  },
  async run(plan: LoadPlan) {
    return new CallerLoad(started(), plan).run(note);
  },
  async stop() {
    await emulator?.stop();
    emulator = undefined;
  },
};

export type EmulatorApi = typeof handlers;

serve(handlers);
