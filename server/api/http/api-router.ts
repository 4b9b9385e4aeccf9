import express from 'express';
import { guardFor } from './guard';
import type { Operation } from './operation';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RegisteredRoute {
  method: Method;
  /** Express form, relative to /api/v1: '/tickets/:id'. */
  path: string;
  operation: Operation;
}

/**
 * An express router that remembers every route it mounts with its operation, so the OpenAPI
 * document is built from exactly what is served.
 */
export class ApiRouter {
  readonly router = express.Router();
  readonly routes: RegisteredRoute[] = [];

  get(path: string, operation: Operation): void {
    this.add('get', path, operation);
  }
  post(path: string, operation: Operation): void {
    this.add('post', path, operation);
  }
  put(path: string, operation: Operation): void {
    this.add('put', path, operation);
  }
  patch(path: string, operation: Operation): void {
    this.add('patch', path, operation);
  }
  delete(path: string, operation: Operation): void {
    this.add('delete', path, operation);
  }

  private add(method: Method, path: string, operation: Operation): void {
    this.routes.push({ method, path, operation });
    this.router[method](path, ...(operation.spec.before ?? []), guardFor(operation.spec), (req, res) =>
      operation.run(req, res),
    );
  }
}
