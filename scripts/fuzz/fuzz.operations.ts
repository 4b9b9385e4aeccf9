/** The operations of the API's OpenAPI document, in the shape the generator needs. */

export type JsonSchema = Record<string, unknown>;

export interface FuzzParameter {
  name: string;
  required: boolean;
  schema: JsonSchema;
}

export interface FuzzOperation {
  operationId: string;
  method: string;
  /** OpenAPI form: /api/v1/tickets/{id}. */
  path: string;
  pathParams: FuzzParameter[];
  queryParams: FuzzParameter[];
  body: JsonSchema | undefined;
  /** Every schema of components, for $ref. */
  components: Record<string, JsonSchema>;
}

interface OpenApiOperation {
  operationId: string;
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: JsonSchema }>;
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** Every operation of the document, sorted by operationId so a seed means the same run everywhere. */
export function operationsOf(document: unknown): FuzzOperation[] {
  const doc = document as OpenApiDocument;
  const components = doc.components?.schemas ?? {};
  const operations: FuzzOperation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const parameters = (op.parameters ?? []).map((p) => ({
        where: p.in,
        name: p.name,
        required: p.required === true,
        schema: p.schema ?? {},
      }));
      operations.push({
        operationId: op.operationId,
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((p) => p.where === 'path'),
        queryParams: parameters.filter((p) => p.where === 'query'),
        body: op.requestBody?.content?.['application/json']?.schema,
        components,
      });
    }
  }
  return operations.sort((a, b) => a.operationId.localeCompare(b.operationId));
}
