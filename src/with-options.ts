import { checkMaxRetries, checkRequestTimeout, resolveRetry } from './config.js';
import { checkHeaders } from './headers.js';
import { ConfigurationError } from './errors.js';
import type { RetryOptions } from './retry.js';
import type { CallSettings } from './client-settings.js';

/** What {@link KibanaClient.withOptions} may change for the client it returns. */
export interface WithOptions {
  /** Headers added to (or replacing, by name) the parent's headers, under the rules of the `headers` option. */
  headers?: Record<string, string>;
  /** Milliseconds one attempt may take, response headers and body together. */
  requestTimeout?: number;
  /** How many times a failed request may be retried. */
  maxRetries?: number;
  /** Backoff settings; the fields left out keep the parent's values. */
  retry?: RetryOptions;
}

const WITH_OPTIONS = new Set<string>(['headers', 'requestTimeout', 'maxRetries', 'retry']);

/** The parent's settings with `options` applied, each checked as the constructor checks it. */
export function deriveSettings(parent: CallSettings, options: unknown): CallSettings {
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new ConfigurationError('options', 'expected an object of headers, requestTimeout, maxRetries or retry');
  const given: WithOptions = options;
  for (const key of Object.keys(given)) {
    if (!WITH_OPTIONS.has(key))
      throw new ConfigurationError(key, `is not a withOptions option (known: ${[...WITH_OPTIONS].join(', ')})`);
  }
  return {
    headers:
      given.headers === undefined
        ? parent.headers
        : Object.freeze({ ...parent.headers, ...checkHeaders(given.headers) }),
    requestTimeout:
      given.requestTimeout === undefined
        ? parent.requestTimeout
        : checkRequestTimeout('requestTimeout', given.requestTimeout),
    maxRetries: given.maxRetries === undefined ? parent.maxRetries : checkMaxRetries('maxRetries', given.maxRetries),
    retry: resolveRetry(given.retry, parent.retry),
  };
}
