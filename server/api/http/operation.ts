import type { Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import type { SessionUser } from '../auth/session-user';
import { validate } from './validate';

/**
 * Who may call an operation: anyone; any signed-in user; those who may edit tickets (admins and
 * ward officials, within their scope); admins only.
 */
export type Access = 'public' | 'signed-in' | 'editor' | 'admin';

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  /** application/json unless said otherwise (files, audio). */
  contentType?: string;
}

export interface OperationSpec {
  operationId: string;
  summary: string;
  tag: string;
  access: Access;
  /** Login has no session yet and so no CSRF token; every other state change needs one. */
  csrfExempt?: boolean;
  /** A user who must change their password may still do this (see who they are, change it, sign out). */
  allowedBeforePasswordChange?: boolean;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  responses: Record<number, ResponseSpec>;
  /** Runs before validation (the sign-in rate limit). */
  before?: RequestHandler[];
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;
type UserOf<A extends Access> = A extends 'public' ? SessionUser | undefined : SessionUser;

export interface OperationInput<P, Q, B, A extends Access> {
  params: Parsed<P>;
  query: Parsed<Q>;
  body: Parsed<B>;
  user: UserOf<A>;
  req: Request;
  res: Response;
}

/** A JSON reply; an operation that streams writes to `res` itself and returns nothing. */
export interface Reply {
  status: number;
  body?: unknown;
}

export interface Operation {
  readonly spec: OperationSpec;
  run(req: Request, res: Response): Promise<void>;
}

/** One API operation: its contract (for validation and the OpenAPI document) and its handler. */
export function operation<
  A extends Access,
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(
  spec: OperationSpec & { access: A; params?: P; query?: Q; body?: B },
  handle: (input: OperationInput<P, Q, B, A>) => Promise<Reply | undefined>,
): Operation {
  return {
    spec,
    async run(req, res) {
      const input = {
        params: spec.params ? validate(spec.params, req.params, 'params') : undefined,
        query: spec.query ? validate(spec.query, req.query, 'query') : undefined,
        body: spec.body ? validate(spec.body, req.body ?? {}, 'body') : undefined,
        user: res.locals.session?.user,
        req,
        res,
      } as OperationInput<P, Q, B, A>;
      const reply = await handle(input);
      if (!reply) return;
      if (reply.body === undefined) res.status(reply.status).end();
      else writeJson(res, reply.status, reply.body);
    },
  };
}

/**
 * The reply's JSON, written as is: express's res.json would also hash the body for an ETag (a
 * 50-row page is ~30 KB) for a conditional GET no client of this API sends.
 */
function writeJson(res: Response, status: number, body: unknown): void {
  res.status(status).setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}
