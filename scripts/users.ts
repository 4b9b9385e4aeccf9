import { z } from 'zod';
import { migrateToLatest } from '../core/db/migrator';
import { SCRIPT_ACTOR } from '../core/users/account-audit';
import { type Account, type AccountPatch, AccountsRepository } from '../core/users/accounts.repo';
import { UsersRepository } from '../core/users/users.repo';
import { openConfiguredDatabase, parseFlags, runCli, UsageError } from './cli';
import { choosePassword, showGenerated } from './cli-password';
import { roleFlag, USER_FLAG_OPTIONS, unitFlag, usernameFlag } from './user-flags';

const USAGE = `usage: npm run users -- COMMAND [flags]
  list                                             every user: name, role, active, units, failed sign-ins
  create --username NAME --display-name TEXT [--role admin|ward_official|viewer] [--unit CODE ...]
         [--password-stdin]                        a new user (role viewer unless said)
  update --username NAME [--display-name TEXT] [--role ROLE] [--unit CODE ...] [--reads-complaints yes|no]
                                                   --reads-complaints: reads confidential complaints to
                                                   the chairman with their sender (never a ward_official)
  deactivate --username NAME                       they cannot sign in; their sessions end at once
  activate --username NAME
  reset-password --username NAME [--password-stdin]
  unlock --username NAME                           forget the failed sign-ins held against the name
  --password-stdin  read the password from standard input (for scripts); otherwise it is asked for,
                    or generated (shown once, to be changed at the next sign-in).`;

const COMMANDS = ['list', 'create', 'update', 'deactivate', 'activate', 'reset-password', 'unlock'] as const;

const flagsSchema = z.object({
  username: usernameFlag.optional(),
  'display-name': z.string().trim().min(1, '--display-name must not be empty').max(200).optional(),
  role: roleFlag.optional(),
  unit: unitFlag.optional(),
  'password-stdin': z.boolean().default(false),
  'reads-complaints': z
    .enum(['yes', 'no'], { error: '--reads-complaints must be yes or no' })
    .transform((answer) => answer === 'yes')
    .optional(),
});
type Flags = z.output<typeof flagsSchema>;

function parse(argv: string[]): { command: (typeof COMMANDS)[number]; flags: Flags } {
  const [command, ...rest] = argv;
  const known = COMMANDS.find((name) => name === command);
  if (!known) {
    throw new UsageError(
      command ? `unknown command "${command}"; one of ${COMMANDS.join(', ')}` : 'a command is required',
      USAGE,
    );
  }
  const raw = parseFlags(
    rest,
    {
      ...USER_FLAG_OPTIONS,
      'display-name': { type: 'string' },
      'reads-complaints': { type: 'string' },
    },
    USAGE,
  );
  const parsed = flagsSchema.safeParse(raw);
  if (!parsed.success)
    throw new UsageError(parsed.error.issues.map((issue) => issue.message).join('; '), USAGE);
  if (known !== 'list' && !parsed.data.username) throw new UsageError('--username is required', USAGE);
  return { command: known, flags: parsed.data };
}

function line(account: Account): string {
  return [
    account.username,
    account.role,
    account.active ? 'active' : 'inactive',
    account.units.map((unit) => unit.code).join(',') || '-',
    `failed=${account.failedSignIns}`,
    account.displayName ?? '',
    ...(account.readsComplaints ? ['reads-complaints'] : []),
  ].join('\t');
}

runCli(async () => {
  const { command, flags } = parse(process.argv.slice(2));
  const username = flags.username ?? '';
  const password = ['create', 'reset-password'].includes(command)
    ? await choosePassword(flags['password-stdin'])
    : undefined;

  const db = await openConfiguredDatabase();
  try {
    await migrateToLatest(db.knex);
    const accounts = new AccountsRepository(db.knex);
    const change = async (patch: AccountPatch) =>
      accounts.update(await accounts.idOf(username), patch, SCRIPT_ACTOR);
    let done: Account;
    switch (command) {
      case 'list':
        for (const account of await accounts.list()) process.stdout.write(`${line(account)}\n`);
        return;
      case 'create': {
        if (!flags['display-name']) throw new UsageError('--display-name is required', USAGE);
        const created = await new UsersRepository(db.knex).create({
          username,
          displayName: flags['display-name'],
          role: flags.role ?? 'viewer',
          unitCodes: flags.unit ?? [],
          password: password?.password ?? '',
          mustChangePassword: password?.generated ?? false,
        });
        done = await accounts.find(created.id);
        break;
      }
      case 'update': {
        const patch: AccountPatch = {
          ...(flags['display-name'] && { displayName: flags['display-name'] }),
          ...(flags.role && { role: flags.role }),
          ...(flags.unit && { units: { codes: flags.unit } }),
          ...(flags['reads-complaints'] !== undefined && { readsComplaints: flags['reads-complaints'] }),
        };
        if (Object.keys(patch).length === 0)
          throw new UsageError('update needs --display-name, --role, --unit or --reads-complaints', USAGE);
        done = await change(patch);
        break;
      }
      case 'deactivate':
        done = await change({ active: false });
        break;
      case 'activate':
        done = await change({ active: true });
        break;
      case 'reset-password':
        done = await accounts.resetPassword(
          await accounts.idOf(username),
          password?.password ?? '',
          password?.generated ?? true,
          SCRIPT_ACTOR,
        );
        break;
      case 'unlock':
        done = await accounts.unlock(await accounts.idOf(username), SCRIPT_ACTOR);
        break;
    }
    process.stdout.write(`${command}: ${line(done)}\n`);
    if (password?.generated) showGenerated(password.password);
  } finally {
    await db.close();
  }
});
