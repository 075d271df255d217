// The bundled OpenAPI document and JSON Schema validation against it, shared by the spec tests and the
// mock-Kibana tests (which check that what they serve is what the spec promises).
import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import {
  isReference,
  readOperations,
  resolveRef,
  type OpenApiDocument as ReadDocument,
  type SpecOperation,
} from '../../src/openapi/read.js';

export const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type Method = (typeof METHODS)[number];

// Only the parts of OpenAPI 3.1 that the tests read.
export type Schema = boolean | { [keyword: string]: unknown };
export interface Reference {
  $ref: string;
}
export interface Example {
  summary?: string;
  value?: unknown;
  externalValue?: string;
}
export interface MediaType {
  schema?: Schema;
  example?: unknown;
  examples?: Record<string, Example | Reference>;
}
export interface Parameter {
  name: string;
  in: 'query' | 'header' | 'path' | 'cookie';
  required?: boolean;
  schema?: Schema;
  content?: Record<string, MediaType>;
  example?: unknown;
  examples?: Record<string, Example | Reference>;
}
export type Header = Omit<Parameter, 'name' | 'in'>;
export interface RequestBody {
  required?: boolean;
  content: Record<string, MediaType>;
}
export interface Response {
  description: string;
  headers?: Record<string, Header | Reference>;
  content?: Record<string, MediaType>;
}
export interface Operation {
  operationId?: string;
  parameters?: (Parameter | Reference)[];
  requestBody?: RequestBody | Reference;
  responses?: Record<string, Response | Reference>;
}
export type PathItem = Partial<Record<Method, Operation>> & { parameters?: (Parameter | Reference)[] };
export interface Components {
  schemas?: Record<string, Schema>;
  responses?: Record<string, Response | Reference>;
  parameters?: Record<string, Parameter | Reference>;
  requestBodies?: Record<string, RequestBody | Reference>;
  headers?: Record<string, Header | Reference>;
  examples?: Record<string, Example | Reference>;
}
export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, PathItem>;
  components: Components;
}

export const openapiDocument: OpenApiDocument = JSON.parse(
  readFileSync(new URL('../../generated/kibana.openapi.json', import.meta.url), 'utf8'),
);

export { isReference };

/** Follows `$ref`s (also chained ones) to the object they point at. */
export function resolve<T>(value: T | Reference): T {
  return resolveRef(openapiDocument as unknown as ReadDocument, value);
}

/** An operation as the project's one reader of the document gives it. */
export type OperationEntry = Omit<SpecOperation, 'operation' | 'parameters' | 'declaredParameters'> & {
  operation: Operation;
  parameters: Parameter[];
  declaredParameters: (Parameter | Reference)[];
};

let operationEntries: OperationEntry[] | undefined;

export function operations(): OperationEntry[] {
  operationEntries ??= readOperations(openapiDocument as unknown as ReadDocument) as OperationEntry[];
  return operationEntries;
}

export function findOperation(operationId: string): OperationEntry {
  const entry = operations().find((candidate) => candidate.operationId === operationId);
  if (!entry) throw new Error(`generated/kibana.openapi.json has no operation ${operationId}`);
  return entry;
}

/** Under this id the whole document is known to ajv, so `#/components/...` references resolve in any schema. */
const DOCUMENT_ID = 'https://kibana-sdk.invalid/kibana.openapi.json';

/** Every key that starts with `x-`: specification extensions, which OpenAPI allows in schemas too. */
function extensionKeys(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) extensionKeys(item, found);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      if (key.startsWith('x-')) found.add(key);
      extensionKeys(child, found);
    }
  }
  return found;
}

function createAjv(): Ajv2020 {
  // Strict schemas, so that a misspelt keyword or format fails loudly instead of silently validating
  // nothing. Type and tuple strictness only warn about style, so they stay off.
  const ajv = new Ajv2020({
    allErrors: true,
    strictSchema: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    allowUnionTypes: true,
  });
  // ajv-formats ships as CommonJS whose module object carries the plugin as `default`. Its formats
  // include OpenAPI's int32, int64, float, double, byte, password and binary (any string).
  ajvFormats.default(ajv);
  const annotations = new Set([
    // OpenAPI's own schema keywords, annotations only as far as validation goes.
    'discriminator',
    'example',
    'externalDocs',
    'xml',
    ...extensionKeys(openapiDocument),
    // The document's top-level fields, which ajv reads as keywords when it compiles the document as a schema.
    ...Object.keys(openapiDocument),
  ]);
  ajv.addVocabulary([...annotations]);
  ajv.addSchema(withDefaultMappings(openapiDocument), DOCUMENT_ID);
  return ajv;
}

/**
 * A copy of the document in which each union whose discriminator names an `x-defaultMapping` also takes
 * that schema for values whose discriminator is none of the mapped ones (OpenAPI 3.2's `defaultMapping`):
 * rules and connectors of types the spec does not type keep their generic shape.
 */
export function withDefaultMappings(document: OpenApiDocument): OpenApiDocument {
  const copy = structuredClone(document);
  for (const schema of Object.values(copy.components.schemas ?? {})) {
    if (typeof schema !== 'object' || !Array.isArray(schema.oneOf)) continue;
    const discriminator = schema.discriminator as
      | { propertyName?: string; mapping?: Record<string, string>; 'x-defaultMapping'?: string }
      | undefined;
    const generic = discriminator?.['x-defaultMapping'];
    if (!discriminator?.propertyName || !generic) continue;
    const property = discriminator.propertyName;
    const mapped = {
      required: [property],
      properties: { [property]: { enum: Object.keys(discriminator.mapping ?? {}) } },
    };
    schema.oneOf = [...schema.oneOf, { allOf: [{ $ref: generic }, { not: mapped }] }];
  }
  return copy;
}

let ajv: Ajv2020 | undefined;

/** A copy whose local `#/...` references name the document, wherever in it (or outside it) the schema came from. */
function anchorReferences(schema: Schema): Schema {
  if (typeof schema === 'boolean') return schema;
  const visit = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(visit);
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) =>
        key === '$ref' && typeof child === 'string' && child.startsWith('#')
          ? [key, `${DOCUMENT_ID}${child}`]
          : [key, visit(child)],
      ),
    );
  };
  return visit(schema) as Schema;
}

function describeError(error: ErrorObject): string {
  const where = error.instancePath === '' ? '(body)' : error.instancePath;
  const details = Object.keys(error.params).length > 0 ? ` ${JSON.stringify(error.params)}` : '';
  return `${where} ${error.message ?? error.keyword}${details}`;
}

/** Checks a value against the schema and returns what is wrong with it, or an empty list. */
export type Validator = (value: unknown) => string[];

const validators = new WeakMap<object, Validator>();

/**
 * A validator for a schema from the document or one written by hand; its `#/components/...` references
 * point into the document.
 */
export function validatorFor(schema: Schema): Validator {
  const key = typeof schema === 'object' ? schema : undefined;
  const cached = key && validators.get(key);
  if (cached) return cached;
  ajv ??= createAjv();
  const validate: ValidateFunction = ajv.compile(anchorReferences(schema));
  const validator: Validator = (value) => (validate(value) ? [] : (validate.errors ?? []).map(describeError));
  if (key) validators.set(key, validator);
  return validator;
}

function validateContent(
  where: string,
  content: Record<string, MediaType> | undefined,
  mediaType: string,
  body: unknown,
): string[] {
  const media = content?.[mediaType];
  if (!media) {
    const declared = Object.keys(content ?? {});
    if (body === undefined && declared.length === 0) return [];
    return [`${where} declares ${declared.length > 0 ? declared.join(', ') : 'no body'}, not ${mediaType}`];
  }
  if (media.schema === undefined) return [`${where} ${mediaType} has no schema`];
  return validatorFor(media.schema)(body);
}

/** What is wrong with `body` as the request body of the operation, or an empty list. */
export function validateRequestBody(operationId: string, body: unknown, mediaType = 'application/json'): string[] {
  const { operation } = findOperation(operationId);
  if (!operation.requestBody) return body === undefined ? [] : [`${operationId} takes no request body`];
  const requestBody = resolve(operation.requestBody);
  if (body === undefined) return requestBody.required ? [`${operationId} requires a request body`] : [];
  return validateContent(`${operationId} request`, requestBody.content, mediaType, body);
}

/**
 * What is wrong with `body` as the operation's response with this status, or an empty list. A status the
 * operation does not declare is wrong unless a `NXX` range or `default` response covers it.
 */
export function validateResponse(
  operationId: string,
  status: number,
  body: unknown,
  mediaType = 'application/json',
): string[] {
  const { operation } = findOperation(operationId);
  const responses = operation.responses ?? {};
  const declared = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
  if (!declared) return [`${operationId} declares no ${status} response`];
  return validateContent(`${operationId} ${status}`, resolve(declared).content, mediaType, body);
}
