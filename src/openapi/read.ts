/**
 * The one reader of the OpenAPI document: how a `$ref` resolves, how path-level and operation-level
 * parameters combine, and which `elastic-api-version` an operation sends. The generator, the mock and
 * the tests all read the spec through it, so they cannot disagree on what an operation is.
 */

/** The HTTP methods the spec uses, lower case as OpenAPI writes them. */
export const SPEC_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** One of {@link SPEC_METHODS}. */
export type SpecMethod = (typeof SPEC_METHODS)[number];

/** A JSON Schema from the document, references unresolved. */
export type JsonSchema = boolean | { [keyword: string]: unknown };

/** A `$ref` object. */
export interface Reference {
  $ref: string;
}

/** A documented example. */
export interface Example {
  summary?: string;
  value?: unknown;
}

/** A media type entry of a body. */
export interface MediaType {
  schema?: JsonSchema;
  example?: unknown;
  examples?: Record<string, Example | Reference>;
}

/** A parameter of an operation. */
export interface SpecParameter {
  name: string;
  in: 'query' | 'header' | 'path' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
  content?: Record<string, MediaType>;
  example?: unknown;
  examples?: Record<string, Example | Reference>;
  /** Set to `json` where Kibana reads the parameter as one JSON value rather than repeated keys. */
  'x-kibana-encoding'?: 'json';
}

/** A request body. */
export interface SpecRequestBody {
  required?: boolean;
  content: Record<string, MediaType>;
}

/** A response. */
export interface SpecResponse {
  description: string;
  headers?: Record<string, unknown>;
  content?: Record<string, MediaType>;
}

/** An operation as written in the document. */
export interface RawOperation {
  operationId?: string;
  parameters?: (SpecParameter | Reference)[];
  requestBody?: SpecRequestBody | Reference;
  responses?: Record<string, SpecResponse | Reference>;
}

/** A path item as written in the document. */
export type PathItem = Partial<Record<SpecMethod, RawOperation>> & { parameters?: (SpecParameter | Reference)[] };

/** The parts of an OpenAPI 3.1 document this project reads. */
export interface OpenApiDocument {
  openapi?: string;
  paths: Record<string, PathItem>;
  components: Record<string, Record<string, unknown> | undefined>;
}

/** One operation, read: references resolved, parameters merged. */
export interface SpecOperation {
  operationId: string;
  method: SpecMethod;
  /** The path template, e.g. `/api/cases/{caseId}`. */
  path: string;
  /** The operation as written. */
  operation: RawOperation;
  /** Path-level and operation-level parameters as they apply (an operation-level one wins), resolved. */
  parameters: SpecParameter[];
  /** The parameters as written, so a shared `$ref` can be told from an inline copy. */
  declaredParameters: (SpecParameter | Reference)[];
  /** The request body, resolved, with its first media type. */
  requestBody:
    | { required: boolean; mediaType: string; schema: JsonSchema | undefined; declared: SpecRequestBody }
    | undefined;
  /** The `elastic-api-version` the operation sends, when it declares the header. */
  apiVersion: string | undefined;
  /** The first 2xx status the operation declares. */
  successStatus: number;
  /** True when the success answer has no body. */
  emptyResponse: boolean;
}

export function isReference(value: unknown): value is Reference {
  return typeof value === 'object' && value !== null && typeof (value as Reference).$ref === 'string';
}

function pointerTarget(document: OpenApiDocument, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`only references inside the document are supported, got ${ref}`);
  let target: unknown = document;
  for (const token of ref.slice(2).split('/')) {
    const key = decodeURIComponent(token).replaceAll('~1', '/').replaceAll('~0', '~');
    if (typeof target !== 'object' || target === null || !(key in target))
      throw new Error(`${ref} does not resolve in the OpenAPI document`);
    target = (target as Record<string, unknown>)[key];
  }
  return target;
}

/** Follows `$ref`s (also chained ones) to what they point at; a circular chain throws. */
export function resolveRef<T>(document: OpenApiDocument, value: T | Reference): T {
  let current: unknown = value;
  for (const seen = new Set<string>(); isReference(current); ) {
    if (seen.has(current.$ref)) throw new Error(`circular reference ${current.$ref}`);
    seen.add(current.$ref);
    current = pointerTarget(document, current.$ref);
  }
  return current as T;
}

/**
 * The api version an `elastic-api-version` parameter asks for: its `default`, which Kibana serves when
 * the header is left out; a parameter with no default must pin exactly one value in `enum`.
 */
export function apiVersionOf(parameter: SpecParameter, where: string): string {
  const schema = typeof parameter.schema === 'object' ? parameter.schema : {};
  const fallback = Array.isArray(schema.enum) && schema.enum.length === 1 ? schema.enum[0] : undefined;
  const value = schema.default ?? fallback;
  if (typeof value !== 'string' || value === '')
    throw new Error(`${where}: elastic-api-version has no default or single enum value`);
  return value;
}

function readOperation(document: OpenApiDocument, path: string, item: PathItem, method: SpecMethod): SpecOperation {
  const operation = item[method]!;
  const where = `${method.toUpperCase()} ${path}`;
  if (!operation.operationId) throw new Error(`${where} has no operationId`);
  const declaredParameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])];
  const byKey = new Map<string, SpecParameter>();
  for (const parameter of declaredParameters.map((p) => resolveRef(document, p)))
    byKey.set(`${parameter.in}:${parameter.name}`, parameter);
  const parameters = [...byKey.values()];
  const version = parameters.find((p) => p.in === 'header' && p.name.toLowerCase() === 'elastic-api-version');
  const body = operation.requestBody === undefined ? undefined : resolveRef(document, operation.requestBody);
  const media = body ? Object.entries(body.content)[0] : undefined;
  const responses = operation.responses ?? {};
  const successStatus = Number(Object.keys(responses).find((status) => /^2\d\d$/.test(status)));
  if (!Number.isInteger(successStatus)) throw new Error(`${where} declares no 2xx response`);
  const success = resolveRef(document, responses[String(successStatus)]!);
  return {
    operationId: operation.operationId,
    method,
    path,
    operation,
    parameters,
    declaredParameters,
    requestBody:
      body && media
        ? { required: body.required === true, mediaType: media[0], schema: media[1].schema, declared: body }
        : undefined,
    apiVersion: version ? apiVersionOf(version, where) : undefined,
    successStatus,
    emptyResponse: success.content === undefined || Object.keys(success.content).length === 0,
  };
}

/** Every operation of the document, in document order. */
export function readOperations(document: OpenApiDocument): SpecOperation[] {
  const found: SpecOperation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of SPEC_METHODS) if (item[method]) found.push(readOperation(document, path, item, method));
  }
  return found;
}
