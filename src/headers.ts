import { headerValueProblem } from './auth.js';
import { kindOf } from './describe.js';
import { optionProblem, type Problem } from './errors.js';

/**
 * Headers the client sets itself: credentials come from `auth`, the Kibana headers from the operation,
 * and the framing headers from the body. Neither the `headers` option nor a call's headers may set them.
 */
export const RESERVED_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'kbn-xsrf',
  'elastic-api-version',
  'content-type',
  'content-length',
  'host',
]);

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Extra headers under one rule for the `headers` option, `withOptions` and a call's `headers`: valid
 * names, none of {@link RESERVED_HEADERS}, values an HTTP header can carry. A bad one is refused
 * naming it (`headers["x-a"]`) rather than failing in the transport, whose message quotes the value.
 * Names come back lower-cased, so they replace headers of the same name.
 */
export function checkHeaders(
  headers: unknown,
  option = 'headers',
  fail: Problem = optionProblem,
): Record<string, string> {
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers))
    throw fail(option, `expected an object of header names to strings, got ${kindOf(headers)}`);
  const checked: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const field = `${option}[${JSON.stringify(name)}]`;
    if (!HEADER_NAME.test(name)) throw fail(field, 'is not a valid header name');
    const lower = name.toLowerCase();
    if (RESERVED_HEADERS.has(lower))
      throw fail(field, 'is set by the client itself (use the auth option for credentials)');
    if (typeof value !== 'string') throw fail(field, `expected a string, got ${kindOf(value)}`);
    const problem = headerValueProblem(value);
    if (problem) throw fail(field, problem);
    checked[lower] = value;
  }
  return checked;
}
