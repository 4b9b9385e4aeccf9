import assert from 'node:assert/strict';
import { sound, useIvr } from './ivr-harness';

describe("IVR: a burst of calls within Asterisk's HTTP session limit", () => {
  // 1 event websocket + at most 8 requests in flight fit in 30 sessions; 40 answers at once would not.
  const h = useIvr({}, { httpSessionLimit: 30, requestsInFlight: 8 });

  it('queues its requests so that Asterisk never closes one unanswered, and every caller is answered', async () => {
    const asterisk = h.asterisk();
    // Asterisk under load answers late: the answers of forty callers are in flight together.
    asterisk.answerLate('POST', /\/answer$/, 150);
    const calls = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        asterisk.placeCall({ from: `09123450${String(i).padStart(2, '0')}`, to: '0889009412' }),
      ),
    );
    await Promise.all(calls.map((call) => call.waitForPlayback(sound('welcome'))));
    assert.equal(asterisk.refusedSessions, 0, 'no HTTP session was refused');
    for (const call of calls) call.hangup();
    for (const call of calls) assert.equal((await h.finalTicket(call.id)).outcome, 'abandoned');
  });
});
