/**
 * XML as GeoReport v2 writes it: schemaless, no namespace, the UTF-8 declaration first. Values
 * are the same ones the JSON carries (the spec maps one to the other by the Spark convention): an
 * object is an element per key, a list an element per item named by ITEM_NAMES, null an empty element.
 */
export type XmlValue = string | number | boolean | null | readonly XmlValue[] | { [key: string]: XmlValue };

/** The element of each item of a list, by the list's own element name (GeoReport v2 and Service Discovery). */
const ITEM_NAMES: Readonly<Record<string, string>> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
  attributes: 'attribute',
  values: 'value',
};

/** Characters XML 1.0 cannot carry at all (controls but tab and line ends, lone surrogates, U+FFFE/F). */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

export function escapeXmlText(text: string): string {
  return text.replace(NOT_XML_CHAR, '\uFFFD').replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

function element(name: string, value: XmlValue, depth: number): string {
  const indent = '  '.repeat(depth);
  if (value === null) return `${indent}<${name}></${name}>`;
  if (Array.isArray(value)) {
    const item = ITEM_NAMES[name];
    if (item === undefined) throw new Error(`no item element is named for the list <${name}>`);
    if (value.length === 0) return `${indent}<${name}></${name}>`;
    const items = value.map((entry) => element(item, entry, depth + 1));
    return `${indent}<${name}>\n${items.join('\n')}\n${indent}</${name}>`;
  }
  if (typeof value === 'object') {
    const fields = Object.entries(value as { [key: string]: XmlValue }).map(([key, field]) =>
      element(key, field, depth + 1),
    );
    return `${indent}<${name}>\n${fields.join('\n')}\n${indent}</${name}>`;
  }
  return `${indent}<${name}>${escapeXmlText(String(value))}</${name}>`;
}

/** A whole document: the declaration and the root element holding `value`. */
export function xmlDocument(root: string, value: XmlValue): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value, 0)}\n`;
}
