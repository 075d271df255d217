import { base64Utf8 } from './base64.js';
import { optionProblem, type Problem } from './errors.js';

/**
 * How the client authenticates. Exactly one form:
 * - `{ apiKey: 'base64...' }`: an already encoded API key (the `encoded` value Elasticsearch returns);
 * - `{ apiKey: { id, api_key } }`: the two parts, encoded for you;
 * - `{ username, password }`: Basic authentication;
 * - `{ bearer: 'token' }`: a bearer token (for example an OAuth or service token).
 */
export type KibanaAuth =
  | { apiKey: string | { id: string; api_key: string } }
  | { username: string; password: string }
  | { bearer: string };

/** Control characters (tab aside) and anything past Latin-1: neither can travel in an HTTP header value. */
const UNSENDABLE = /[\u0000-\u0008\u000a-\u001f\u007f]|[^\u0000-\u00ff]/;

/**
 * Why `value` cannot be sent as a header value, or undefined when it can. Checked up front because
 * the transports' own errors quote the whole header, which for a credential is the secret itself.
 */
export function headerValueProblem(value: string): string | undefined {
  return UNSENDABLE.test(value)
    ? 'contains line breaks, control characters or characters beyond Latin-1, which cannot be sent in an HTTP header'
    : undefined;
}

/**
 * The `Authorization` header value for `auth`, whose fields are named `${name}.bearer` and so on in
 * errors. Problems are reported by field name only: a credential's value is never echoed into an error.
 */
export function authorizationHeader(auth: unknown, name = 'auth', fail: Problem = optionProblem): string {
  const text = (field: string, value: unknown): string => {
    if (typeof value !== 'string')
      throw fail(`${name}${field}`, `expected a string, got ${value === null ? 'null' : typeof value}`);
    if (value.length === 0) throw fail(`${name}${field}`, 'must not be empty');
    return value;
  };
  // A credential goes as it is in the Authorization header; a key file read with its trailing newline is the usual culprit.
  const headerText = (field: string, value: unknown): string => {
    const checked = text(field, value);
    const problem = headerValueProblem(checked);
    if (problem) throw fail(`${name}${field}`, problem);
    return checked;
  };
  if (typeof auth !== 'object' || auth === null) {
    throw fail(name, 'expected { apiKey }, { username, password } or { bearer }');
  }
  const given = ['apiKey', 'username', 'bearer'].filter((key) => key in auth);
  if (given.length !== 1) {
    throw fail(
      name,
      `expected exactly one of apiKey, username/password or bearer, got ${given.length === 0 ? 'none' : given.join(' and ')}`,
    );
  }
  const value = auth as Record<string, unknown>;
  if ('bearer' in value) return `Bearer ${headerText('.bearer', value.bearer)}`;
  if ('username' in value) {
    const username = text('.username', value.username);
    if (username.includes(':'))
      throw fail(`${name}.username`, 'must not contain ":" (Basic authentication cannot carry it)');
    return `Basic ${base64Utf8(`${username}:${text('.password', value.password)}`)}`;
  }
  const apiKey = value.apiKey;
  if (typeof apiKey === 'object' && apiKey !== null) {
    const parts = apiKey as Record<string, unknown>;
    return `ApiKey ${base64Utf8(`${text('.apiKey.id', parts.id)}:${text('.apiKey.api_key', parts.api_key)}`)}`;
  }
  return `ApiKey ${headerText('.apiKey', apiKey)}`;
}
