import type { ErrorCode } from '../../core/error-codes';

/**
 * Errors that express and its body parser raise for a request the client got wrong (http-errors
 * style: a 4xx `status`), each given the stable code and message the API answers with.
 */
export interface ClientError {
  status: number;
  code: ErrorCode;
  message: string;
  /** What the log's warn line says of the cause: the parser's words without any of the body. */
  reason: string;
}

interface HttpErrorLike {
  status?: unknown;
  type?: unknown;
  code?: unknown;
  message?: unknown;
}

/** zlib's error codes for a body that is not what its Content-Encoding says. */
const INFLATE_FAILURES = new Set(['Z_DATA_ERROR', 'Z_BUF_ERROR', 'Z_NEED_DICT']);

/** V8's JSON.parse messages quote the text around the fault, which may be a password: keep the position only. */
function jsonFault(message: string): string {
  const position = /at position \d+/.exec(message);
  return position ? `not valid JSON ${position[0]}` : 'not valid JSON';
}

function describe(error: HttpErrorLike): { code: ErrorCode; message: string; reason: string } {
  const said = String(error.message);
  if (error.type === 'entity.parse.failed') {
    const fault = jsonFault(said);
    return { code: 'invalid-json', message: `Request body rejected: ${fault}`, reason: fault };
  }
  if (typeof error.type === 'string')
    return {
      code: 'bad-request',
      message: `Request body rejected: ${said}`,
      reason: `${error.type}: ${said}`,
    };
  if (typeof error.code === 'string' && INFLATE_FAILURES.has(error.code))
    return {
      code: 'invalid-content-encoding',
      message: 'Request body rejected: it is not compressed as its Content-Encoding header says',
      reason: `${error.code}: ${said}`,
    };
  if (error instanceof URIError)
    return {
      code: 'invalid-path',
      message: 'The URL path holds a malformed percent-escape (such as %ZZ)',
      reason: said,
    };
  return { code: 'bad-request', message: `Request rejected: ${said}`, reason: said };
}

/** The client error a thrown value stands for, or undefined when it is a fault of the server. */
export function clientErrorOf(error: unknown): ClientError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const candidate = error as HttpErrorLike;
  const status = candidate.status;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status >= 500)
    return undefined;
  return { status, ...describe(candidate) };
}
