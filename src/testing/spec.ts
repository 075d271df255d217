// The OpenAPI document the mock serves, read once: which operations exist, where, and with what
// parameters and bodies. Imported as JSON so that a bundler inlines it and no file access is needed.
import document from '../../generated/kibana.openapi.json' with { type: 'json' };
import type { OperationId } from '../types.js';

/** The HTTP methods of the spec, lower case as OpenAPI writes them. */
export type SpecMethod = 'get' | 'put' | 'post' | 'delete' | 'patch';

/** A JSON Schema from the document, references unresolved. */
export type JsonSchema = boolean | { [keyword: string]: unknown };

/** A parameter of an operation, references resolved. */
export interface SpecParameter {
  name: string;
  in: 'query' | 'header' | 'path' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
  content?: Record<string, { schema?: JsonSchema }>;
}

/** One operation as the mock needs it. */
export interface SpecOperation {
  operationId: OperationId;
  method: SpecMethod;
  /** The path template, e.g. `/api/cases/{caseId}`. */
  path: string;
  parameters: SpecParameter[];
  requestBody: { required: boolean; mediaType: string; schema: JsonSchema } | undefined;
  /** The `elastic-api-version` the operation requires, when it declares the header. */
  apiVersion: string | undefined;
  /** 200 when the operation answers a body, 204 when it answers nothing. */
  successStatus: 200 | 204;
}

interface RawOperation {
  operationId?: string;
  parameters?: unknown[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
}

/** The whole document, for the schema validator (its `#/components/...` references point into it). */
export const openApiDocument = document as unknown as { paths: Record<string, Record<string, unknown>>; components: Record<string, Record<string, unknown>> };

const METHODS: readonly SpecMethod[] = ['get', 'put', 'post', 'delete', 'patch'];

function resolve<T>(value: unknown): T {
  let current = value;
  for (let depth = 0; typeof current === 'object' && current !== null && typeof (current as { $ref?: unknown }).$ref === 'string'; depth++) {
    if (depth > 20) throw new Error('reference chain too long in the OpenAPI document');
    let target: unknown = openApiDocument;
    for (const token of (current as { $ref: string }).$ref.slice(2).split('/')) {
      target = (target as Record<string, unknown>)[token.replaceAll('~1', '/').replaceAll('~0', '~')];
    }
    current = target;
  }
  return current as T;
}

function readOperations(): SpecOperation[] {
  const found: SpecOperation[] = [];
  for (const [path, item] of Object.entries(openApiDocument.paths)) {
    for (const method of METHODS) {
      const operation = item[method] as RawOperation | undefined;
      if (!operation?.operationId) continue;
      const parameters = [...((item.parameters as unknown[] | undefined) ?? []), ...(operation.parameters ?? [])].map((p) => resolve<SpecParameter>(p));
      const rawBody = operation.requestBody === undefined ? undefined : resolve<{ required?: boolean; content: Record<string, { schema: JsonSchema }> }>(operation.requestBody);
      const bodyEntry = rawBody ? Object.entries(rawBody.content)[0] : undefined;
      const versionHeader = parameters.find((p) => p.in === 'header' && p.name.toLowerCase() === 'elastic-api-version');
      const versionSchema = versionHeader?.schema as { enum?: string[]; default?: string } | undefined;
      found.push({
        operationId: operation.operationId as OperationId,
        method,
        path,
        parameters,
        requestBody: bodyEntry ? { required: rawBody?.required === true, mediaType: bodyEntry[0], schema: bodyEntry[1].schema } : undefined,
        apiVersion: versionHeader ? (versionSchema?.enum?.[0] ?? versionSchema?.default) : undefined,
        successStatus: operation.responses && '200' in operation.responses ? 200 : 204,
      });
    }
  }
  return found;
}

let operations: SpecOperation[] | undefined;

/** Every operation of the spec. */
export function specOperations(): readonly SpecOperation[] {
  operations ??= readOperations();
  return operations;
}

/** A documented example value, for seeds built from the documentation. */
export function specExample(path: string, method: SpecMethod, name: string, status = '200'): unknown {
  const operation = openApiDocument.paths[path]?.[method] as RawOperation | undefined;
  const response = resolve<{ content?: Record<string, { examples?: Record<string, unknown> }> }>(operation?.responses?.[status]);
  const example = resolve<{ value?: unknown } | undefined>(response?.content?.['application/json']?.examples?.[name]);
  if (example?.value === undefined) throw new Error(`the spec has no example ${name} for ${method.toUpperCase()} ${path} ${status}`);
  return structuredClone(example.value);
}
