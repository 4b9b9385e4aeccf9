import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { renderDigestHtml } from '../../core/digest/digest.html';
import { parsePeriod } from '../../core/digest/digest.period';
import { DigestRepository } from '../../core/digest/digest.repo';
import type { DigestKind } from '../../core/digest/digest.types';
import { sampleOrganisation } from '../../core/seed/organisation.load';
import { seedOrganisation } from '../../core/seed/organisation.seed';
import { addTicket, hanoi } from '../digest/digest.fixture';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { type Browser, openBrowser, screenshot } from './browser.fixture';

const TZ = 'Asia/Ho_Chi_Minh';
const OUTCOMES = ['answered', 'answered', 'missed', 'voicemail', 'abandoned'] as const;

interface Layout {
  viewport: number;
  documentWidth: number;
  widestTable: number;
  /** Unit and desk names laid out on more than two lines, with their line count. */
  tallNames: { name: string; lines: number }[];
  units: number;
  desks: number;
}

/**
 * How wide the rendered mail is and how many lines each unit name takes (distinct line boxes). A
 * string, run in the page: the tests are compiled without the DOM's types.
 */
const MEASURE = `(() => {
  const range = document.createRange();
  const names = [...document.querySelectorAll('.unit, .desk')];
  return {
    viewport: window.innerWidth,
    documentWidth: document.documentElement.scrollWidth,
    widestTable: Math.max(...[...document.querySelectorAll('table')].map((t) => t.getBoundingClientRect().right)),
    tallNames: names
      .map((element) => {
        range.selectNodeContents(element);
        const tops = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
        return { name: element.textContent, lines: tops.size };
      })
      .filter((name) => name.lines > 2),
    units: document.querySelectorAll('.unit').length,
    desks: document.querySelectorAll('.desk').length,
  };
})()`;

const measure = (page: Page): Promise<Layout> => page.evaluate(MEASURE) as Promise<Layout>;

/** Desk names as long as a one-stop office writes them on its signs. */
const DESK_NAMES = [
  'Quầy tiếp nhận và trả kết quả giải quyết thủ tục hành chính lĩnh vực đất đai, xây dựng',
  'Quầy tư pháp – hộ tịch, chứng thực bản sao từ bản chính và chữ ký',
];

/**
 * The digest as a phone or a desktop mail client lays it out: the sample district's 31 units, each
 * with calls, open work, a citizen waiting and (in the monthly report) ratings at two desks with
 * long names, one of them with a visitor count, rendered in chromium at 600 px (a desktop client's
 * reading pane) and 390 px (a phone). Screenshots go to test/artifacts/ for a person to look at.
 */
describe('the digest e-mail in chromium at 600 px and 390 px', function () {
  this.timeout(120_000);
  let test: TestDatabase;
  let browser: Browser;

  before(async () => {
    test = await createTestDatabase();
    const knex = test.db.knex;
    await seedOrganisation(knex, sampleOrganisation());
    const units = await knex('units').orderBy('id').select('id');
    let n = 0;
    for (const { id } of units) {
      for (const outcome of OUTCOMES) {
        n += 1;
        const day = String(16 + (n % 7)).padStart(2, '0');
        await addTicket(knex, {
          unit_id: id,
          received_at: hanoi(`2026-11-${day}T09:00:00`),
          outcome,
          wait_seconds: 5 + (n % 90),
          rating: outcome === 'answered' ? 1 + (n % 3) : null,
          status: outcome === 'answered' ? 'closed' : 'new',
          needs_callback: outcome !== 'answered',
          due_at: outcome === 'answered' ? null : hanoi(`2026-11-${day}T17:00:00`),
          category: n % 2 === 0 ? 'Đất đai' : 'Trật tự xây dựng đô thị',
        });
      }
      const desks = await knex('desks')
        .insert(DESK_NAMES.map((name) => ({ unit_id: id, name })))
        .returning('id');
      for (const [i, desk] of desks.entries()) {
        await addTicket(knex, {
          unit_id: id,
          received_at: hanoi('2026-11-10T09:00:00'),
          outcome: null,
          rating: 1 + ((n + i) % 3),
          ...({ channel: 'web-rating', desk_id: desk.id } as object),
        });
      }
      await knex('desk_visitor_counts').insert({
        desk_id: desks[0]?.id,
        month: '2026-11',
        visitors: 3 + (n % 5),
      });
    }
    browser = await openBrowser('http://127.0.0.1/');
  });

  after(async () => {
    await browser?.close();
    await test?.drop();
  });

  const periods: [DigestKind, string][] = [
    ['weekly', '2026-W47'],
    ['monthly', '2026-11'],
  ];
  for (const [kind, label] of periods) {
    for (const width of [600, 390]) {
      it(`${kind} ${label} at ${width} px: no table wider than the screen, no unit name over two lines`, async () => {
        const period = parsePeriod(kind, label, TZ);
        assert.ok(period);
        const report = await new DigestRepository(test.db.knex).build(period, {
          asOf: hanoi('2026-12-01T08:00:00'),
          timeZone: TZ,
          publicUrl: 'https://hotline.example.vn',
        });
        const { page } = browser;
        await page.setViewportSize({ width, height: 900 });
        await page.setContent(renderDigestHtml(report));
        await screenshot(page, `digest-${kind}-${width}`);
        const layout = await measure(page);
        assert.ok(layout.units >= 31, `the unit names are measured (${layout.units})`);
        if (kind === 'monthly') assert.equal(layout.desks, 62, 'the ratings table names every desk');
        assert.ok(
          layout.widestTable <= width && layout.documentWidth <= width,
          `at ${width} px the widest table ends at ${layout.widestTable} px, the page is ${layout.documentWidth} px`,
        );
        assert.deepEqual(layout.tallNames, []);
      });
    }
  }
});
