// The OpenAPI document the mock serves, read once through the project's one reader: which operations
// exist, where, and with what parameters and bodies.
import {
  readOperations,
  resolveRef,
  type OpenApiDocument,
  type SpecOperation as ReadOperation,
} from '../openapi/read.js';
import type { OperationId } from '../types.js';
import { externals } from './externals.js';

export type { JsonSchema, SpecMethod, SpecParameter } from '../openapi/read.js';

/** One operation as the mock needs it. */
export interface SpecOperation extends ReadOperation {
  operationId: OperationId;
}

/** The whole document, for the schema validator (its `#/components/...` references point into it). */
export const openApiDocument: OpenApiDocument = externals.openApiDocument;

let operations: SpecOperation[] | undefined;

/** Every operation of the spec. */
export function specOperations(): readonly SpecOperation[] {
  operations ??= readOperations(openApiDocument) as SpecOperation[];
  return operations;
}

/** A documented example value, for seeds built from the documentation. */
export function specExample(
  path: string,
  method: 'get' | 'put' | 'post' | 'delete' | 'patch',
  name: string,
  status = '200',
): unknown {
  const operation = openApiDocument.paths[path]?.[method];
  const response = operation?.responses?.[status];
  const content = response === undefined ? undefined : resolveRef(openApiDocument, response).content;
  const example = content?.['application/json']?.examples?.[name];
  const value = example === undefined ? undefined : resolveRef(openApiDocument, example).value;
  if (value === undefined)
    throw new Error(`the spec has no example ${name} for ${method.toUpperCase()} ${path} ${status}`);
  return structuredClone(value);
}
