import { z } from 'zod';
import type { RegisteredRoute } from '../http/api-router';
import { CSRF_HEADER, SESSION_COOKIE } from '../http/guard';

type JsonSchema = Record<string, unknown> & {
  $defs?: Record<string, unknown>;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  description?: string;
};

const SAFE_METHODS = new Set(['get', 'head']);
const SAFE_INTEGER_BOUND = Number.MAX_SAFE_INTEGER;

/** Collects named schemas (zod .meta({id})) into components and points every $ref there. */
class SchemaSet {
  readonly components: Record<string, unknown> = {};

  toJson(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    const json = z.toJSONSchema(schema, {
      target: 'draft-2020-12',
      io,
      unrepresentable: 'any',
      override: ({ jsonSchema }) => {
        // The long regexes zod adds for date-times and the ±2^53 bounds of integers say nothing the format does not.
        if (jsonSchema.format === 'date-time') delete jsonSchema.pattern;
        if (jsonSchema.minimum === -SAFE_INTEGER_BOUND) delete jsonSchema.minimum;
        if (jsonSchema.maximum === SAFE_INTEGER_BOUND) delete jsonSchema.maximum;
      },
    }) as JsonSchema;
    const text = JSON.stringify(json).replaceAll('"#/$defs/', '"#/components/schemas/');
    const { $defs, $schema: _schema, ...rest } = JSON.parse(text) as JsonSchema;
    Object.assign(this.components, $defs ?? {});
    return rest;
  }
}

function parametersOf(set: SchemaSet, schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const json = set.toJson(schema, 'input');
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === 'path' || (json.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

/** The OpenAPI 3.1 document of exactly the routes the API router serves. */
export function buildOpenApiDocument(
  routes: readonly RegisteredRoute[],
  basePath: string,
): Record<string, unknown> {
  const set = new SchemaSet();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { method, path, operation } of routes) {
    const { spec } = operation;
    const openApiPath = `${basePath}${path.replace(/:(\w+)/g, '{$1}')}`;
    const needsCsrf = spec.access !== 'public' && !spec.csrfExempt && !SAFE_METHODS.has(method);
    const parameters = [
      ...parametersOf(set, spec.params, 'path'),
      ...parametersOf(set, spec.query, 'query'),
      ...(needsCsrf
        ? [
            {
              name: 'X-CSRF-Token',
              in: 'header',
              required: true,
              description: 'csrfToken from login or /auth/me',
              schema: { type: 'string' },
            },
          ]
        : []),
    ];
    const responses = Object.fromEntries(
      Object.entries(spec.responses).map(([status, response]) => [
        status,
        {
          description: response.description,
          ...(response.schema
            ? {
                content: {
                  [response.contentType ?? 'application/json']: {
                    schema: set.toJson(response.schema, 'output'),
                  },
                },
              }
            : response.contentType
              ? { content: { [response.contentType]: { schema: { type: 'string', format: 'binary' } } } }
              : {}),
        },
      ]),
    );
    paths[openApiPath] ??= {};
    paths[openApiPath][method] = {
      operationId: spec.operationId,
      summary: spec.summary,
      tags: [spec.tag],
      'x-access': spec.access,
      security: spec.access === 'public' ? [] : [{ session: [] }],
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(spec.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: set.toJson(spec.body, 'input') } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: "Chairman's hotline admin API",
      version: '1',
      description:
        'Tickets (the call log), units and duty rosters, dashboard and exports. Sign in with POST /auth/login; ' +
        `send the csrfToken back in ${CSRF_HEADER} on every state-changing request.`,
    },
    servers: [{ url: '/' }],
    tags: ['auth', 'tickets', 'units', 'rosters', 'dashboard', 'open311', 'meta'].map((name) => ({ name })),
    paths,
    components: {
      schemas: set.components,
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } },
    },
  };
}
