import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CALL_LOG_HEADERS } from '../../core/reports/call-log.export';
import { ALL_TERMS, GLOSSARY, OUTCOME_TERMS } from '../../core/reports/glossary';
import { en } from '../../server/web/src/i18n.en';
import { vi } from '../../server/web/src/i18n.vi';

const ROOT = path.resolve(__dirname, '..', '..');
const inDir = (dir: string) =>
  readdirSync(path.join(ROOT, dir))
    .filter((name) => name.endsWith('.ts'))
    .map((name) => path.join(dir, name));

/** Where people read the hotline's words: the screens, the exports, the digest, the notices and the citizen site. */
const WORDED_SOURCES = [
  ...inDir('server/web/src').filter((file) => path.basename(file).startsWith('i18n.')),
  ...inDir('core/reports').filter((file) => !file.endsWith('glossary.ts')),
  ...inDir('core/digest'),
  'server/jobs/notifications.render.ts',
  ...inDir('server/citizen').filter((file) => file.endsWith('.text.ts')),
];

describe('one glossary for screens, exports, the digest and the notices', () => {
  it('leaves none of the variants the glossary replaces anywhere people read', () => {
    const found = WORDED_SOURCES.flatMap((file) => {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      return ALL_TERMS.flatMap((term) => term.replaces ?? [])
        .filter((variant) => text.includes(variant))
        .map((variant) => `${file}: ${variant}`);
    });
    assert.deepEqual(found, []);
  });

  it('gives the screens and the export the same words for the same things', () => {
    assert.deepEqual(
      [vi['col.code'], vi['col.talk'], vi['outcome.missed'], vi['outcome.abandoned'], vi['dash.answerRate']],
      [
        GLOSSARY.ticketCode.vi,
        GLOSSARY.talk.vi,
        OUTCOME_TERMS.missed.vi,
        OUTCOME_TERMS.abandoned.vi,
        GLOSSARY.answerRate.vi,
      ],
    );
    assert.equal(en['col.code'], GLOSSARY.ticketCode.en);
    for (const term of [GLOSSARY.ticketCode, GLOSSARY.category, GLOSSARY.caller, GLOSSARY.dueAt])
      assert.ok(CALL_LOG_HEADERS.includes(term.vi), term.vi);
  });
});
