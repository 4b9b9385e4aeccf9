import assert from 'node:assert/strict';
import { renderDigestHtml } from '../../core/digest/digest.html';
import { parsePeriod } from '../../core/digest/digest.period';
import { DigestRepository } from '../../core/digest/digest.repo';
import { renderDigestText } from '../../core/digest/digest.text';
import type { DigestKind } from '../../core/digest/digest.types';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { addTicket, hanoi, seedKnownWeek } from './digest.fixture';

const TZ = 'Asia/Ho_Chi_Minh';

/** The text part's lines from a heading to the next blank line. */
function sectionOf(text: string, title: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(title);
  assert.ok(start >= 0, `the text part has the section ${title}`);
  const end = lines.indexOf('', start + 1);
  return lines.slice(start + 2, end === -1 ? undefined : end);
}

describe("the monthly report's ratings per unit and desk", () => {
  let test: TestDatabase;

  before(async () => {
    test = await createTestDatabase();
    const knex = test.db.knex;
    const { coNhue } = await seedKnownWeek(knex);
    const [{ id: desk }] = await knex('desks')
      .insert({ unit_id: coNhue, name: 'Quầy tiếp nhận và trả kết quả' })
      .returning('id');
    const [{ id: quiet }] = await knex('desks')
      .insert({ unit_id: coNhue, name: 'Quầy tư pháp' })
      .returning('id');
    const qr = (deskId: number | null, rating: number, day: string) =>
      addTicket(knex, {
        unit_id: coNhue,
        received_at: hanoi(`2026-11-${day}T09:00:00`),
        outcome: null,
        rating,
        status: 'closed',
        ...({ channel: 'web-rating', desk_id: deskId } as object),
      });
    await qr(desk, 1, '05');
    await qr(desk, 1, '06');
    await qr(desk, 3, '07');
    await qr(null, 2, '08');
    await knex('desk_visitor_counts').insert([
      { desk_id: desk, month: '2026-11', visitors: 10 },
      { desk_id: quiet, month: '2026-10', visitors: 40 },
    ]);
  });
  after(async () => test?.drop());

  const build = (kind: DigestKind, label: string) => {
    const period = parsePeriod(kind, label, TZ);
    assert.ok(period);
    return new DigestRepository(test.db.knex).build(period, {
      asOf: hanoi('2026-12-01T08:00:00'),
      timeZone: TZ,
      publicUrl: 'https://hotline.example.vn',
    });
  };

  it('says per channel and desk how citizens rated, and the share of visitors who rated against 30 %', async () => {
    const report = await build('monthly', '2026-11');
    const text = renderDigestText(report);
    assert.deepEqual(sectionOf(text, 'Đánh giá theo đơn vị và quầy'), [
      '1. UBND phường Cổ Nhuế 1',
      '  Khảo sát sau cuộc gọi: 1 rất hài lòng, 0 hài lòng, 1 không hài lòng; tỷ lệ hài lòng 50%; tỷ lệ khách đánh giá: —',
      '  Mã QR của đơn vị: 0 rất hài lòng, 1 hài lòng, 0 không hài lòng; tỷ lệ hài lòng 100%; tỷ lệ khách đánh giá: —',
      '  Mã QR tại quầy: Quầy tiếp nhận và trả kết quả: 2 rất hài lòng, 0 hài lòng, 1 không hài lòng; tỷ lệ hài lòng 66,7%; tỷ lệ khách đánh giá: 30% (đạt)',
      '  Mã QR tại quầy: Quầy tư pháp: 0 rất hài lòng, 0 hài lòng, 0 không hài lòng; tỷ lệ hài lòng —; tỷ lệ khách đánh giá: chưa ghi số lượt khách',
      '  Cả đơn vị: 3 rất hài lòng, 1 hài lòng, 2 không hài lòng; tỷ lệ hài lòng 66,7%; tỷ lệ khách đánh giá: 30% (đạt)',
      '2. UBND phường Xuân Đỉnh',
      '  Khảo sát sau cuộc gọi: 0 rất hài lòng, 1 hài lòng, 0 không hài lòng; tỷ lệ hài lòng 100%; tỷ lệ khách đánh giá: —',
      '  Cả đơn vị: 0 rất hài lòng, 1 hài lòng, 0 không hài lòng; tỷ lệ hài lòng 100%; tỷ lệ khách đánh giá: chưa ghi số lượt khách',
      'Tỷ lệ khách đánh giá: số lượt đánh giá tại các quầy đã ghi số lượt khách của tháng, chia cho số lượt khách; mục tiêu 30%.',
    ]);
    const html = renderDigestHtml(report);
    assert.match(html, /<h2[^>]*>Đánh giá theo đơn vị và quầy<\/h2>/);
    assert.match(html, /class="desk"[^>]*>Mã QR tại quầy: Quầy tiếp nhận và trả kết quả</);
    assert.match(html, />30% \(đạt\)</);
    assert.doesNotMatch(html, /<(link|script|style)\b/, 'inline styles only, as the rest of the mail');
  });

  it('leaves the ratings table out of the weekly digest', async () => {
    const report = await build('weekly', '2026-W47');
    assert.equal(report.ratings, null);
    assert.ok(!renderDigestText(report).includes('Đánh giá theo đơn vị và quầy'));
    assert.ok(!renderDigestHtml(report).includes('Đánh giá theo đơn vị và quầy'));
  });
});
