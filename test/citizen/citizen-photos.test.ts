import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import request from 'supertest';
import { MAX_PHOTO_BYTES } from '../../core/tickets/ticket-photo';
import { type ApiHarness, apiHarness, insertUnits } from '../api/api.fixture';
import { countRows } from '../support/tables';
import {
  animatedGif,
  PHOTO_CAMERA,
  phonePhotoJpeg,
  pixelAt,
  pixelBombPng,
  smallPng,
} from '../support/test-images';

const NOW = new Date('2026-12-03T02:00:00Z');
const TEXT = 'Rác thải đổ trộm ở đầu ngõ 45, đã ba ngày chưa thu gom';

type Attachment = { bytes: Buffer; filename: string; contentType: string };

describe('citizen site (/p/): photos with feedback', () => {
  let h: ApiHarness;
  let app: ApiHarness['app'];

  /** The feedback form as a phone's browser posts it: multipart, the text fields before the photos. */
  const send = (
    attachments: Attachment[],
    fields: Record<string, string> = { text: TEXT },
    path = '/p/u/1/feedback',
  ) => {
    let req = request(app).post(path);
    for (const [name, value] of Object.entries(fields)) req = req.field(name, value);
    for (const file of attachments)
      req = req.attach('photo', file.bytes, { filename: file.filename, contentType: file.contentType });
    return req;
  };
  const jpeg = (bytes: Buffer, filename = 'IMG_20261203.jpg') => ({
    bytes,
    filename,
    contentType: 'image/jpeg',
  });
  const stored = async (html: string) => {
    const code = /class="code">([^<]+)</.exec(html)?.[1];
    const ticket = await h.knex('tickets').where({ code }).first('id', 'summary');
    const photos = await h.knex('ticket_photos').where({ ticket_id: ticket.id }).orderBy('n');
    return { ticket, photos };
  };

  before(async () => {
    h = await apiHarness({ now: () => NOW });
    await insertUnits(h.knex, [{ code: '1', name: 'Phường Phúc Diễn' }]);
    app = h.appWith({}, { submissionLimit: { max: 1000, windowMs: 600_000 } });
  });
  after(async () => h?.test.drop());

  it('offers up to three photo inputs (camera or gallery) in a multipart form that works without script', async () => {
    const form = await request(app).get('/p/u/1/feedback').expect(200);
    assert.match(
      form.text,
      /<form method="post" action="\/p\/u\/1\/feedback" enctype="multipart\/form-data">/,
    );
    const inputs = form.text.match(/<input id="photo\d" name="photo" type="file" accept="image\/\*">/g);
    assert.equal(inputs?.length, 3);
    assert.match(form.text, /<legend>Ảnh chụp \(không bắt buộc, tối đa 3 ảnh, mỗi ảnh đến 10 MB\)<\/legend>/);
    assert.ok(form.text.indexOf('name="text"') < form.text.indexOf('name="photo"'), 'the text is sent first');
    const english = await request(app).get('/p/u/1/feedback?lang=en').expect(200);
    assert.match(english.text, /action="\/p\/u\/1\/feedback\?lang=en"/);
    assert.match(english.text, /<label for="photo2">Photo 2<\/label>/);
  });

  it('stores a phone photo re-encoded: upright, at most 1600 px, a JPEG with no EXIF, GPS, XMP or ICC profile', async () => {
    const original = await phonePhotoJpeg();
    const before = await sharp(original).metadata();
    assert.deepEqual(
      [before.orientation, before.width, Boolean(before.exif), Boolean(before.icc)],
      [6, 3200, true, true],
    );

    const res = await send([jpeg(original)], { text: TEXT, phone: '0912 345 678' }).expect(201);
    assert.match(res.text, /Đơn vị đã nhận góp ý của bạn/);
    const { ticket, photos } = await stored(res.text);
    assert.equal(ticket.summary, TEXT);
    assert.equal(photos.length, 1);
    const [photo] = photos;
    const bytes = Buffer.from(photo.bytes);
    const meta = await sharp(bytes).metadata();
    assert.deepEqual(
      [meta.format, meta.width, meta.height, photo.width, photo.height, photo.n],
      ['jpeg', 1000, 1600, 1000, 1600, 1],
    );
    assert.deepEqual(
      [meta.exif, meta.xmp, meta.icc, meta.orientation, meta.iptc],
      [undefined, undefined, undefined, undefined, undefined],
    );
    assert.equal(meta.space, 'srgb');
    assert.ok(!bytes.includes(PHOTO_CAMERA), 'no camera make left in the bytes');
    assert.equal(photo.sha256, createHash('sha256').update(bytes).digest('hex'));
    const top = await pixelAt(bytes, 500, 200);
    const bottom = await pixelAt(bytes, 500, 1400);
    assert.ok(top.r > 200 && top.b < 60, `upright: red on top (${JSON.stringify(top)})`);
    assert.ok(bottom.b > 200 && bottom.r < 60, `upright: blue below (${JSON.stringify(bottom)})`);
    const event = await h.knex('ticket_events').where({ ticket_id: ticket.id, kind: 'web.feedback' }).first();
    assert.deepEqual(event.data, { text: TEXT, photos: 1 });
  });

  it('takes a PNG and an animated GIF (its first frame) as JPEGs, numbered in the order chosen, never enlarged', async () => {
    const res = await send([
      { bytes: await smallPng(), filename: 'chup-man-hinh.png', contentType: 'image/png' },
      { bytes: await animatedGif(), filename: 'dong.gif', contentType: 'image/gif' },
    ]).expect(201);
    const { photos } = await stored(res.text);
    assert.deepEqual(
      photos.map((photo) => [photo.n, photo.width, photo.height]),
      [
        [1, 200, 100],
        [2, 30, 20],
      ],
    );
    for (const photo of photos)
      assert.equal((await sharp(Buffer.from(photo.bytes)).metadata()).format, 'jpeg');
    const gif = Buffer.from(photos[1].bytes);
    assert.equal((await sharp(gif).metadata()).pages ?? 1, 1, 'one picture, not an animation');
    const first = await pixelAt(gif, 15, 10);
    assert.ok(
      first.r > 200 && first.b < 60,
      `the first frame (red), not a later one (${JSON.stringify(first)})`,
    );
  });

  it('refuses a text file named .jpg and sent as image/jpeg, keeping what was typed and storing nothing', async () => {
    const tickets = await countRows(h.knex, 'tickets');
    const res = await send([jpeg(Buffer.from('Đây không phải là ảnh, chỉ là chữ.\n'), 'anh.jpg')], {
      text: TEXT,
      phone: '0912 345 678',
    }).expect(400);
    assert.match(res.text, /Tệp đã chọn không phải là ảnh hoặc không đọc được/);
    assert.match(res.text, new RegExp(`>${TEXT}</textarea>`));
    assert.match(res.text, /value="0912 345 678"/);
    assert.match(res.text, /<fieldset aria-invalid="true" aria-describedby="photo-error">/);
    assert.match(res.text, /hãy chọn lại ảnh trước khi gửi/);
    assert.equal(await countRows(h.knex, 'tickets'), tickets);
  });

  it('refuses a photo over 10 MB with a clear message in the form, the text kept, in English too', async () => {
    const tickets = await countRows(h.knex, 'tickets');
    const oversize = Buffer.concat([await phonePhotoJpeg(), Buffer.alloc(MAX_PHOTO_BYTES)]);
    const res = await send([jpeg(oversize)]).expect(400);
    assert.match(res.text, /Ảnh quá lớn \(tối đa 10 MB mỗi ảnh\)/);
    assert.match(res.text, new RegExp(`>${TEXT}</textarea>`));
    const english = await send(
      [jpeg(oversize)],
      { text: 'Rubbish at the corner', lang: 'en' },
      '/p/u/1/feedback?lang=en',
    ).expect(400);
    assert.match(english.text, /The photo is too large \(10 MB at most each\)/);
    assert.match(english.text, />Rubbish at the corner<\/textarea>/);
    assert.equal(await countRows(h.knex, 'tickets'), tickets);
  });

  it('refuses a decompression bomb by its pixel count, and more than three photos', async () => {
    const tickets = await countRows(h.knex, 'tickets');
    const bomb = await send([
      { bytes: await pixelBombPng(), filename: 'bom.png', contentType: 'image/png' },
    ]).expect(400);
    assert.match(bomb.text, /Ảnh có quá nhiều điểm ảnh \(tối đa 50 megapixel\)/);
    const png = { bytes: await smallPng(), filename: 'a.png', contentType: 'image/png' };
    const four = await send([png, png, png, png]).expect(400);
    assert.match(four.text, /Chỉ gửi được tối đa 3 ảnh/);
    assert.equal(await countRows(h.knex, 'tickets'), tickets);
  });

  it('asks for the photos again when the text is what is wrong, and reads an empty file input as no photo', async () => {
    const png = { bytes: await smallPng(), filename: 'a.png', contentType: 'image/png' };
    const res = await send([png], { text: ' ' }).expect(400);
    assert.match(res.text, /Hãy viết nội dung góp ý, phản ánh/);
    assert.match(res.text, /hãy chọn lại ảnh trước khi gửi/);
    const empty = await send([
      { bytes: Buffer.alloc(0), filename: '', contentType: 'application/octet-stream' },
    ]).expect(201);
    assert.deepEqual((await stored(empty.text)).photos, []);
  });

  it('tells the citizen tracking the ticket only how many photos it has', async () => {
    const res = await send([jpeg(await phonePhotoJpeg())]).expect(201);
    const code = /class="code">([^<]+)</.exec(res.text)?.[1] ?? '';
    const secret = /class="secret">(\d{6})</.exec(res.text)?.[1] ?? '';
    const tracked = await request(app).post('/p/t').type('form').send({ code, secret }).expect(200);
    assert.match(tracked.text, /<p class="photos">1 ảnh đính kèm<\/p>/);
    assert.doesNotMatch(tracked.text, /<img|\/photos\//);
  });
});
