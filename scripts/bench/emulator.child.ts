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
  async start(options: { username: string; password: string; promptMs: number }) {
    emulator = await AsteriskEmulator.start({
      username: options.username,
      password: options.password,
      playbackMs: () => options.promptMs,
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
