import { randomUUID } from 'node:crypto';
import ari, { type Client } from 'ari-client';
import { serve } from './bench.ipc';

// The yardstick: the least an ari-client application can do for this call, on the same emulator.
// It answers each caller and, on the second key, creates the leg to the unit the two digits name;
// when the caller leaves, it hangs that leg up so nothing stays behind on the emulator.
let client: Client | undefined;

const LEG = 'bench-leg';

const handlers = {
  async start(options: { url: string; username: string; password: string; app: string }) {
    const connected = await ari.connect(options.url, options.username, options.password);
    const digits = new Map<string, string>();
    const legs = new Map<string, string>();
    connected.on('StasisStart', (event, channel) => {
      if (event.args[0] === LEG) return;
      void channel.answer().catch(() => undefined);
    });
    connected.on('ChannelDtmfReceived', (event, channel) => {
      const entered = (digits.get(channel.id) ?? '') + event.digit;
      if (entered.length < 2) {
        digits.set(channel.id, entered);
        return;
      }
      digits.delete(channel.id);
      const legId = `leg-${randomUUID()}`;
      legs.set(channel.id, legId);
      void connected.channels
        .create({
          endpoint: `PJSIP/unit${entered}`,
          app: options.app,
          appArgs: LEG,
          channelId: legId,
          originator: channel.id,
        })
        .catch(() => undefined);
    });
    connected.on('StasisEnd', (_event, channel) => {
      digits.delete(channel.id);
      const legId = legs.get(channel.id);
      if (legId === undefined) return;
      legs.delete(channel.id);
      void connected.channels.hangup({ channelId: legId }).catch(() => undefined);
    });
    await connected.start(options.app);
    client = connected;
  },
  async stop() {
    await client?.stop();
    client = undefined;
  },
};

export type BareAriApi = typeof handlers;

serve(handlers);
