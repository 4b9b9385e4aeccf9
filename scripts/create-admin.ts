import { z } from 'zod';
import { migrateToLatest } from '../core/db/migrator';
import { UsersRepository } from '../core/users/users.repo';
import { openConfiguredDatabase, parseFlags, runCli, UsageError } from './cli';
import { choosePassword, showGenerated } from './cli-password';
import { roleFlag, USER_FLAG_OPTIONS, unitFlag, usernameFlag } from './user-flags';

const USAGE = `usage: npm run create-admin -- --username NAME [--role admin|ward_official|viewer]
                            [--unit CODE ...] [--password-stdin]
  --password-stdin  read the password from standard input (for scripts)
  Run by a person without --password-stdin, it asks for the password (empty: generate one).`;

const flagsSchema = z.object({
  username: usernameFlag,
  role: roleFlag.default('admin'),
  unit: unitFlag.default([]),
  'password-stdin': z.boolean().default(false),
});

runCli(async () => {
  const raw = parseFlags(process.argv.slice(2), USER_FLAG_OPTIONS, USAGE);
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
    if (generated) showGenerated(password);
  } finally {
    await db.close();
  }
});
