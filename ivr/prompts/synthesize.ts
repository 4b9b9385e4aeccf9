import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const WORDS_PER_MINUTE = 145;
/**
 * Slightly slower than espeak's 175 wpm: callers are often outdoors on poor lines. Silence is
 * trimmed at both ends (sox cannot trim the end directly, hence reverse, trim, reverse) so phrases
 * chained around a unit name do not leave gaps, then a short pad keeps them from running together.
 */
const SOX_EFFECTS = ['silence', '1', '0.05', '0.5%', 'reverse', 'silence', '1', '0.05', '0.5%', 'reverse'];
const SOX_FINISH = ['norm', '-1', 'pad', '0.05', '0.15'];

export const VOICE_DESCRIPTION = `espeak-ng -v vi -s ${WORDS_PER_MINUTE}; sox 8000 Hz mono 16-bit PCM, silence trimmed, normalised to -1 dBFS`;

const TOOLS = [
  { command: 'espeak-ng', versionFlag: '--version', debianPackage: 'espeak-ng' },
  { command: 'sox', versionFlag: '--version', debianPackage: 'sox' },
] as const;

export class MissingToolError extends Error {
  constructor(command: string, debianPackage: string) {
    super(
      `${command} is not installed; install it with: apt-get update && apt-get install -y ${debianPackage}`,
    );
    this.name = 'MissingToolError';
  }
}

export async function checkSynthesisTools(): Promise<void> {
  for (const tool of TOOLS) {
    try {
      await run(tool.command, [tool.versionFlag]);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new MissingToolError(tool.command, tool.debianPackage);
      }
      throw new Error(`${tool.command} ${tool.versionFlag} failed: ${(error as Error).message}`);
    }
  }
}

/** Speaks `text` into `outFile` as 8 kHz mono 16-bit WAV; the file appears whole or not at all. */
export async function synthesizePrompt(text: string, outFile: string): Promise<void> {
  const workDir = await mkdtemp(path.join(tmpdir(), 'hotline-prompt-'));
  try {
    const raw = path.join(workDir, 'espeak.wav');
    const converted = path.join(workDir, 'telephony.wav');
    // '--' keeps a text that starts with '-' from being read as an option.
    await run('espeak-ng', ['-v', 'vi', '-s', String(WORDS_PER_MINUTE), '-w', raw, '--', text]);
    await run('sox', [
      raw,
      '-r',
      '8000',
      '-c',
      '1',
      '-b',
      '16',
      '-e',
      'signed-integer',
      converted,
      ...SOX_EFFECTS,
      ...SOX_FINISH,
    ]);
    // The work directory may sit on another file system: copy beside the target, then rename.
    const partial = `${outFile}.partial`;
    await copyFile(converted, partial);
    await rename(partial, outFile);
  } catch (error) {
    throw new Error(`cannot synthesise ${path.basename(outFile)}: ${(error as Error).message}`);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
