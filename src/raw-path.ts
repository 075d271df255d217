import { prepareOperation, type PreparedOperation } from './call.js';
import { ArgumentError } from './errors.js';
import type { SpecMethod } from './openapi/read.js';

/** `.` and `..` segments, also percent-encoded: URL parsers and proxies collapse them. */
const DOT_SEGMENT = /(^|\/)(\.|%2e){1,2}(\/|$)/i;
// Control characters, which no URL may carry and some servers read as header breaks.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * A path outside the spec's templates for `kibana.request`: it stays inside Kibana's `/api/` tree, so a
 * call can never reach another part of Kibana (or another server) with the client's credentials, and
 * its query goes in `params.query`, where it is encoded.
 */
export function rawOperation(
  method: SpecMethod,
  path: unknown,
  clientHeaders: Readonly<Record<string, string>>,
): PreparedOperation {
  if (typeof path !== 'string' || !path.startsWith('/api/')) {
    throw new ArgumentError('path', `expected an API path such as "/api/cases", got ${JSON.stringify(path)}`);
  }
  if (DOT_SEGMENT.test(path))
    throw new ArgumentError(
      'path',
      `${JSON.stringify(path)} has a "." or ".." segment, which would leave the operation's path`,
    );
  if (path.includes('?') || path.includes('#'))
    throw new ArgumentError('path', `${JSON.stringify(path)} has "?" or "#": put query parameters in params.query`);
  if (CONTROL.test(path)) throw new ArgumentError('path', 'contains a control character');
  return prepareOperation(
    { method, path, ...(method === 'get' || method === 'put' || method === 'delete' ? { idempotent: true } : {}) },
    clientHeaders,
  );
}
