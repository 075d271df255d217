import { authorizationHeader } from './auth.js';
import { ArgumentError, argumentProblem } from './errors.js';
import { kindOf } from './describe.js';
import { checkHeaders } from './headers.js';

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

/** A plain object, or an ArgumentError naming `argument`. */
export function checkObject(argument: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ArgumentError(argument, `expected an object, got ${kindOf(value)}`);
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

/** Names the first missing required field of a JSON body, so Kibana's 400 is never the first to say it. */
export function checkRequiredFields(body: unknown, required: readonly string[]): void {
  const object = checkObject('body', body);
  for (const field of required) {
    if (object[field] === undefined) throw new ArgumentError(`body.${field}`, 'is required');
  }
}

/**
 * The call's own headers, under the rules of the `headers` option, with its `auth` (if any) as the
 * Authorization header, which replaces the client's credentials for this call only. Bad credentials
 * are named by field, never quoted.
 */
export function checkCallHeadersAndAuth(headers: unknown, auth: unknown): Record<string, string> | undefined {
  const checked = headers === undefined ? undefined : checkHeaders(headers, 'options.headers', argumentProblem);
  if (auth === undefined) return checked;
  const authorization = authorizationHeader(auth, 'options.auth', argumentProblem);
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
    throw new ArgumentError('options.signal', `expected an AbortSignal, got ${kindOf(signal)}`);
  }
  return signal as AbortSignal;
}
