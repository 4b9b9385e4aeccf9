// A tiny DSL for Swagger 1.1 declarations in the shape Asterisk serves them (and ari-client's
// bundled swagger-client 2.0 parses): operations carry `httpMethod`, `nickname`,
// `responseClass`, `parameters[].paramType/dataType` and `errorResponses[].reason`.

export interface SwaggerParam {
  name: string;
  description: string;
  paramType: 'path' | 'query' | 'body';
  required: boolean;
  allowMultiple: boolean;
  dataType: string;
  defaultValue?: string | number | boolean;
  allowableValues?: { valueType: 'LIST'; values: string[] };
}

export interface SwaggerOperation {
  httpMethod: 'GET' | 'POST' | 'PUT' | 'DELETE';
  summary: string;
  nickname: string;
  responseClass: string;
  parameters: SwaggerParam[];
  errorResponses: { code: number; reason: string }[];
}

export interface SwaggerApi {
  path: string;
  description: string;
  operations: SwaggerOperation[];
}

export interface ModelProperty {
  type: string;
  required?: boolean;
  description?: string;
  items?: { type: string };
}

export interface SwaggerModel {
  id: string;
  description: string;
  properties: Record<string, ModelProperty>;
}

export interface ResourceDeclaration {
  name: string;
  description: string;
  apis: SwaggerApi[];
  models: Record<string, SwaggerModel>;
}

export function pathParam(name: string, description = name): SwaggerParam {
  return { name, description, paramType: 'path', required: true, allowMultiple: false, dataType: 'string' };
}

interface QueryOptions {
  required?: boolean;
  multiple?: boolean;
  values?: string[];
  defaultValue?: string | number | boolean;
}

export function queryParam(name: string, dataType = 'string', options: QueryOptions = {}): SwaggerParam {
  const param: SwaggerParam = {
    name,
    description: name,
    paramType: 'query',
    required: options.required ?? false,
    allowMultiple: options.multiple ?? false,
    dataType,
  };
  if (options.defaultValue !== undefined) param.defaultValue = options.defaultValue;
  if (options.values) param.allowableValues = { valueType: 'LIST', values: options.values };
  return param;
}

/** JSON body parameters; ari-client serialises `variables`/`fields` under these names. */
export function bodyParam(name: string): SwaggerParam {
  return {
    name,
    description: name,
    paramType: 'body',
    required: false,
    allowMultiple: false,
    dataType: 'containers',
  };
}

export function op(
  httpMethod: SwaggerOperation['httpMethod'],
  nickname: string,
  responseClass: string,
  parameters: SwaggerParam[],
  errors: Record<number, string> = {},
): SwaggerOperation {
  return {
    httpMethod,
    summary: nickname,
    nickname,
    responseClass,
    parameters,
    errorResponses: Object.entries(errors).map(([code, reason]) => ({ code: Number(code), reason })),
  };
}

export function api(path: string, ...operations: SwaggerOperation[]): SwaggerApi {
  return { path, description: path, operations };
}

export function model(id: string, properties: Record<string, string | ModelProperty>): SwaggerModel {
  const props: Record<string, ModelProperty> = {};
  for (const [name, spec] of Object.entries(properties)) {
    props[name] = typeof spec === 'string' ? toProperty(spec) : spec;
  }
  return { id, description: id, properties: props };
}

/** `'Channel'`, `'string?'` (optional), `'List[string]'`. Properties are required unless marked `?`. */
function toProperty(spec: string): ModelProperty {
  const required = !spec.endsWith('?');
  const type = required ? spec : spec.slice(0, -1);
  const list = /^List\[(\w+)\]$/.exec(type);
  if (list?.[1]) return { type: 'List', items: { type: list[1] }, required };
  return { type, required };
}

export function declaration(resource: ResourceDeclaration, baseUrl: string): object {
  return {
    apiVersion: '2.0.0',
    swaggerVersion: '1.1',
    basePath: baseUrl,
    resourcePath: `/api-docs/${resource.name}.{format}`,
    apis: resource.apis,
    models: resource.models,
  };
}

/** The query parameters of a channel's or a bridge's play (Asterisk documents both alike). */
export const PLAY_PARAMS: readonly SwaggerParam[] = [
  queryParam('media', 'string', { required: true, multiple: true }),
  queryParam('lang'),
  queryParam('offsetms', 'int'),
  queryParam('skipms', 'int', { defaultValue: 3000 }),
];

/** The query parameters of a channel's or a bridge's record, after its id. */
export const RECORD_PARAMS: readonly SwaggerParam[] = [
  queryParam('name', 'string', { required: true }),
  queryParam('format', 'string', { required: true }),
  queryParam('maxDurationSeconds', 'int', { defaultValue: 0 }),
  queryParam('maxSilenceSeconds', 'int', { defaultValue: 0 }),
  queryParam('ifExists', 'string', { defaultValue: 'fail', values: ['fail', 'overwrite', 'append'] }),
  queryParam('beep', 'boolean', { defaultValue: false }),
  queryParam('terminateOn', 'string', { defaultValue: 'none', values: ['none', 'any', '*', '#'] }),
];
