/**
 * The generator's memory of what it wrote, so it never overwrites a human recording: a file whose
 * hash differs from the one recorded here (or that the manifest does not know) was put there by
 * someone else and is kept unless --force.
 */
export interface ManifestEntry {
  text: string;
  sha256: string;
}

export interface Manifest {
  version: 1;
  /** The synthesis settings the entries were made with, for the record. */
  voice: string;
  entries: Record<string, ManifestEntry>;
}

export type PromptAction =
  /** no file yet */
  | 'generate'
  /** generated earlier from another text, or --force */
  | 'regenerate'
  /** generated from this very text and untouched since */
  | 'up-to-date'
  /** replaced by an admin (hash differs, or never generated): left alone */
  | 'custom';

export function decidePromptAction(input: {
  text: string;
  entry: ManifestEntry | undefined;
  /** null when the file does not exist */
  fileSha256: string | null;
  force: boolean;
}): PromptAction {
  if (input.fileSha256 === null) return 'generate';
  if (input.force) return 'regenerate';
  if (input.entry === undefined || input.entry.sha256 !== input.fileSha256) return 'custom';
  return input.entry.text === input.text ? 'up-to-date' : 'regenerate';
}

export function emptyManifest(voice: string): Manifest {
  return { version: 1, voice, entries: {} };
}

export function parseManifest(text: string, source: string): Manifest {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`${source} is not JSON: ${(error as Error).message}`);
  }
  const candidate = data as Partial<Manifest> | null;
  const entries = candidate?.entries;
  const valid =
    candidate?.version === 1 &&
    typeof candidate.voice === 'string' &&
    typeof entries === 'object' &&
    entries !== null &&
    Object.values(entries).every(
      (entry) => typeof entry?.text === 'string' && /^[0-9a-f]{64}$/.test(String(entry?.sha256)),
    );
  if (!valid)
    throw new Error(`${source} is not a prompt manifest (version 1, voice, entries of {text, sha256})`);
  return candidate as Manifest;
}

/** Stable output (sorted keys) so a regeneration shows as a small diff. */
export function serializeManifest(manifest: Manifest): string {
  const entries = Object.fromEntries(Object.entries(manifest.entries).sort(([a], [b]) => a.localeCompare(b)));
  return `${JSON.stringify({ ...manifest, entries }, null, 2)}\n`;
}
