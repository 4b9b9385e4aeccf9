import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import request from 'supertest';
import { posterContent } from '../../server/api/posters/poster.content';
import { PosterFontMissingError, writePosterPdf } from '../../server/api/posters/poster.pdf';
import { type ApiHarness, apiHarness, insertUnits, type SignedIn } from './api.fixture';
import { pdfText } from './pdf-text.fixture';

function binary(res: request.Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

const PUBLIC_URL = 'https://hotline.example.gov.vn';

describe('API posters and QR codes', () => {
  let h: ApiHarness;
  let admin: SignedIn;
  let official: SignedIn;
  let ward: number;
  let otherWard: number;
  let desk: number;

  before(async () => {
    h = await apiHarness({ publicUrl: PUBLIC_URL });
    const units = await insertUnits(h.knex, [
      { code: '1', name: 'Phường Phúc Diễn' },
      { code: '12', name: 'Phường Xuân Đỉnh' },
    ]);
    ward = units.get('1') ?? 0;
    otherWard = units.get('12') ?? 0;
    await h.knex('settings').insert({
      key: 'hotline',
      value: JSON.stringify({
        number: '0243 838 9999',
        e164: '+842438389999',
        name: 'Đường dây nóng Chủ tịch',
      }),
    });
    await h.knex('units').where({ id: ward }).update({ direct_number: '+842437651234' });
    [{ id: desk }] = await h
      .knex('desks')
      .insert({ unit_id: ward, name: 'Quầy 1 — Tư pháp' })
      .returning('id');
    ({ admin, official } = await h.signInRoles());
  });
  after(async () => h?.test.drop());

  it("prints a unit's A4 poster in Vietnamese: the hotline, the unit's key, its page's URL and a tel: link", async () => {
    const res = await admin.agent
      .get(`/api/v1/units/${ward}/poster.pdf`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.match(res.headers['content-disposition'] ?? '', /inline; filename="ap-phich-don-vi-\d+-a4\.pdf"/);
    const pdf = await pdfText(res.body as Buffer);
    assert.equal(pdf.pages, 1);
    assert.deepEqual(pdf.size, [595.28, 841.89]);
    for (const line of [
      'ĐƯỜNG DÂY NÓNG CHỦ TỊCH',
      'Phường Phúc Diễn',
      'Gọi 0243 838 9999, bấm phím 1',
      'Gọi thẳng cho đơn vị: 024 3765 1234',
      `${PUBLIC_URL}/p/u/1`,
    ]) {
      assert.ok(pdf.text.includes(line), `${line} in ${pdf.text}`);
    }
    assert.deepEqual(pdf.links.sort(), [`${PUBLIC_URL}/p/u/1`, 'tel:+842437651234']);
  });

  it("prints a desk's A5 poster whose link opens the desk's rating form, dialling the hotline without a direct number", async () => {
    await h.knex('units').where({ id: ward }).update({ direct_number: null });
    const res = await admin.agent
      .get(`/api/v1/desks/${desk}/poster.pdf?size=A5`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const pdf = await pdfText(res.body as Buffer);
    assert.deepEqual(pdf.size, [419.53, 595.28]);
    assert.ok(pdf.text.includes('Quầy 1 — Tư pháp'), pdf.text);
    assert.ok(pdf.text.includes('Gọi đường dây nóng: 0243 838 9999'), pdf.text);
    assert.deepEqual(pdf.links.sort(), [`${PUBLIC_URL}/p/d/${desk}`, 'tel:+842438389999']);
    await h.knex('units').where({ id: ward }).update({ direct_number: '+842437651234' });
  });

  it('gives the QR alone as a PNG that decodes to the page, and as an SVG', async () => {
    const png = await admin.agent.get(`/api/v1/desks/${desk}/qr.png`).buffer(true).parse(binary).expect(200);
    assert.equal(png.headers['content-type'], 'image/png');
    const image = PNG.sync.read(png.body as Buffer);
    assert.equal(image.width, 1024);
    assert.equal(
      jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data,
      `${PUBLIC_URL}/p/d/${desk}`,
    );
    const svg = await admin.agent.get(`/api/v1/units/${ward}/qr.svg`).buffer(true).parse(binary).expect(200);
    assert.match(svg.headers['content-type'] ?? '', /^image\/svg\+xml/);
    assert.match((svg.body as Buffer).toString('utf8'), /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  });

  it("prints a procedure's poster whose QR decodes to the procedure's page; admins only, none for an inactive one", async () => {
    const [{ id }] = await h
      .knex('procedures')
      .insert({
        code: 'khai-sinh',
        name: 'Đăng ký khai sinh',
        documents: JSON.stringify(['Tờ khai']),
        fees: 'Miễn lệ phí khi đăng ký đúng hạn',
        processing_time: 'Ngay trong ngày',
        legal_basis: JSON.stringify(['Luật Hộ tịch số 60/2014/QH13']),
      })
      .returning('id');
    const res = await admin.agent
      .get(`/api/v1/procedures/${id}/poster.pdf?size=A5`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    assert.match(res.headers['content-disposition'] ?? '', /filename="ap-phich-thu-tuc-\d+-a5\.pdf"/);
    const pdf = await pdfText(res.body as Buffer);
    assert.equal(pdf.pages, 1);
    assert.deepEqual(pdf.size, [419.53, 595.28]);
    for (const line of ['THỦ TỤC HÀNH CHÍNH', 'Đăng ký khai sinh', 'Giải quyết tại mọi phường, xã']) {
      assert.ok(pdf.text.includes(line), `${line} in ${pdf.text}`);
    }
    assert.deepEqual(pdf.links.sort(), [`${PUBLIC_URL}/p/tt/khai-sinh`, 'tel:+842438389999']);
    const png = await admin.agent
      .get(`/api/v1/procedures/${id}/qr.png`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const image = PNG.sync.read(png.body as Buffer);
    assert.equal(
      jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data,
      `${PUBLIC_URL}/p/tt/khai-sinh`,
    );
    const svg = await admin.agent
      .get(`/api/v1/procedures/${id}/qr.svg`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    assert.match((svg.body as Buffer).toString('utf8'), /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    await official.agent.get(`/api/v1/procedures/${id}/poster.pdf`).expect(403);
    await h.knex('procedures').where({ id }).update({ active: false });
    await admin.agent.get(`/api/v1/procedures/${id}/qr.png`).expect(404);
  });

  it("keeps a ward official to their own unit's posters, and names a bad size or format", async () => {
    await official.agent.get(`/api/v1/units/${ward}/poster.pdf`).expect(200);
    await official.agent.get(`/api/v1/units/${otherWard}/poster.pdf`).expect(404);
    const size = await admin.agent.get(`/api/v1/units/${ward}/poster.pdf?size=A3`).expect(400);
    assert.equal(size.body.error.details.issues[0].path, 'size');
    const format = await admin.agent.get(`/api/v1/units/${ward}/qr.gif`).expect(400);
    assert.equal(format.body.error.details.issues[0].path, 'format');
    await admin.agent.get('/api/v1/desks/999999/qr.png').expect(404);
    await request(h.app).get(`/api/v1/units/${ward}/poster.pdf`).expect(401);
  });

  it('refuses to lay out a poster without the DejaVu font, naming the file, before writing any byte', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'no-fonts-'));
    const out = new PassThrough();
    let written = 0;
    out.on('data', (chunk: Buffer) => {
      written += chunk.length;
    });
    const content = posterContent(
      { unit: { code: '1', name: 'Phường Phúc Diễn', directNumber: null }, desk: null },
      null,
      PUBLIC_URL,
    );
    await assert.rejects(
      writePosterPdf(content, 'A4', out, empty),
      (error: unknown) =>
        error instanceof PosterFontMissingError &&
        error.status === 503 &&
        error.code === 'poster-font-missing' &&
        error.message.includes(path.join(empty, 'DejaVuSans.ttf')),
    );
    assert.equal(written, 0);
    await rm(empty, { recursive: true });
  });
});
