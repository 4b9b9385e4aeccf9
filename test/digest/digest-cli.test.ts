import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../core/db/database';
import { migrateToLatest } from '../../core/db/migrator';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { childEnv, makeTempDir, runTsx, type TempDir } from '../support/processes';
import { HOTLINE_NAME, seedKnownWeek } from './digest.fixture';
import { decodeWords, parseMime } from './mime.fixture';
import { type SmtpCapture, startSmtpCapture } from './smtp.fixture';

describe('npm run digest (scripts/digest.ts as a child process)', () => {
  let test: TestDatabase | undefined;
  let dir: TempDir;
  let smtp: SmtpCapture;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    dir = makeTempDir('digest-cli');
    smtp = await startSmtpCapture();
    const settings: Record<string, string> = {
      DATA_DIR: dir.path,
      SMTP_URL: smtp.url,
      DIGEST_TO: 'noivu@example.gov.vn',
    };
    test = await createTestDatabase();
    if (test.url) {
      settings.DATABASE_URL = test.url;
      await seedKnownWeek(test.db.knex);
    } else {
      await test.drop();
      test = undefined;
      const embedded = await openDatabase({ kind: 'pglite', directory: path.join(dir.path, 'pglite') });
      await migrateToLatest(embedded.knex);
      await seedKnownWeek(embedded.knex);
      await embedded.close();
    }
    env = childEnv(settings);
  });

  after(async () => {
    await smtp.close();
    await test?.drop();
    dir.remove();
  });

  const cases: { args: string[]; error: RegExp }[] = [
    { args: ['--week', '2026-W54'], error: /--week "2026-W54" is not an ISO week/ },
    { args: ['--week', '2026-47'], error: /--week "2026-47" is not an ISO week/ },
    { args: ['--month', '2026-13'], error: /--month "2026-13" is not a month/ },
    { args: ['--week', '2026-W47', '--month', '2026-10'], error: /either --week or --month, not both/ },
    { args: [], error: /which period\?/ },
    {
      args: ['--week', '2026-W47', '--to', 'not-an-address'],
      error: /--to "not-an-address" is not an e-mail address/,
    },
    { args: ['--week', '2026-W47', '--bogus'], error: /bogus/ },
  ];
  for (const { args, error } of cases) {
    it(`refuses ${JSON.stringify(args.join(' '))} with a clear error and exit code 1`, async () => {
      const result = await runTsx('scripts/digest.ts', args, env);
      assert.equal(result.code, 1);
      assert.match(result.stderr, error);
      assert.match(result.stderr, /usage: npm run digest/);
    });
  }

  it('--dry-run writes the HTML, the text and the XLSX to the folder it prints, and sends nothing', async () => {
    const out = path.join(dir.path, 'preview');
    const result = await runTsx('scripts/digest.ts', ['--week', '2026-W47', '--dry-run', '--out', out], env);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`written to ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    assert.deepEqual(readdirSync(out).sort(), [
      'digest-2026-W47.html',
      'digest-2026-W47.txt',
      'nhat-ky-cuoc-goi-2026-W47.xlsx',
    ]);
    assert.match(readFileSync(path.join(out, 'digest-2026-W47.html'), 'utf8'), /UBND phường Cổ Nhuế 1/);
    assert.equal(smtp.received.length, 0);
  });

  it('sends the monthly report once, then refuses to send it again, and --to sends a copy', async () => {
    const first = await runTsx('scripts/digest.ts', ['--month', '2026-11'], env);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /sent monthly 2026-11/);
    const again = await runTsx('scripts/digest.ts', ['--month', '2026-11'], env);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /already sent/);
    const copy = await runTsx(
      'scripts/digest.ts',
      ['--month', '2026-11', '--to', 'chutich@example.gov.vn'],
      env,
    );
    assert.equal(copy.code, 0, copy.stderr);
    assert.deepEqual(
      smtp.received.map((mail) => mail.to),
      [['noivu@example.gov.vn'], ['chutich@example.gov.vn']],
    );
    const subject = decodeWords(parseMime(smtp.received[0]?.raw ?? '').headers.get('subject') ?? '');
    assert.equal(subject, `Báo cáo tháng 11/2026 — ${HOTLINE_NAME}`);
    assert.equal(
      existsSync(path.join(dir.path, 'outbox')),
      false,
      'with SMTP_URL nothing goes to the file outbox',
    );
  });
});
