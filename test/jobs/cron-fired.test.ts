import assert from 'node:assert/strict';
import cron from 'node-cron';
import { cronFiredBetween, cronTimesOf } from '../../server/jobs/cron-fired';

const MINUTE_MS = 60_000;

/** The reading it replaces: every whole minute of the window, latest first. */
function firedByScan(matches: (minute: Date) => boolean, from: Date, to: Date): boolean {
  for (let at = Math.floor(to.getTime() / MINUTE_MS) * MINUTE_MS; at >= from.getTime(); at -= MINUTE_MS) {
    if (matches(new Date(at))) return true;
  }
  return false;
}

const windows: { zone: string; from: string; to: string }[] = [
  { zone: 'Asia/Ho_Chi_Minh', from: '2026-11-23T00:00:00+07:00', to: '2026-11-23T07:29:59+07:00' },
  { zone: 'Asia/Ho_Chi_Minh', from: '2026-11-23T00:00:00+07:00', to: '2026-11-23T07:30:00+07:00' },
  { zone: 'Asia/Ho_Chi_Minh', from: '2026-11-23T00:00:00+07:00', to: '2026-11-29T23:59:00+07:00' },
  { zone: 'Asia/Ho_Chi_Minh', from: '2026-12-01T00:00:00+07:00', to: '2026-12-31T23:59:00+07:00' },
  { zone: 'Asia/Ho_Chi_Minh', from: '2026-12-01T07:31:00+07:00', to: '2026-12-01T07:59:30+07:00' },
  // Clocks go forward at 02:00 and back at 03:00 in Berlin: days of 23 and 25 hours.
  { zone: 'Europe/Berlin', from: '2026-03-29T00:00:00+01:00', to: '2026-03-29T23:59:00+02:00' },
  { zone: 'Europe/Berlin', from: '2026-10-25T00:00:00+02:00', to: '2026-10-25T02:45:00+01:00' },
];

const expressions = [
  '30 7 * * 1',
  '0 8 1 * *',
  '0 8 * * *',
  '*/15 7-9 * * mon-fri',
  '30 2 * * *',
  '59 23 L * *',
  '0 0 29 2 *',
];

describe("when a cron schedule last fired (the jobs' catch-up at start)", () => {
  for (const expression of expressions) {
    for (const { zone, from, to } of windows) {
      it(`${expression} in ${zone}, ${from} to ${to}: as a scan of every minute says`, async () => {
        const task = cron.createTask(expression, () => undefined, { timezone: zone });
        try {
          const matches = (minute: Date) => task.match(minute);
          assert.equal(
            cronFiredBetween(cronTimesOf(expression, matches), zone, new Date(from), new Date(to)),
            firedByScan(matches, new Date(from), new Date(to)),
          );
        } finally {
          await task.destroy();
        }
      });
    }
  }

  it('asks a daily schedule about one minute a day, not every minute of the month', () => {
    const asked: Date[] = [];
    const times = cronTimesOf('0 8 1 * *', (minute) => {
      asked.push(minute);
      return false;
    });
    const fired = cronFiredBetween(
      times,
      'Asia/Ho_Chi_Minh',
      new Date('2026-12-01T00:00:00+07:00'),
      new Date('2026-12-31T23:59:00+07:00'),
    );
    assert.equal(fired, false);
    assert.equal(asked.length, 31);
    assert.deepEqual(asked.at(0), new Date('2026-12-31T08:00:00+07:00'));
    assert.deepEqual(asked.at(-1), new Date('2026-12-01T08:00:00+07:00'));
  });
});
