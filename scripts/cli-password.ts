import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { generatePassword } from '../core/users/password';

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

/**
 * The password a command sets: from standard input (scripts), typed twice by a person at a
 * terminal, or generated (empty answer, or no terminal); a generated one must be changed.
 */
export async function choosePassword(fromStdin: boolean): Promise<{ password: string; generated: boolean }> {
  if (fromStdin) return { password: await readStdin(), generated: false };
  if (process.stdin.isTTY) {
    const typed = await askHidden('Password (leave empty to generate one): ');
    if (typed !== '') {
      const again = await askHidden('Repeat the password: ');
      if (again !== typed) throw new Error('the two passwords differ; nothing was changed');
      return { password: typed, generated: false };
    }
  }
  return { password: generatePassword(), generated: true };
}

export function showGenerated(password: string): void {
  process.stdout.write(`password: ${password}\n(shown once; it must be changed at first sign-in)\n`);
}
