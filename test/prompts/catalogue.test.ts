import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  confirmOfficialUris,
  DIGIT_PROMPT_IDS,
  digitUris,
  menuEntryUris,
  menuUris,
  PROMPT_IDS,
  PROMPTS,
  promptUri,
  spokenUnitName,
  ticketCodeUris,
  trackingUris,
  transferringUris,
  unitPromptId,
} from '../../ivr/prompts/catalogue';
import { REPO_ROOT } from '../support/processes';

// Every id in PROMPTS.md, under its own id or as the pieces of its split sentence.
const PROMPTS_MD_IDS = {
  welcome: ['welcome'],
  'recording-notice': ['recording-notice'],
  menu: ['menu'],
  'menu-entry': ['to-reach', 'press'],
  invalid: ['invalid'],
  'no-input': ['no-input'],
  'to-operator': ['to-operator'],
  transferring: ['transferring', 'please-hold'],
  'confirm-official': ['confirm-official', 'press-one-to-accept'],
  'leave-message': ['leave-message'],
  'message-saved': ['message-saved'],
  'ticket-code': ['ticket-code'],
  survey: ['survey'],
  'survey-thanks': ['survey-thanks'],
  'callback-promise': ['callback-promise'],
  goodbye: ['goodbye'],
  'sorry-error': ['sorry-error'],
  'callback-intro': ['callback-intro'],
};

/**
 * Prompts the repository added beyond PROMPTS.md: the dialplan's apology, the tracking secret
 * (issue 13), the confidential complaint's key, notice and confirmation (issue 13, item 4).
 */
const BEYOND_PROMPTS_MD = [
  'sorry-unavailable',
  'tracking-secret',
  'tracking-where',
  'menu-complaint',
  'complaint-notice',
  'complaint-saved',
];

describe('prompt catalogue', () => {
  it('covers every prompt of PROMPTS.md, plus those the repository added', () => {
    const expected = [...Object.values(PROMPTS_MD_IDS).flat(), ...BEYOND_PROMPTS_MD].sort();
    assert.deepEqual([...PROMPT_IDS].sort(), expected);
    for (const id of PROMPT_IDS) {
      assert.ok(PROMPTS[id].vi.trim().length > 0 && PROMPTS[id].en.trim().length > 0, id);
      assert.doesNotMatch(PROMPTS[id].vi, /[{}]/, `${id} still holds a placeholder`);
    }
  });

  it('builds sound URIs for phrases, digits and unit names', () => {
    assert.equal(promptUri('welcome'), 'sound:hotline/vi/welcome');
    assert.equal(promptUri(unitPromptId('12')), 'sound:hotline/vi/unit-12');
    assert.deepEqual(digitUris('105'), [
      'sound:hotline/vi/digits/1',
      'sound:hotline/vi/digits/0',
      'sound:hotline/vi/digits/5',
    ]);
    assert.deepEqual(digitUris(''), []);
    assert.equal(DIGIT_PROMPT_IDS.length, 10);
  });

  it('refuses what has no file', () => {
    assert.throws(() => digitUris('1#'), /only the digits/);
    assert.throws(() => unitPromptId('1a'), /not 1 to 6 digits/);
  });

  it('plays split sentences in order around the unit name and digits', () => {
    assert.deepEqual(transferringUris('8'), [
      'sound:hotline/vi/transferring',
      'sound:hotline/vi/unit-8',
      'sound:hotline/vi/please-hold',
    ]);
    assert.deepEqual(confirmOfficialUris('0'), [
      'sound:hotline/vi/confirm-official',
      'sound:hotline/vi/unit-0',
      'sound:hotline/vi/press-one-to-accept',
    ]);
    assert.deepEqual(menuEntryUris('12'), [
      'sound:hotline/vi/to-reach',
      'sound:hotline/vi/unit-12',
      'sound:hotline/vi/press',
      'sound:hotline/vi/digits/1',
      'sound:hotline/vi/digits/2',
    ]);
    assert.deepEqual(menuUris('99'), [
      'sound:hotline/vi/menu',
      'sound:hotline/vi/menu-complaint',
      'sound:hotline/vi/digits/9',
      'sound:hotline/vi/digits/9',
    ]);
    assert.deepEqual(menuUris(null), ['sound:hotline/vi/menu']);
    assert.deepEqual(ticketCodeUris('42'), [
      'sound:hotline/vi/ticket-code',
      'sound:hotline/vi/digits/4',
      'sound:hotline/vi/digits/2',
    ]);
  });

  it('lists every prompt with its wording in the table of docs/asterisk.md', () => {
    const doc = readFileSync(path.join(REPO_ROOT, 'docs', 'asterisk.md'), 'utf8');
    const rows = new Map(
      [...doc.matchAll(/^\| `([a-z-]+)` \| ([^|]+) \|/gm)].map((row) => [row[1], row[2]?.trim()]),
    );
    for (const id of PROMPT_IDS) assert.equal(rows.get(id), PROMPTS[id].vi, id);
  });

  it('asks the complaint caller for the unit or the ward, and for # at the end, as the step takes it', () => {
    // The menu offers the district's departments as well as its wards (units 21-37 in the sample),
    // and the voice message ends on '#' (ivr/calls/voice-message.ts).
    const notice = PROMPTS['complaint-notice'].vi;
    assert.match(notice, /đơn vị bị phản ánh sẽ không được biết/);
    assert.match(notice, /xin nói rõ đơn vị hoặc phường, cán bộ và sự việc/);
    assert.match(notice, /rồi bấm phím thăng\.$/);
  });

  it('reads the number, then the secret, then where to use them', () => {
    assert.deepEqual(trackingUris('7', '042'), [
      'sound:hotline/vi/ticket-code',
      'sound:hotline/vi/digits/7',
      'sound:hotline/vi/tracking-secret',
      'sound:hotline/vi/digits/0',
      'sound:hotline/vi/digits/4',
      'sound:hotline/vi/digits/2',
      'sound:hotline/vi/tracking-where',
    ]);
  });

  const names: Array<[string, string]> = [
    ['UBND phường Phúc Diễn', 'Ủy ban nhân dân phường Phúc Diễn'],
    ['Văn phòng HĐND và UBND quận', 'Văn phòng Hội đồng nhân dân và Ủy ban nhân dân quận'],
    ['Phòng Tài chính - Kế hoạch', 'Phòng Tài chính, Kế hoạch'],
    ['Phòng Nội vụ quận Bắc Từ Liêm (tổng đài viên)', 'Phòng Nội vụ quận Bắc Từ Liêm, tổng đài viên'],
    ['  Phường   Tây Tựu ', 'Phường Tây Tựu'],
  ];
  for (const [written, spoken] of names) {
    it(`speaks "${written}" as "${spoken}"`, () => {
      assert.equal(spokenUnitName(written), spoken);
    });
  }
});
