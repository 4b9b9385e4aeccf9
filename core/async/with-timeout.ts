/** Thrown when work did not settle in time; `what` names the work, as in "AMI Ping timed out after 5000 ms". */
export class TimeoutError extends Error {
  constructor(
    what: string,
    readonly ms: number,
  ) {
    super(`${what} timed out after ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

/**
 * Settles like `work`, or rejects with a TimeoutError after `ms` (then `onTimeout` runs, to
 * abandon what the work holds). The timer never outlives the race.
 */
export function withTimeout<T>(
  work: Promise<T>,
  ms: number,
  what: string,
  onTimeout?: () => void,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        onTimeout?.();
        reject(new TimeoutError(what, ms));
      }, ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
