import { ConnectionError, ResponseError, type KibanaError } from './errors.js';
import { parseRetryAfter } from './retry-after.js';

/** How failed requests are retried. All delays in milliseconds. */
export interface RetryOptions {
  /** The first backoff ceiling; each retry doubles it. Default 500. */
  initialDelay?: number;
  /** The largest backoff ceiling. Default 10 000. */
  maxDelay?: number;
  /**
   * The longest `Retry-After` the client waits for. A longer one ends the retries at once, so a
   * caller is never parked for minutes without asking for it. Default 60 000 (Kibana asks for 30 s
   * while starting).
   */
  maxRetryAfter?: number;
}

export interface RetryPolicy {
  readonly initialDelay: number;
  readonly maxDelay: number;
  readonly maxRetryAfter: number;
}

export const DEFAULT_RETRY: RetryPolicy = Object.freeze({ initialDelay: 500, maxDelay: 10_000, maxRetryAfter: 60_000 });

const RETRY_STATUSES = new Set([429, 502, 503, 504]);

/** Whether the failure is one that another attempt may cure. Timeouts are not: they already waited. */
export function isRetryable(error: KibanaError): boolean {
  if (error instanceof ResponseError) return RETRY_STATUSES.has(error.statusCode);
  return error instanceof ConnectionError;
}

/**
 * The wait before retry number `attempt` (1-based): the server's `Retry-After` when it gave one,
 * otherwise exponential backoff with full jitter. `undefined` means do not retry: the server asked
 * for a longer wait than `maxRetryAfter` allows.
 */
export function retryDelay(
  policy: RetryPolicy,
  attempt: number,
  error: KibanaError,
  random = Math.random,
): number | undefined {
  const retryAfter = error instanceof ResponseError ? parseRetryAfter(error.headers['retry-after']) : undefined;
  if (retryAfter !== undefined) return retryAfter <= policy.maxRetryAfter ? retryAfter : undefined;
  const ceiling = Math.min(policy.maxDelay, policy.initialDelay * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

/** Waits `ms`, or rejects as soon as `signal` aborts; the timer never outlives the wait. */
export function sleep(ms: number, signal: AbortSignal | undefined, abortError: () => KibanaError): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortError());
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
