import type { Request } from 'express';

/**
 * ARI takes parameters from the query string or a JSON body (swagger-client puts most in
 * the query, `variables` in the body). Values are strings until an accessor types them.
 */
export class Params {
  private readonly values: Record<string, unknown>;

  constructor(req: Request) {
    const body = req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
    this.values = { ...body, ...(req.query as Record<string, unknown>), ...req.params };
  }

  string(name: string): string | undefined {
    const value = this.values[name];
    if (value === undefined || value === null) return undefined;
    return Array.isArray(value) ? value.join(',') : String(value);
  }

  required(name: string): string {
    const value = this.string(name);
    if (value === undefined || value === '') throw new MissingParam(name);
    return value;
  }

  /** allowMultiple parameters: repeated or comma separated. */
  list(name: string): string[] {
    const value = this.string(name);
    return value ? value.split(',').filter((v) => v !== '') : [];
  }

  int(name: string, fallback: number): number {
    const value = this.string(name);
    return value === undefined || value === '' ? fallback : Number.parseInt(value, 10);
  }

  bool(name: string, fallback: boolean): boolean {
    const value = this.string(name);
    return value === undefined ? fallback : ['true', 'yes', '1'].includes(value.toLowerCase());
  }
}

export class MissingParam extends Error {
  constructor(readonly param: string) {
    super(`Missing required parameter ${param}`);
  }
}
