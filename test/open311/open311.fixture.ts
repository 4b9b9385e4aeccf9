import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import type request from 'supertest';
import type { SignedIn } from '../api/api.fixture';

/** The lists of GeoReport v2 and Service Discovery, and the element of each item. */
const ITEMS: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
  attributes: 'attribute',
  values: 'value',
};

const parser = new XMLParser({
  parseTagValue: false,
  isArray: (name) => Object.values(ITEMS).includes(name),
});

/** An XML answer read by a real parser: its declaration and root checked, the root's content returned. */
export function readXml(res: request.Response, root: string): unknown {
  assert.match(String(res.headers['content-type']), /^text\/xml; charset=utf-8/);
  assert.match(res.text, /^<\?xml version="1\.0" encoding="utf-8"\?>\n/);
  const document = parser.parse(res.text) as Record<string, unknown>;
  assert.deepEqual(
    Object.keys(document).filter((key) => key !== '?xml'),
    [root],
  );
  return document[root];
}

/**
 * What the XML of a JSON value reads as (the Spark convention the specification maps them by):
 * every scalar as its text, null as an empty element, a list as its items' elements.
 */
export function asXml(value: unknown, name: string): unknown {
  if (value === null) return '';
  if (Array.isArray(value)) {
    if (value.length === 0) return '';
    const item = ITEMS[name] as string;
    return { [item]: value.map((entry) => asXml(entry, item)) };
  }
  if (typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, asXml(field, key)]));
  return String(value);
}

/** Asserts the XML answer carries exactly what the JSON one does. */
export function assertXmlMatchesJson(xml: request.Response, json: request.Response, root: string): void {
  assert.match(String(json.headers['content-type']), /^application\/json; charset=utf-8/);
  assert.deepEqual(readXml(xml, root), asXml(json.body, root));
}

/** Issues an Open311 API key through the admin API; returns its id and the key shown once. */
export async function issueKey(admin: SignedIn, name: string): Promise<{ id: number; key: string }> {
  const res = await admin.agent
    .post('/api/v1/open311-keys')
    .set('X-CSRF-Token', admin.csrf)
    .send({ name })
    .expect(201);
  return { id: res.body.id, key: res.body.key };
}
