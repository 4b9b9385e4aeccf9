import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readOrganisationFile } from '../core/seed/organisation.load';
import { type Directory, directoryFromOrganisation } from '../core/units/directory';
import { DirectoryRepository } from '../core/units/directory.repo';
import {
  decidePromptAction,
  emptyManifest,
  type Manifest,
  type PromptAction,
  parseManifest,
  serializeManifest,
} from '../ivr/prompts/manifest';
import { promptFileName, promptSources } from '../ivr/prompts/prompt-set';
import { checkSynthesisTools, synthesizePrompt, VOICE_DESCRIPTION } from '../ivr/prompts/synthesize';
import { openConfiguredDatabase, parseFlags, runCli, UsageError } from './cli';

const DEFAULT_OUT = path.join('ivr', 'sounds', 'vi');
const MANIFEST_FILE = 'manifest.json';

const USAGE = `usage: npm run prompts [-- --out DIR] [--only ID] [--force] [--units-from FILE]
  Speaks every IVR prompt, the digits 0-9 and one name per active unit into 8 kHz mono 16-bit WAV
  files (espeak-ng + sox). Files an admin replaced with a recording are kept unless --force.
  --out DIR           where to write (default ${DEFAULT_OUT})
  --only ID           one prompt, e.g. welcome, digits/3 or unit-12
  --force             regenerate even files that are up to date or were replaced by hand
  --units-from FILE   take the units from an organisation file instead of the database`;

async function readDirectory(unitsFrom: string | undefined): Promise<Directory> {
  if (unitsFrom !== undefined) return directoryFromOrganisation(await readOrganisationFile(unitsFrom));
  const db = await openConfiguredDatabase();
  try {
    return await new DirectoryRepository(db.knex).directory();
  } finally {
    await db.close();
  }
}

async function fileSha256(file: string): Promise<string | null> {
  try {
    return createHash('sha256')
      .update(await readFile(file))
      .digest('hex');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

async function readManifest(file: string): Promise<Manifest> {
  try {
    return parseManifest(await readFile(file, 'utf8'), file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyManifest(VOICE_DESCRIPTION);
    throw error;
  }
}

runCli(async () => {
  const flags = parseFlags(
    process.argv.slice(2),
    {
      out: { type: 'string' },
      only: { type: 'string' },
      force: { type: 'boolean' },
      'units-from': { type: 'string' },
    },
    USAGE,
  );
  const outDir = path.resolve(flags.out ?? DEFAULT_OUT);
  const directory = await readDirectory(flags['units-from']);
  const all = promptSources(directory.units.filter((unit) => unit.active));
  const sources = flags.only === undefined ? all : all.filter((source) => source.id === flags.only);
  if (sources.length === 0) throw new UsageError(`--only ${flags.only}: no such prompt`, USAGE);

  const manifestPath = path.join(outDir, MANIFEST_FILE);
  const manifest = await readManifest(manifestPath);
  const planned: Array<{ id: string; text: string; file: string; action: PromptAction }> = [];
  for (const source of sources) {
    const file = path.join(outDir, promptFileName(source.id));
    const action = decidePromptAction({
      text: source.text,
      entry: manifest.entries[source.id],
      fileSha256: await fileSha256(file),
      force: flags.force ?? false,
    });
    planned.push({ ...source, file, action });
  }

  const toWrite = planned.filter((item) => item.action === 'generate' || item.action === 'regenerate');
  if (toWrite.length > 0) await checkSynthesisTools();
  for (const item of toWrite) {
    await mkdir(path.dirname(item.file), { recursive: true });
    await synthesizePrompt(item.text, item.file);
    manifest.entries[item.id] = { text: item.text, sha256: (await fileSha256(item.file)) as string };
    // Saved after every file so an interrupted run still knows what it wrote.
    manifest.voice = VOICE_DESCRIPTION;
    await writeFile(manifestPath, serializeManifest(manifest));
    process.stdout.write(`${item.action === 'generate' ? 'created' : 'regenerated'} ${item.id}\n`);
  }

  const custom = planned.filter((item) => item.action === 'custom');
  for (const item of custom) {
    process.stdout.write(`kept ${item.id}: replaced by hand (use --force to overwrite)\n`);
  }
  const wanted = new Set(all.map((source) => source.id));
  const unused = Object.keys(manifest.entries).filter((id) => !wanted.has(id));
  for (const id of unused)
    process.stdout.write(`unused ${id}: no active unit needs it (file left in place)\n`);
  const upToDate = planned.length - toWrite.length - custom.length;
  process.stdout.write(
    `${toWrite.length} written, ${upToDate} up to date, ${custom.length} kept as recorded, in ${outDir}\n`,
  );
});
