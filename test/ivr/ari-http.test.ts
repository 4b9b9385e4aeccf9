import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WorkSlots } from '../../core/async/work-slots';
import { AriHttp, AriHttpError, ariPath } from '../../ivr/ari/ari-http';
import { useAsteriskEmulator } from '../support/asterisk';

const credentials = { username: 'hotline', password: 'secret' };

describe("ARI REST client (ari-http): the service's requests to Asterisk", () => {
  const asterisk = useAsteriskEmulator({ ...credentials });
  let rest: AriHttp | undefined;
  afterEach(() => rest?.close());

  const client = (options: { slots?: number; timeoutMs?: number; url?: string } = {}) => {
    rest = new AriHttp({
      url: options.url ?? asterisk().url,
      ...credentials,
      slots: new WorkSlots(options.slots ?? 4),
      timeoutMs: options.timeoutMs ?? 2000,
    });
    return rest;
  };

  it('sends the query as ARI takes it (lists comma-separated, nothing for undefined) and reads the JSON answer', async () => {
    const ari = client();
    await ari.request('POST', '/bridges', { bridgeId: 'bridge-1', type: 'mixing', name: undefined });
    await assert.rejects(
      ari.request('POST', ariPath`/bridges/${'bridge-1'}/addChannel`, { channel: ['1.1', '1.2'] }),
      /Channel not found/,
    );
    const [created, add] = asterisk().requests();
    assert.deepEqual(created?.query, { bridgeId: 'bridge-1', type: 'mixing' });
    assert.deepEqual(add?.query, { channel: '1.1,1.2' });
    const bridges = await ari.request<Array<{ id: string }>>('GET', '/bridges');
    assert.deepEqual(
      bridges.map((bridge) => bridge.id),
      ['bridge-1'],
    );
    await ari.request('DELETE', ariPath`/bridges/${'bridge-1'}`);
  });

  it("fails with the method, the path, the status and Asterisk's own message", async () => {
    const ari = client();
    await assert.rejects(
      ari.request('POST', ariPath`/channels/${'1.404'}/answer`),
      (error) =>
        error instanceof AriHttpError &&
        error.status === 404 &&
        error.reason === 'Channel not found' &&
        error.message === 'POST /channels/1.404/answer: 404 Channel not found',
    );
  });

  it('says when Asterisk cannot be reached, naming the request', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const ari = client({ url: `http://127.0.0.1:${port}` });
    await assert.rejects(
      ari.request('GET', '/channels'),
      (error) =>
        error instanceof AriHttpError &&
        error.status === undefined &&
        /^GET \/channels: .*ECONNREFUSED/.test(error.message),
    );
  });

  it('gives up on a request Asterisk never answers, and frees its slot for the next', async () => {
    asterisk().leaveUnanswered('GET', /^\/ari\/bridges$/);
    const ari = client({ slots: 1, timeoutMs: 200 });
    await assert.rejects(ari.request('GET', '/bridges'), /ARI GET \/bridges timed out after 200 ms/);
    assert.deepEqual(await ari.request('GET', '/channels'), []);
  });

  describe('connections', () => {
    let server: Server;
    let connections = 0;
    let inFlight = 0;
    let mostInFlight = 0;
    before(async () => {
      server = createServer((_req, res) => {
        inFlight += 1;
        mostInFlight = Math.max(mostInFlight, inFlight);
        setTimeout(() => {
          inFlight -= 1;
          res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
        }, 5);
      });
      server.on('connection', () => {
        connections += 1;
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    });
    after(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });
    beforeEach(() => {
      connections = 0;
      mostInFlight = 0;
    });
    const url = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    it('keeps one connection alive for requests one after the other', async () => {
      const ari = client({ url: url() });
      for (let i = 0; i < 20; i += 1) await ari.request('GET', '/channels');
      assert.equal(connections, 1);
    });

    it('keeps the path of an Asterisk reached under one (behind a proxy)', async () => {
      const paths: string[] = [];
      const listener = (req: { url?: string }) => paths.push(req.url ?? '');
      server.on('request', listener);
      await client({ url: `${url()}/asterisk` }).request('GET', ariPath`/channels/${'1.2 3'}`);
      server.off('request', listener);
      assert.deepEqual(paths, ['/asterisk/ari/channels/1.2%203']);
    });

    it('opens no more connections than requests may be in flight', async () => {
      const ari = client({ url: url(), slots: 3 });
      await Promise.all(Array.from({ length: 30 }, () => ari.request('GET', '/channels')));
      assert.equal(mostInFlight, 3);
      assert.equal(connections, 3);
    });
  });
});
