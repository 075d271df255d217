import type { SpecMethod } from './read.js';

/**
 * What the client knows of one operation at run time. `npm run generate` writes one per operation
 * into `generated/operations.ts`, the only place any code learns these facts. Flags and lists that
 * would be empty or false are left out, which keeps the browser bundle small.
 */
export interface OperationFacts {
  readonly method: SpecMethod;
  /** The path template, e.g. `/api/cases/{caseId}`. */
  readonly path: string;
  /** The names of the path template's parameters, in template order. */
  readonly pathParams?: readonly string[];
  /** The `elastic-api-version` header the operation requires. */
  readonly apiVersion?: string;
  /** The top-level fields a JSON body must have, named before sending when one is missing. */
  readonly requiredBody?: readonly string[];
  /** GET, PUT and DELETE: safe to send again after a connection error, 429, 502, 503 or 504. */
  readonly idempotent?: true;
  /** The success answer has no body (204). */
  readonly emptyResponse?: true;
  /** Query parameters Kibana reads as one JSON value (`ids=["a","b"]`) rather than repeated keys. */
  readonly jsonQuery?: readonly string[];
}
