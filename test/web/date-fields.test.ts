import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  dateTime,
  fieldDate,
  parseFieldDate,
  parseFieldDateTime,
  parseFieldTime,
  time,
} from '../../server/web/src/format';

/** The app's date and time fields: dd/mm/yyyy and 24-hour, Vietnam time, whatever the browser. */
describe('web app: dates and times as people in Vietnam write them', () => {
  it('shows an instant as dd/mm/yyyy HH:MM and HH:MM:SS in Vietnam time', () => {
    assert.equal(dateTime('2026-12-02T08:33:00Z'), '02/12/2026 15:33');
    assert.equal(dateTime('2026-12-01T17:00:00Z'), '02/12/2026 00:00');
    assert.equal(time('2026-12-02T08:33:07Z'), '15:33:07');
    assert.equal(dateTime(null), '—');
  });

  const days: [string, string | null][] = [
    ['23/11/2026', '2026-11-23'],
    ['1/2/2026', '2026-02-01'],
    [' 29/02/2028 ', '2028-02-29'],
    ['29/02/2026', null],
    ['31/04/2026', null],
    ['2026-11-23', null],
    ['11/23/2026', null],
    ['', null],
  ];
  for (const [text, day] of days)
    it(`reads the day "${text}" as ${day}`, () => assert.equal(parseFieldDate(text), day));

  const clocks: [string, string | null][] = [
    ['07:30', '07:30'],
    ['7:30', '07:30'],
    ['23:59', '23:59'],
    ['24:00', null],
    ['12:60', null],
    ['3:30 PM', null],
  ];
  for (const [text, clock] of clocks)
    it(`reads the time "${text}" as ${clock}`, () => assert.equal(parseFieldTime(text), clock));

  it('reads a date and time as Vietnam time, and refuses either part wrong', () => {
    assert.equal(parseFieldDateTime('20/12/2026 17:00'), '2026-12-20T10:00:00.000Z');
    assert.equal(parseFieldDateTime('02/12/2026 00:00'), '2026-12-01T17:00:00.000Z');
    assert.equal(parseFieldDateTime('20/12/2026'), null);
    assert.equal(parseFieldDateTime('20/12/2026 5:00 PM'), null);
    assert.equal(parseFieldDateTime('32/12/2026 17:00'), null);
  });

  it('writes a day of the API (yyyy-mm-dd) as dd/mm/yyyy, and what it shows reads back the same', () => {
    assert.equal(fieldDate('2026-11-16'), '16/11/2026');
    assert.equal(parseFieldDateTime(dateTime('2026-12-02T08:33:00Z')), '2026-12-02T08:33:00.000Z');
  });

  it('builds no browser date or time picker in any screen: each date a person types goes through date-fields.ts', () => {
    const webSources = path.resolve(__dirname, '../../server/web/src');
    const pickers = readdirSync(webSources, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'))
      .filter((file) =>
        /type:\s*'(date|time|datetime-local)'/.test(readFileSync(path.join(webSources, file), 'utf8')),
      );
    assert.deepEqual(pickers, []);
  });
});
