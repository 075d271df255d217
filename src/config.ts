import { checkHeaders } from './headers.js';
import { authorizationHeader, type KibanaAuth } from './auth.js';
import { kibanaUrlFromCloudId } from './cloud.js';
import { describe } from './describe.js';
import { ConfigurationError, optionProblem, type Problem } from './errors.js';
import type { Platform } from './platform.js';
import { DEFAULT_RETRY, type RetryOptions, type RetryPolicy } from './retry.js';

/** TLS settings for the connection to Kibana (Node only). PEM text or bytes. */
export interface TlsOptions {
  /** Certificate authorities to trust. */
  ca?: string | Uint8Array | Array<string | Uint8Array>;
  /** Client certificate (mutual TLS). */
  cert?: string | Uint8Array;
  /** Client private key (mutual TLS). */
  key?: string | Uint8Array;
  /** Verify the server certificate. Default `true`; turn it off only for local experiments. */
  rejectUnauthorized?: boolean;
  /** Host name for SNI and the certificate check, when it differs from the URL's. */
  servername?: string;
}

/** Options of {@link KibanaClient}. Only `auth` and one of `url` or `cloud` are required. */
export interface KibanaClientOptions {
  /** Kibana's base URL, with its base path if it has one: `https://host:5601` or `https://host/kibana`. */
  url?: string;
  /** An Elastic Cloud deployment; its Kibana URL is derived from the Cloud ID. Use instead of `url`. */
  cloud?: { id: string };
  /** The credentials sent with every request. */
  auth: KibanaAuth;
  /** The space every call goes to unless the call names another. Default: the default space. */
  space?: string;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /**
   * Milliseconds one attempt may take, from sending the request until the whole body is read (one
   * budget for headers and body together; each retry gets a new one). Default 30 000.
   */
  requestTimeout?: number;
  /** How many times a failed request may be retried. Default 3. */
  maxRetries?: number;
  /** Backoff settings for retries. */
  retry?: RetryOptions;
  /** The largest response body read, in bytes. Default 32 MiB. */
  maxResponseSize?: number;
  /**
   * `'fetch'` (the default) sends through `fetch`, which msw and other interceptors see.
   * `'undici'` (Node only) sends through a keep-alive undici pool: the fastest path, and the one that
   * honours `tls`, `caFingerprint`, `proxy` and `connections` (setting any of them selects it).
   * Not under Bun, whose own undici does not work with it: there, use `'fetch'`.
   */
  transport?: 'fetch' | 'undici';
  /** A `fetch` implementation to use instead of `globalThis.fetch` (the `'fetch'` transport). */
  fetch?: typeof globalThis.fetch;
  /** Node only: TLS settings (trusted CAs, client certificate). */
  tls?: TlsOptions;
  /** Node only: the SHA-256 fingerprint of a CA certificate to pin, hex with or without colons. */
  caFingerprint?: string;
  /** Node only: an HTTP(S) proxy URL. */
  proxy?: string;
  /** Node only: the most keep-alive connections kept open to Kibana. Default 256. */
  connections?: number;
  /**
   * The most calls in flight at once, for this client and every client derived from it (space and
   * `withOptions` clients); the others wait in order. A waiting call still honours its `signal`, and its
   * `requestTimeout` starts once it is sent. Default: no limit.
   */
  maxConcurrency?: number;
}

/** The options only the undici transport honours, so only the Node entry. */
export const NODE_ONLY = ['tls', 'caFingerprint', 'proxy', 'connections'] as const;

const OPTION_NAMES = new Set<string>([
  'url',
  'cloud',
  'auth',
  'space',
  'headers',
  'requestTimeout',
  'maxRetries',
  'retry',
  'maxResponseSize',
  'transport',
  'fetch',
  ...NODE_ONLY,
  'maxConcurrency',
]);

/** The undici transport's settings, from the Node-only options. */
export interface UndiciSettings {
  tls: TlsOptions | undefined;
  caFingerprint: string | undefined;
  proxy: string | undefined;
  connections: number;
}

/** Settings resolved once per client; every request reads them without further work. */
interface CommonConfig {
  /** `https://host:port`. */
  origin: string;
  /** Base path without a trailing slash, `''` when Kibana is served at the root. */
  basePath: string;
  /** The headers every request carries: authorization, user agent, custom headers. */
  headers: Readonly<Record<string, string>>;
  requestTimeout: number;
  maxRetries: number;
  retry: RetryPolicy;
  maxResponseSize: number;
  fetch: typeof globalThis.fetch | undefined;
  /** `undefined` when calls are not limited. */
  maxConcurrency: number | undefined;
}

/** A client's resolved settings; the undici transport's come with it, the fetch transport needs none. */
export type ResolvedConfig = Readonly<
  CommonConfig & ({ transport: 'fetch' } | ({ transport: 'undici' } & UndiciSettings))
>;

/** The resolved settings of a client on the undici transport. */
export type UndiciConfig = Extract<ResolvedConfig, { transport: 'undici' }>;

/** A whole number within bounds; names the option and the value it got. */
export function checkInteger(
  option: string,
  value: unknown,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
  fail: Problem = optionProblem,
): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw fail(
      option,
      `expected a whole number from ${min}${max === Number.MAX_SAFE_INTEGER ? '' : ` to ${max}`}, got ${describe(value)}`,
    );
  }
  return value;
}

/** A `requestTimeout` in milliseconds, as the client, `withOptions` and each call take it. */
export function checkRequestTimeout(option: string, value: unknown, fail: Problem = optionProblem): number {
  return checkInteger(option, value, 1, undefined, fail);
}

/** A `maxRetries`, as the client, `withOptions` and each call take it. */
export function checkMaxRetries(option: string, value: unknown, fail: Problem = optionProblem): number {
  return checkInteger(option, value, 0, 100, fail);
}

/**
 * The URL text for an error message, with everything before its last `@` masked: in a URL that does
 * not parse, a password may hold `/`, `?` or `@` unencoded, so only the last `@` surely ends it.
 */
function withoutCredentials(text: string): string {
  const at = text.lastIndexOf('@');
  if (at === -1) return text;
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(text)?.[0] ?? '';
  return `${scheme}***@${text.slice(at + 1)}`;
}

function resolveUrl(options: KibanaClientOptions): { origin: string; basePath: string; credentials?: KibanaAuth } {
  if (options.url !== undefined && options.cloud !== undefined)
    throw new ConfigurationError('url', 'give either url or cloud, not both');
  let text: unknown = options.url;
  let option = 'url';
  if (options.cloud !== undefined) {
    if (typeof options.cloud !== 'object' || options.cloud === null)
      throw new ConfigurationError('cloud', 'expected { id }');
    text = kibanaUrlFromCloudId(options.cloud.id);
    option = 'cloud.id';
  }
  if (text === undefined) throw new ConfigurationError('url', "is required (Kibana's base URL), or give cloud: { id }");
  if (typeof text !== 'string') throw new ConfigurationError('url', `expected a string, got ${describe(text)}`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigurationError(option, `${JSON.stringify(withoutCredentials(text))} is not an absolute URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ConfigurationError(option, `expected an http: or https: URL, got ${url.protocol}`);
  if (url.search || url.hash) throw new ConfigurationError(option, 'must not have a query string or fragment');
  const credentials =
    url.username || url.password
      ? { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) }
      : undefined;
  return { origin: url.origin, basePath: url.pathname.replace(/\/+$/, ''), ...(credentials ? { credentials } : {}) };
}

/** The `retry` option, checked; fields it leaves out come from `base`. */
export function resolveRetry(retry: unknown, base: RetryPolicy = DEFAULT_RETRY): RetryPolicy {
  if (retry === undefined) return base;
  if (typeof retry !== 'object' || retry === null)
    throw new ConfigurationError('retry', `expected an object, got ${describe(retry)}`);
  const given = retry as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (!(key in DEFAULT_RETRY))
      throw new ConfigurationError(`retry.${key}`, 'is not a retry option (initialDelay, maxDelay, maxRetryAfter)');
  }
  const pick = (key: keyof RetryPolicy) =>
    given[key] === undefined ? base[key] : checkInteger(`retry.${key}`, given[key], 0);
  return Object.freeze({
    initialDelay: pick('initialDelay'),
    maxDelay: pick('maxDelay'),
    maxRetryAfter: pick('maxRetryAfter'),
  });
}

/** A `fetch` option: a function when given. */
export function checkFetch(fetch: unknown): void {
  if (fetch !== undefined && typeof fetch !== 'function')
    throw new ConfigurationError('fetch', `expected a function, got ${describe(fetch)}`);
}

/**
 * The browser entry's answer to the Node-only options: they need the undici transport, which only the
 * Node entry has, so each is refused by name before anything else about the transport is checked.
 */
function fetchOnly(options: KibanaClientOptions): 'fetch' {
  const nodeOnly =
    NODE_ONLY.find((key) => options[key] !== undefined) ?? (options.transport === 'undici' && 'transport');
  if (nodeOnly)
    throw new ConfigurationError(
      nodeOnly,
      'the undici transport exists only in Node (the "node" export of kibana-sdk)',
    );
  checkFetch(options.fetch);
  return 'fetch';
}

/**
 * Checks every option and resolves what requests need, once. Errors name the option; a credential's
 * value is never part of the message.
 */
export function resolveConfig(options: KibanaClientOptions, platform: Platform): ResolvedConfig {
  if (typeof options !== 'object' || options === null)
    throw new ConfigurationError('options', 'expected an object with at least url (or cloud) and auth');
  for (const key of Object.keys(options)) {
    if (!OPTION_NAMES.has(key))
      throw new ConfigurationError(key, `is not a KibanaClient option (known: ${[...OPTION_NAMES].join(', ')})`);
  }
  const { origin, basePath, credentials } = resolveUrl(options);
  if (credentials && options.auth !== undefined)
    throw new ConfigurationError('url', 'has credentials in it and auth is also given; keep credentials in auth only');
  const auth = options.auth ?? credentials;
  if (auth === undefined)
    throw new ConfigurationError('auth', 'is required: { apiKey }, { username, password } or { bearer }');

  const headers: Record<string, string> = {
    ...(options.headers === undefined ? undefined : checkHeaders(options.headers)),
    authorization: authorizationHeader(auth),
  };
  if (platform.userAgent && !('user-agent' in headers)) headers['user-agent'] = platform.userAgent;

  if (options.transport !== undefined && options.transport !== 'fetch' && options.transport !== 'undici')
    throw new ConfigurationError('transport', `expected "fetch" or "undici", got ${describe(options.transport)}`);
  const node = platform.nodeOptions;
  const transport = node ? node.transport(options, origin) : fetchOnly(options);

  return Object.freeze({
    origin,
    basePath,
    headers: Object.freeze(headers),
    requestTimeout:
      options.requestTimeout === undefined ? 30_000 : checkRequestTimeout('requestTimeout', options.requestTimeout),
    maxRetries: options.maxRetries === undefined ? 3 : checkMaxRetries('maxRetries', options.maxRetries),
    retry: resolveRetry(options.retry),
    maxResponseSize:
      options.maxResponseSize === undefined
        ? 32 * 1024 * 1024
        : checkInteger('maxResponseSize', options.maxResponseSize, 1),
    fetch: options.fetch,
    ...(transport === 'undici' && node
      ? { transport, ...node.undiciSettings(options) }
      : { transport: 'fetch' as const }),
    maxConcurrency:
      options.maxConcurrency === undefined ? undefined : checkInteger('maxConcurrency', options.maxConcurrency, 1),
  });
}
