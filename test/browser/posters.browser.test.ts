import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { ADMIN } from './admin-app.fixture';
import { useAdminBrowser } from './admin-browser.hooks';

const PDFJS_DIR = path.dirname(require.resolve('pdfjs-dist/build/pdf.mjs'));

/** A page of the test's own (not the app's, so not under its CSP) that opens a PDF with pdf.js and draws page 1. */
const RENDER_PAGE = `<!DOCTYPE html><html><body><script type="module">
import * as pdfjs from '/__pdfjs/pdf.mjs';
pdfjs.GlobalWorkerOptions.workerSrc = '/__pdfjs/pdf.worker.mjs';
window.renderFirstPage = async (url) => {
  const pdf = await pdfjs.getDocument(url).promise;
  const page = await pdf.getPage(1);
  const viewport = page.getViewport({ scale: 2 });
  const canvas = document.createElement('canvas');
  canvas.width = viewport.width;
  canvas.height = viewport.height;
  await page.render({ canvasContext: canvas.getContext('2d'), viewport, canvas }).promise;
  return { pages: pdf.numPages, png: canvas.toDataURL('image/png') };
};
window.pdfReady = true;
</script></body></html>`;

describe('admin prints a poster in chromium: the PDF opens and its QR decodes', function () {
  this.timeout(60_000);
  const env = useAdminBrowser({ signedInAs: ADMIN });

  before(async () => {
    const { page } = env.browser();
    await page.route('**/__pdfjs/*', async (route) => {
      const file = path.basename(new URL(route.request().url()).pathname);
      await route.fulfill({
        contentType: 'text/javascript',
        body: await readFile(path.join(PDFJS_DIR, file)),
      });
    });
    await page.route('**/__poster-test', (route) =>
      route.fulfill({ contentType: 'text/html', body: RENDER_PAGE }),
    );
  });

  for (const { what, size, target } of [
    { what: "a unit's A4 poster", size: 'A4', target: 'unit' },
    { what: "a desk's A5 poster", size: 'A5', target: 'desk' },
  ] as const) {
    it(`${what} renders with pdf.js, and its QR opens the page on the citizen site`, async () => {
      const { page } = env.browser();
      const knex = env.app().db.db.knex;
      const unit = await knex('units').where({ code: '1' }).first('id', 'name');
      const id =
        target === 'unit'
          ? unit.id
          : (
              await knex('desks')
                .insert({ unit_id: unit.id, name: `Quầy ${size}` })
                .returning('id')
            )[0].id;
      await page.goto('/__poster-test');
      await page.waitForFunction('window.pdfReady === true');
      const rendered = (await page.evaluate(
        `window.renderFirstPage('/api/v1/${target}s/${id}/poster.pdf?size=${size}')`,
      )) as { pages: number; png: string };
      assert.equal(rendered.pages, 1);
      const image = PNG.sync.read(
        Buffer.from(rendered.png.replace(/^data:image\/png;base64,/, ''), 'base64'),
      );
      const decoded = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
      const expected = target === 'unit' ? '/p/u/1' : `/p/d/${id}`;
      assert.equal(decoded?.data, `${env.app().baseUrl}${expected}`);
      await page.goto(decoded.data);
      const heading = target === 'unit' ? unit.name : `Đánh giá tại Quầy ${size} — ${unit.name}`;
      await page.getByRole('heading', { name: heading, exact: true }).waitFor();
    });
  }
});
