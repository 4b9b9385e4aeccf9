import assert from 'node:assert/strict';
import { eventually, useIvr } from './ivr-harness';

describe('IVR shutdown: the event websocket ends with a close handshake', () => {
  const h = useIvr();

  it('sends a close frame on stop, so Asterisk does not log "Web socket closed abruptly"', async () => {
    const [socket] = h.asterisk().eventSockets();
    assert.ok(socket, 'the IVR connected its event websocket');
    assert.equal(socket.closeCode, undefined);
    await h.ivr().stop();
    await eventually(() => h.asterisk().eventSockets()[0]?.closeCode !== undefined, 'the socket to close');
    const [closed] = h.asterisk().eventSockets();
    assert.equal(closed?.closeCode, 1000, 'a normal closure, not 1006 (no close frame)');
    assert.equal(h.asterisk().isServing(), false);
    assert.equal(h.ivr().health().state, 'stopped');
  });
});
