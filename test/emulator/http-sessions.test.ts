import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { useAsteriskEmulator } from '../support/asterisk';
import { credentials } from './ari.fixture';

const AUTH = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;

/** A keep-alive connection that has sent one request; resolves with what came back before it closed or answered. */
function session(url: string): Promise<{ socket: Socket; answer: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let answer = '';
    socket.once('connect', () =>
      socket.write(`GET /ari/asterisk/ping HTTP/1.1\r\nHost: asterisk\r\nAuthorization: ${AUTH}\r\n\r\n`),
    );
    socket.on('data', (chunk) => {
      answer += chunk.toString('utf8');
      if (answer.includes('\r\n\r\n')) resolve({ socket, answer });
    });
    socket.once('close', () => resolve({ socket, answer }));
    socket.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNRESET' ? resolve({ socket, answer }) : reject(error),
    );
  });
}

describe('Asterisk emulator: HTTP sessions (http.conf sessionlimit)', () => {
  const asterisk = useAsteriskEmulator({ ...credentials, httpSessionLimit: 3 });

  it('closes a connection past the limit unanswered, and serves again once a session ends', async () => {
    const open = await Promise.all([1, 2, 3].map(() => session(asterisk().url)));
    for (const { answer } of open) assert.match(answer, /^HTTP\/1\.1 200/);
    const refused = await session(asterisk().url);
    assert.equal(refused.answer, '', 'no answer past the limit');
    assert.equal(asterisk().refusedSessions, 1);
    const [first] = open;
    await new Promise((resolve) => {
      first?.socket.once('close', resolve);
      first?.socket.end();
    });
    const again = await session(asterisk().url);
    assert.match(again.answer, /^HTTP\/1\.1 200/);
    for (const { socket } of [...open, again]) socket.destroy();
  });
});
