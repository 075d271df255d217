// The mock itself: state plus handlers, and its options.
import type { HttpHandler } from 'msw';
import { authorizationHeader, type KibanaAuth } from '../auth.js';
import type { OperationId } from '../types.js';
import { Failures, type KibanaMockFailure } from './failures.js';
import { type KibanaMockRequest, RequestLog } from './request-log.js';
import { createHandlers } from './router.js';
import { defaultSeed, type KibanaMockSeed } from './seed.js';
import { MockState } from './state.js';

/** Options of {@link createKibanaMock}. */
export interface KibanaMockOptions {
  /** The Kibana base URL to serve, with its base path if any. Default `http://localhost:5601`. */
  url?: string;
  /**
   * The only credentials to accept, in the client's `auth` shape. Default: any non-empty ApiKey,
   * Basic (user and password) or Bearer credentials.
   */
  auth?: KibanaAuth;
  /** What the mock starts with and `reset()` returns to. Default: {@link defaultSeed}. */
  seed?: KibanaMockSeed;
}

/** A mock Kibana. */
export interface KibanaMock {
  /** The base URL it serves (no trailing slash). */
  readonly url: string;
  /** msw handlers for every operation, at `url` and under `url/s/<space>`. */
  readonly handlers: HttpHandler[];
  /**
   * The requests the mock received, oldest first: each with its `operationId`, `method`, `path` (as
   * sent, with the space prefix), `space`, typed `query` and parsed `body`. No headers, so never
   * credentials. A new array on each read.
   *
   * @example
   * ```ts
   * await kibana.space('ops').cases.create(newCase);
   * expect(mock.requests.at(-1)).toMatchObject({
   *   operationId: 'createCase',
   *   method: 'POST',
   *   path: '/s/ops/api/cases',
   *   body: { title: 'Disk full' },
   * });
   * ```
   */
  readonly requests: readonly KibanaMockRequest[];
  /**
   * Makes the next `times` calls (default 1) of `operationId` answer a Kibana error instead:
   * `{ statusCode, error, message }` with `status` (default 500), and `Retry-After` when `retryAfter` is
   * given. The calls are logged in {@link KibanaMock.requests}; after them the operation works again.
   * Failures asked for the same operation queue up. Bad options throw a `TypeError` naming the option.
   *
   * @example
   * ```ts
   * mock.fail('getCase', { status: 503, times: 2, retryAfter: 1 });
   * ```
   */
  fail(operationId: OperationId, options?: KibanaMockFailure): void;
  /** Forgets every change, every logged request and every waiting failure: back to the seed. */
  reset(): void;
}

function baseUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`createKibanaMock: url must be an absolute http(s) URL, got ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new TypeError(`createKibanaMock: url must be http or https, got ${parsed.protocol}`);
  if (parsed.search || parsed.hash) throw new TypeError('createKibanaMock: url must not have a query or a fragment');
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
}

/**
 * Creates a mock Kibana: msw handlers over an in-memory state.
 *
 * @example
 * ```ts
 * const mock = createKibanaMock({ url: 'https://kibana.test/kibana', auth: { apiKey: 'test-key' } });
 * server.use(...mock.handlers);
 * ```
 */
export function createKibanaMock(options: KibanaMockOptions = {}): KibanaMock {
  const url = baseUrl(options.url ?? 'http://localhost:5601');
  // Checks the credentials' shape now, not at the first request.
  if (options.auth !== undefined) authorizationHeader(options.auth);
  const state = new MockState(options.seed ?? defaultSeed());
  const log = new RequestLog();
  const failures = new Failures();
  const handlers = createHandlers({ baseUrl: url, auth: options.auth, state, log, failures });
  return {
    url,
    handlers,
    get requests() {
      return log.entries;
    },
    fail: (operationId, failure = {}) => failures.add(operationId, failure),
    reset() {
      state.reset();
      log.clear();
      failures.clear();
    },
  };
}
