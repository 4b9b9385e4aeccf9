import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './bench.ipc';

export interface BenchBuild {
  /** The compiled entry of a child, e.g. script('ivr-app.child') */
  script(name: string): string;
  remove(): void;
}

const ENTRIES = ['emulator.child', 'ivr-app.child', 'bare-ari.child', 'admin-app.child'];

/**
 * Compiles the project to plain JavaScript, as production runs it (`node dist/...`), so the
 * measured processes carry no TypeScript loader (tsx adds ~30 MB of RSS). The output goes under
 * node_modules/.cache, where the packages resolve and nobody else's dist/ is touched. Type errors
 * elsewhere in the tree (others' work in progress) do not stop the emit.
 */
export function buildForBench(): BenchBuild {
  const outDir = path.join(REPO_ROOT, 'node_modules', '.cache', `hotline-bench-${process.pid}`);
  const tsc = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsc');
  const result = spawnSync(tsc, ['-p', 'tsconfig.bench.json', '--outDir', outDir, '--sourceMap', 'false'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  const script = (name: string) => path.join(outDir, 'scripts', 'bench', `${name}.js`);
  const missing = ENTRIES.filter((name) => !existsSync(script(name)));
  if (result.error || missing.length > 0) {
    rmSync(outDir, { recursive: true, force: true });
    throw new Error(
      `compiling the bench failed (missing ${missing.join(', ')}): ${result.error?.message ?? ''}\n${result.stdout}${result.stderr}`,
    );
  }
  return { script, remove: () => rmSync(outDir, { recursive: true, force: true }) };
}
