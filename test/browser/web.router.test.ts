import assert from 'node:assert/strict';
import express from 'express';
import request from 'supertest';
import { webRouter } from '../../server/web/web.router';

describe('admin UI assets (server/web)', function () {
  this.timeout(30_000);
  const app = express().use(webRouter());

  it('serves the page uncached, naming hashed assets and nothing inline', async () => {
    const res = await request(app).get('/').expect(200);
    assert.match(res.headers['content-type'] ?? '', /^text\/html/);
    assert.equal(res.headers['cache-control'], 'no-cache');
    assert.match(res.text, /<html lang="vi">/);
    assert.match(res.text, /<script defer src="\/assets\/app-[A-Z0-9]+\.js"><\/script>/);
    assert.doesNotMatch(
      res.text,
      /<script>|<style>|style="/,
      'a CSP without unsafe-inline must not break the page',
    );
  });

  const cases = [
    { kind: 'script', pattern: /src="(\/assets\/app-[^"]+)"/, type: /^text\/javascript; charset=utf-8/ },
    { kind: 'style', pattern: /href="(\/assets\/style-[^"]+)"/, type: /^text\/css; charset=utf-8/ },
  ];
  for (const { kind, pattern, type } of cases) {
    it(`serves the bundled ${kind} with its content type, cached for a year`, async () => {
      const page = await request(app).get('/').expect(200);
      const url = pattern.exec(page.text)?.[1];
      assert.ok(url, `the page links a ${kind}`);
      const res = await request(app).get(url).expect(200);
      assert.match(res.headers['content-type'] ?? '', type);
      assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
      assert.ok(res.text.length > 1000, `${kind} has content`);
    });
  }

  it('passes unknown assets on (404 from the app)', async () => {
    await request(app).get('/assets/app-NOPE.js').expect(404);
  });
});
