import { mkdirSync } from 'node:fs';
import { appendFile, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { CallTicketWrite } from './call-ticket';

const PENDING = 'tickets.jsonl';
const REPLAYING_PREFIX = 'tickets.replaying.';
const REJECTED = 'tickets.rejected.jsonl';
const DATE_FIELDS = ['receivedAt', 'answeredAt', 'endedAt', 'dueAt'] as const;

function revive(line: string): CallTicketWrite {
  const write = JSON.parse(line) as CallTicketWrite;
  if (typeof write?.snapshot?.channelId !== 'string' || !Array.isArray(write.events)) {
    throw new Error('not a ticket write');
  }
  const snapshot = write.snapshot as unknown as Record<string, unknown>;
  for (const field of DATE_FIELDS) {
    const value = snapshot[field];
    if (typeof value === 'string') snapshot[field] = new Date(value);
  }
  for (const event of write.events) event.at = new Date(event.at);
  return write;
}

export interface ReplayResult {
  replayed: number;
  rejected: number;
  /** Set when a write failed: the rest stays in the outbox for the next attempt. */
  error?: Error;
}

/**
 * A durable local queue of ticket writes the database refused: one JSON line per write, appended and
 * fsynced before `append` resolves, so a crash right after loses nothing. Replay moves the file
 * aside first, so writes appended meanwhile wait for the next round.
 */
export class TicketOutbox {
  private pendingLines = 0;

  constructor(private readonly directory: string) {
    mkdirSync(directory, { recursive: true });
  }

  get location(): string {
    return this.directory;
  }

  async append(write: CallTicketWrite): Promise<void> {
    const file = await open(path.join(this.directory, PENDING), 'a');
    try {
      await file.appendFile(`${JSON.stringify(write)}\n`, 'utf8');
      await file.datasync();
    } finally {
      await file.close();
    }
    this.pendingLines += 1;
  }

  /** Lines waiting, counted from the files (the count survives a restart). */
  async backlog(): Promise<number> {
    let lines = 0;
    for (const file of await this.outboxFiles()) {
      const text = await readFile(path.join(this.directory, file), 'utf8');
      lines += text.split('\n').filter((line) => line.trim() !== '').length;
    }
    this.pendingLines = lines;
    return lines;
  }

  /** The last known backlog, without touching the disk (for health checks). */
  get knownBacklog(): number {
    return this.pendingLines;
  }

  async replay(apply: (write: CallTicketWrite) => Promise<void>): Promise<ReplayResult> {
    const result: ReplayResult = { replayed: 0, rejected: 0 };
    try {
      await rename(
        path.join(this.directory, PENDING),
        path.join(this.directory, `${REPLAYING_PREFIX}${Date.now()}`),
      );
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const files = (await this.outboxFiles()).filter((file) => file.startsWith(REPLAYING_PREFIX));
    for (const file of files) {
      const full = path.join(this.directory, file);
      const lines = (await readFile(full, 'utf8')).split('\n').filter((line) => line.trim() !== '');
      for (const line of lines) {
        let write: CallTicketWrite;
        try {
          write = revive(line);
        } catch {
          // A torn last line after a crash, or a hand edit: keep it for a person, never block the queue.
          await appendFile(path.join(this.directory, REJECTED), `${line}\n`);
          result.rejected += 1;
          continue;
        }
        try {
          await apply(write);
          result.replayed += 1;
        } catch (error) {
          result.error = error as Error;
          await this.backlog();
          return result;
        }
      }
      await unlink(full);
    }
    await this.backlog();
    return result;
  }

  private async outboxFiles(): Promise<string[]> {
    const files = await readdir(this.directory);
    return files.filter((file) => file === PENDING || file.startsWith(REPLAYING_PREFIX)).sort();
  }
}
