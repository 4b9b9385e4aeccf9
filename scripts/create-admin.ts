import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { z } from 'zod';
import { migrateToLatest } from '../core/db/migrator';
import { generatePassword } from '../core/users/password';
import { ROLES } from '../core/users/roles';
import { UsersRepository } from '../core/users/users.repo';
import { openConfiguredDatabase, parseFlags, runCli, UsageError } from './cli';

const USAGE = `usage: npm run create-admin -- --username NAME [--role admin|ward_official|viewer]
                            [--unit CODE ...] [--password-stdin]
  --password-stdin  read the password from standard input (for scripts)
  Run by a person without --password-stdin, it asks for the password (empty: generate one).`;

const flagsSchema = z.object({
  username: z
    .string({ message: '--username is required' })
    .regex(/^[A-Za-z0-9._-]{3,64}$/, '--username must be 3-64 letters, digits, dot, dash or underscore'),
  role: z.enum(ROLES, { message: `--role must be one of ${ROLES.join(', ')}` }).default('admin'),
  unit: z.array(z.string().regex(/^\d{1,6}$/, '--unit must be a unit code (digits)')).default([]),
  'password-stdin': z.boolean().default(false),
});

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function askHidden(question: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}

async function choosePassword(fromStdin: boolean): Promise<{ password: string; generated: boolean }> {
  if (fromStdin) return { password: await readStdin(), generated: false };
  if (process.stdin.isTTY) {
    const typed = await askHidden('Password (leave empty to generate one): ');
    if (typed !== '') {
      const again = await askHidden('Repeat the password: ');
      if (again !== typed) throw new Error('the two passwords differ; nothing was created');
      return { password: typed, generated: false };
    }
  }
  return { password: generatePassword(), generated: true };
}

runCli(async () => {
  const raw = parseFlags(
    process.argv.slice(2),
    {
      username: { type: 'string' },
      role: { type: 'string' },
      unit: { type: 'string', multiple: true },
      'password-stdin': { type: 'boolean' },
    },
    USAGE,
  );
  const parsed = flagsSchema.safeParse(raw);
  if (!parsed.success)
    throw new UsageError(parsed.error.issues.map((issue) => issue.message).join('; '), USAGE);
  const flags = parsed.data;
  const { password, generated } = await choosePassword(flags['password-stdin']);

  const db = await openConfiguredDatabase();
  try {
    await migrateToLatest(db.knex);
    const user = await new UsersRepository(db.knex).create({
      username: flags.username,
      password,
      role: flags.role,
      unitCodes: flags.unit,
      mustChangePassword: generated,
    });
    const scope = user.unitCodes.length > 0 ? ` for unit ${user.unitCodes.join(', ')}` : '';
    process.stdout.write(`created ${user.role} "${user.username}"${scope} in ${db.location}\n`);
    if (generated)
      process.stdout.write(`password: ${password}\n(shown once; it must be changed at first sign-in)\n`);
  } finally {
    await db.close();
  }
});
