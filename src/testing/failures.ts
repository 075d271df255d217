// Failures a test injects with `mock.fail`: the next calls of an operation answer a Kibana error
// instead of running, then the operation works again.
import type { OperationId } from '../types.js';
import { KibanaHttpError, errorResponse } from './respond.js';
import { specOperations } from './spec.js';

/** Options of {@link KibanaMock.fail}. */
export interface KibanaMockFailure {
  /** The status to answer, from 400 to 599. Default 500. */
  status?: number;
  /** How many of the next calls fail. Default 1. */
  times?: number;
  /** The error body's `message`. Default: the status's reason phrase. */
  message?: string;
  /** Sent as `Retry-After`: a number of seconds, or a date. Default: no `Retry-After`. */
  retryAfter?: number | Date;
}

interface Pending {
  error: KibanaHttpError;
  headers: Record<string, string>;
  left: number;
}

function checked(operationId: string, options: KibanaMockFailure): Pending {
  const where = 'mock.fail';
  if (!specOperations().some((operation) => operation.operationId === operationId))
    throw new TypeError(`${where}: unknown operationId ${JSON.stringify(operationId)}`);
  const { status = 500, times = 1, message, retryAfter } = options;
  if (!Number.isInteger(status) || status < 400 || status > 599)
    throw new TypeError(`${where}: status must be a whole number from 400 to 599, got ${JSON.stringify(status)}`);
  if (!Number.isInteger(times) || times < 1)
    throw new TypeError(`${where}: times must be a whole number of at least 1, got ${JSON.stringify(times)}`);
  if (message !== undefined && typeof message !== 'string')
    throw new TypeError(`${where}: message must be a string, got ${typeof message}`);
  const headers: Record<string, string> = {};
  if (retryAfter instanceof Date) {
    if (Number.isNaN(retryAfter.getTime())) throw new TypeError(`${where}: retryAfter is an invalid Date`);
    headers['retry-after'] = retryAfter.toUTCString();
  } else if (retryAfter !== undefined) {
    if (!Number.isInteger(retryAfter) || retryAfter < 0)
      throw new TypeError(
        `${where}: retryAfter must be a whole number of seconds (0 or more) or a Date, got ${JSON.stringify(retryAfter)}`,
      );
    headers['retry-after'] = String(retryAfter);
  }
  return { error: new KibanaHttpError(status, message), headers, left: times };
}

/** The failures waiting, per operation, in the order they were asked for. */
export class Failures {
  readonly #pending = new Map<string, Pending[]>();

  /** Queues `times` failures of `operationId`, after any already waiting. */
  add(operationId: OperationId, options: KibanaMockFailure): void {
    const pending = checked(operationId, options);
    const queue = this.#pending.get(operationId) ?? [];
    queue.push(pending);
    this.#pending.set(operationId, queue);
  }

  /** The answer for this call of `operationId` when a failure is waiting for it (and counts it off). */
  take(operationId: OperationId): Response | undefined {
    const queue = this.#pending.get(operationId);
    const next = queue?.[0];
    if (!queue || !next) return undefined;
    next.left--;
    if (next.left === 0) queue.shift();
    return errorResponse(next.error, next.headers);
  }

  /** Drops every waiting failure. */
  clear(): void {
    this.#pending.clear();
  }
}
