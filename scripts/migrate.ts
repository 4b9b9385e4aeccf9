import { migrateToLatest, rollbackAll } from '../core/db/migrator';
import { openConfiguredDatabase, runCli, UsageError } from './cli';

const USAGE =
  'usage: npm run migrate            apply every pending migration\n       npm run migrate:rollback   roll every migration back';

runCli(async () => {
  const direction = process.argv[2];
  if (direction !== 'latest' && direction !== 'rollback') {
    throw new UsageError(`unknown direction "${direction ?? ''}"`, USAGE);
  }
  const db = await openConfiguredDatabase();
  try {
    const names = direction === 'latest' ? await migrateToLatest(db.knex) : await rollbackAll(db.knex);
    const verb = direction === 'latest' ? 'applied' : 'rolled back';
    process.stdout.write(
      names.length === 0
        ? `nothing to do (${db.location})\n`
        : `${verb} ${names.length}:\n  ${names.join('\n  ')}\n`,
    );
  } finally {
    await db.close();
  }
});
