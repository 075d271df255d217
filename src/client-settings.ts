import { operationTable } from '../generated/operations.js';
import { prepareOperation, type PreparedOperation } from './call.js';
import type { KibanaClient } from './client.js';
import type { OperationFacts } from './openapi/facts.js';
import type { RetryPolicy } from './retry.js';
import type { OperationId } from './types.js';

type Table = Record<OperationId, OperationFacts>;

/** The settings `withOptions` may change; everything else a derived client shares with its parent. */
export interface CallSettings {
  /** The headers every call carries: authorization, user agent, custom headers (names lower case). */
  readonly headers: Readonly<Record<string, string>>;
  readonly requestTimeout: number;
  readonly maxRetries: number;
  readonly retry: RetryPolicy;
}

/**
 * The call settings of a client and of the space clients made from it, with what is derived from
 * them once: each operation's headers, and the space clients themselves (so `space(id)` answers the
 * same instance). A `withOptions` client gets its own.
 */
export class ClientSettings implements CallSettings {
  readonly headers: Readonly<Record<string, string>>;
  readonly requestTimeout: number;
  readonly maxRetries: number;
  readonly retry: RetryPolicy;
  /** Space clients by space id. */
  readonly scoped = new Map<string, KibanaClient>();
  readonly #operations = new Map<string, PreparedOperation>();

  constructor(settings: CallSettings) {
    this.headers = settings.headers;
    this.requestTimeout = settings.requestTimeout;
    this.maxRetries = settings.maxRetries;
    this.retry = settings.retry;
  }

  /** The operation `id`, prepared for these settings once. */
  operation(id: OperationId): PreparedOperation {
    let prepared = this.#operations.get(id);
    if (prepared === undefined) {
      prepared = prepareOperation((operationTable as Table)[id], this.headers);
      this.#operations.set(id, prepared);
    }
    return prepared;
  }
}
