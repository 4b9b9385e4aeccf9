import assert from 'node:assert/strict';
import { ERROR_CODES, ISSUE_CODES } from '../../core/error-codes';
import { en } from '../../server/web/src/i18n.en';
import { vi } from '../../server/web/src/i18n.vi';

/** Every code the server can answer with reaches a person in words of the language they chose. */
describe('web app: a message for every API error code', () => {
  const dictionaries: Record<string, Record<string, string>> = { vi, en };

  for (const [kind, codes] of [
    ['error', ERROR_CODES],
    ['field issue', ISSUE_CODES],
  ] as const) {
    it(`words every ${kind} code in Vietnamese and in English`, () => {
      const missing = Object.entries(dictionaries).flatMap(([lang, dictionary]) =>
        codes.filter((code) => !dictionary[`error.${code}`]?.trim()).map((code) => `${lang}: error.${code}`),
      );
      assert.deepEqual(missing, []);
    });
  }

  it('words them differently in the two languages, so none is left untranslated', () => {
    const same = [...ERROR_CODES, ...ISSUE_CODES].filter(
      (code) => vi[`error.${code}` as keyof typeof vi] === en[`error.${code}` as keyof typeof vi],
    );
    assert.deepEqual(same, []);
  });

  it('uses the same params in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const unequal = [...ERROR_CODES, ...ISSUE_CODES].filter((code) => {
      const key = `error.${code}` as keyof typeof vi;
      return placeholders(vi[key]).join() !== placeholders(en[key]).join();
    });
    assert.deepEqual(unequal, []);
  });
});
