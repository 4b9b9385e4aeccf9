import winston from 'winston';

export type Logger = winston.Logger;

export interface LoggerOptions {
  level: string;
  format: 'json' | 'pretty';
  /** Where lines go; tests pass a stream to read them back. Defaults to stdout. */
  stream?: NodeJS.WritableStream;
}

const MAX_CAUSE_DEPTH = 3;

/**
 * An Error's message and stack are not enumerable, so JSON showed `{"status":400}` of it: this
 * keeps what finds the cause (name, message, stack, code, status, cause) and nothing else an error
 * object may carry (a body parser's error holds the raw body).
 */
function plainError(error: Error, depth = 0): Record<string, unknown> {
  const { code, status } = error as { code?: unknown; status?: unknown };
  return {
    name: error.name,
    message: error.message,
    ...(code === undefined ? {} : { code }),
    ...(status === undefined ? {} : { status }),
    stack: error.stack,
    ...(error.cause instanceof Error && depth < MAX_CAUSE_DEPTH
      ? { cause: plainError(error.cause, depth + 1) }
      : {}),
  };
}

const errorsInMeta = winston.format((info) => {
  for (const [key, value] of Object.entries(info)) {
    // A logged Error itself (info.message) is format.errors' business.
    if (key !== 'message' && value instanceof Error) info[key] = plainError(value);
  }
  return info;
});

export function createLogger(options: LoggerOptions): Logger {
  const format =
    options.format === 'json'
      ? winston.format.combine(
          errorsInMeta(),
          winston.format.timestamp(),
          winston.format.errors({ stack: true }),
          winston.format.json(),
        )
      : winston.format.combine(
          errorsInMeta(),
          winston.format.timestamp({ format: 'HH:mm:ss.SSS' }),
          winston.format.errors({ stack: true }),
          winston.format.printf(({ timestamp, level, message, stack, ...meta }) => {
            const extra = Object.keys(meta).length > 0 ? ` ${JSON.stringify(meta)}` : '';
            return `${String(timestamp)} ${level} ${String(message)}${extra}${stack ? `\n${String(stack)}` : ''}`;
          }),
        );
  const transport = options.stream
    ? new winston.transports.Stream({ stream: options.stream })
    : new winston.transports.Console();
  return winston.createLogger({ level: options.level, format, transports: [transport] });
}

/** A logger that drops everything, for tests and one-shot scripts that print their own output. */
export function createSilentLogger(): Logger {
  return winston.createLogger({
    silent: true,
    transports: [new winston.transports.Console({ silent: true })],
  });
}
