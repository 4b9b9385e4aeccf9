import assert from 'node:assert/strict';
import {
  decidePromptAction,
  emptyManifest,
  type ManifestEntry,
  type PromptAction,
  parseManifest,
  serializeManifest,
} from '../../ivr/prompts/manifest';

const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);
const ENTRY: ManifestEntry = { text: 'Xin chào.', sha256: HASH_A };

describe('prompt manifest', () => {
  const cases: Array<[string, ManifestEntry | undefined, string | null, boolean, string, PromptAction]> = [
    ['the file is missing', ENTRY, null, false, 'Xin chào.', 'generate'],
    ['the file is missing and never generated', undefined, null, false, 'Xin chào.', 'generate'],
    ['nothing changed', ENTRY, HASH_A, false, 'Xin chào.', 'up-to-date'],
    ['the wording changed', ENTRY, HASH_A, false, 'Xin chào quý vị.', 'regenerate'],
    ['an admin replaced the file', ENTRY, HASH_B, false, 'Xin chào quý vị.', 'custom'],
    ['a file the generator never wrote', undefined, HASH_B, false, 'Xin chào.', 'custom'],
    ['--force on a replaced file', ENTRY, HASH_B, true, 'Xin chào.', 'regenerate'],
    ['--force on an up-to-date file', ENTRY, HASH_A, true, 'Xin chào.', 'regenerate'],
  ];
  for (const [name, entry, fileSha256, force, text, expected] of cases) {
    it(`${expected} when ${name}`, () => {
      assert.equal(decidePromptAction({ text, entry, fileSha256, force }), expected);
    });
  }

  it('round-trips through JSON with sorted keys', () => {
    const manifest = emptyManifest('espeak-ng vi');
    manifest.entries.welcome = ENTRY;
    manifest.entries['digits/1'] = { text: 'một', sha256: HASH_B };
    const text = serializeManifest(manifest);
    assert.deepEqual(parseManifest(text, 'test'), manifest);
    assert.ok(text.indexOf('digits/1') < text.indexOf('welcome'));
  });

  const broken: Array<[string, string]> = [
    ['not JSON', '{'],
    ['wrong version', '{"version":2,"voice":"x","entries":{}}'],
    ['a bad hash', '{"version":1,"voice":"x","entries":{"a":{"text":"t","sha256":"zz"}}}'],
    ['null', 'null'],
  ];
  for (const [name, text] of broken) {
    it(`refuses a manifest with ${name}, naming the file`, () => {
      assert.throws(() => parseManifest(text, 'sounds/manifest.json'), /sounds\/manifest\.json/);
    });
  }
});
