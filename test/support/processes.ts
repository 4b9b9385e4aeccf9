import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunningProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<ProcessResult>;
}

/**
 * The environment a child gets: enough to run node, plus exactly the settings the test names, so
 * a DATABASE_URL or PORT in the developer's shell never leaks into the process under test.
 */
export function childEnv(settings: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG']) {
    const value = process.env[name];
    if (value !== undefined) base[name] = value;
  }
  return { ...base, ...settings };
}

/**
 * Runs a TypeScript script from the repository root under node with tsx's loader, and collects
 * its output. Node itself is the child (not the tsx launcher, which relays signals and kills a
 * child that takes more than a few milliseconds to exit), so a signal reaches the script as it
 * would in production.
 */
export function startTsx(script: string, args: string[], env: NodeJS.ProcessEnv): RunningProcess {
  return startProcess(process.execPath, ['--require', 'tsx/cjs', script, ...args], env);
}

/** A compiled script under plain node, as `npm start` runs the service. */
export function startNode(script: string, args: string[], env: NodeJS.ProcessEnv): RunningProcess {
  return startProcess(process.execPath, [script, ...args], env);
}

function startProcess(command: string, args: string[], env: NodeJS.ProcessEnv): RunningProcess {
  const child = spawn(command, args, { cwd: REPO_ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<ProcessResult>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Runs a tsx script to completion, feeding `stdin` (or nothing) to it. */
export async function runTsx(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  stdin = '',
): Promise<ProcessResult> {
  const running = startTsx(script, args, env);
  running.child.stdin?.end(stdin);
  return running.exited;
}

/** A TCP port nobody listens on right now: the kernel picks it, we release it at once. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface TempDir {
  path: string;
  remove(): void;
}

export function makeTempDir(prefix: string): TempDir {
  const dir = mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  return { path: dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
