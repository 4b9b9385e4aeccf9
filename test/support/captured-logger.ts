import { PassThrough } from 'node:stream';
import { createLogger, type Logger } from '../../core/logger';

export type LogLine = Record<string, unknown>;

/** A JSON logger whose lines a test reads back. */
export function capturedLogger(level = 'info'): { logger: Logger; lines: () => LogLine[] } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });
  return {
    logger: createLogger({ level, format: 'json', stream }),
    lines: () =>
      text
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as LogLine),
  };
}

/** winston hands lines to its stream a few ticks after the response is finished. */
export async function waitForLine(
  lines: () => LogLine[],
  matches: (line: LogLine) => boolean,
): Promise<LogLine> {
  for (let tick = 0; tick < 1000; tick += 1) {
    const found = lines().find(matches);
    if (found) return found;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`no matching log line in ${JSON.stringify(lines())}`);
}
