/** How failed mail is retried: 1, 2, 4 ... minutes after each failure, at most an hour apart. */
export const RETRY_POLICY = {
  maxAttempts: 10,
  /** A message claimed this long ago and never settled belongs to an instance that died mid-send. */
  staleAfterMs: 15 * 60_000,
  retryDelayMs(attempts: number): number {
    return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 60 * 60_000);
  },
} as const;

/** The domain of a From address ('Tên <a@b.vn>' → 'b.vn'), for Message-IDs the service chooses. */
export function mailDomain(from: string): string {
  const match = /@([^>\s]+)>?\s*$/.exec(from);
  return match?.[1] ?? 'localhost';
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
