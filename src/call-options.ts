import { authorizationHeader, headerValueProblem } from './auth.js';
import { checkInteger } from './config.js';
import { ArgumentError, KibanaError } from './errors.js';
import { RESERVED_HEADERS } from './headers.js';

/** The keys `CallOptions` may have, so a misspelt option is an error rather than ignored. */
const CALL_OPTIONS = new Set<string>([
  'signal',
  'requestTimeout',
  'maxRetries',
  'space',
  'retryNonIdempotent',
  'headers',
  'auth',
]);

/** Says what a value is in an error message, without quoting it (it may be a secret). */
export function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}

/** A plain object, or an ArgumentError naming `argument`. */
export function checkObject(argument: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ArgumentError(argument, `expected an object, got ${describe(value)}`);
  return value as Record<string, unknown>;
}

/** Refuses keys that are no call option, naming the first. */
export function checkOptionKeys(options: Record<string, unknown>, extra?: ReadonlySet<string>): void {
  for (const key in options) {
    if (!CALL_OPTIONS.has(key) && !extra?.has(key)) {
      const known = [...CALL_OPTIONS, ...(extra ?? [])].join(', ');
      throw new ArgumentError(`options.${key}`, `is not a call option (known: ${known})`);
    }
  }
}

export function checkCallInteger(argument: string, value: unknown, min: number, max?: number): number {
  try {
    return checkInteger(argument, value, min, max);
  } catch (error) {
    if (error instanceof KibanaError)
      throw new ArgumentError(argument, error.message.replace(/^Invalid option [^:]+: /, ''));
    throw error;
  }
}

/** Names the first missing required field of a JSON body, so Kibana's 400 is never the first to say it. */
export function checkRequiredFields(body: unknown, required: readonly string[]): void {
  const object = checkObject('body', body);
  for (const field of required) {
    if (object[field] === undefined) throw new ArgumentError(`body.${field}`, 'is required');
  }
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Per-call headers under the rules of the `headers` client option, so a bad one is an ArgumentError
 * naming it rather than a TypeError or ConnectionError from the transport (whose message quotes the
 * value). Names come back lower-cased, so they replace the client's headers of the same name.
 */
export function checkCallHeaders(headers: unknown): Record<string, string> | undefined {
  if (headers === undefined) return undefined;
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
    throw new ArgumentError(
      'options.headers',
      `expected an object of header names to strings, got ${describe(headers)}`,
    );
  }
  const checked: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const argument = `options.headers[${JSON.stringify(name)}]`;
    if (!HEADER_NAME.test(name)) throw new ArgumentError(argument, 'is not a valid header name');
    const lower = name.toLowerCase();
    if (RESERVED_HEADERS.has(lower))
      throw new ArgumentError(argument, 'is set by the client itself (use the auth option for credentials)');
    if (typeof value !== 'string') throw new ArgumentError(argument, `expected a string, got ${describe(value)}`);
    const problem = headerValueProblem(value);
    if (problem) throw new ArgumentError(argument, problem);
    checked[lower] = value;
  }
  return checked;
}

/**
 * The call's own headers with its `auth` (if any) as the Authorization header, which replaces the
 * client's credentials for this call only. Bad credentials are named by field, never quoted.
 */
export function checkCallHeadersAndAuth(headers: unknown, auth: unknown): Record<string, string> | undefined {
  const checked = checkCallHeaders(headers);
  if (auth === undefined) return checked;
  const authorization = authorizationHeader(
    auth,
    'options.auth',
    (field, problem) => new ArgumentError(field, problem),
  );
  return { ...checked, authorization };
}

export function checkSignal(signal: unknown): AbortSignal | undefined {
  if (signal === undefined) return undefined;
  const candidate = signal as Partial<AbortSignal> | null;
  if (
    typeof candidate !== 'object' ||
    candidate === null ||
    typeof candidate.aborted !== 'boolean' ||
    typeof candidate.addEventListener !== 'function'
  ) {
    throw new ArgumentError('options.signal', `expected an AbortSignal, got ${describe(signal)}`);
  }
  return signal as AbortSignal;
}
