// Who is calling: the credentials the mock accepts, and the user name cases and rules record.
import { authorizationHeader, type KibanaAuth } from '../auth.js';
import { KibanaHttpError } from './respond.js';

/** The caller as the mock records it (`created_by`, `updated_by`, `api_key_owner`...). */
export interface MockUser {
  username: string;
}

const UNAUTHORIZED = '[security_exception]: unable to authenticate user';

/** The user name that API keys and bearer tokens act as: the mock has no user store to look them up in. */
export const DEFAULT_USERNAME = 'elastic';

function decodeBasic(credentials: string): { username: string; password: string } | undefined {
  let text: string;
  try {
    const binary = atob(credentials);
    text = new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
  const colon = text.indexOf(':');
  if (colon <= 0 || colon === text.length - 1) return undefined;
  return { username: text.slice(0, colon), password: text.slice(colon + 1) };
}

/**
 * Checks the `Authorization` header. With `expected` (the client's auth option), only those
 * credentials pass; without it any well-formed ApiKey, Basic or Bearer credentials do.
 */
export function authenticate(header: string | null, expected: KibanaAuth | undefined): MockUser {
  const match = /^(\S+)\s+(\S.*)$/.exec(header?.trim() ?? '');
  if (!match) throw new KibanaHttpError(401, UNAUTHORIZED);
  const scheme = match[1]!.toLowerCase();
  const credentials = match[2]!.trim();
  const basic = scheme === 'basic' ? decodeBasic(credentials) : undefined;
  if (expected !== undefined) {
    const wanted = /^(\S+) (.*)$/.exec(authorizationHeader(expected))!;
    if (wanted[1]!.toLowerCase() !== scheme || wanted[2] !== credentials) throw new KibanaHttpError(401, UNAUTHORIZED);
  } else if (!['apikey', 'basic', 'bearer'].includes(scheme) || (scheme === 'basic' && !basic)) {
    throw new KibanaHttpError(401, UNAUTHORIZED);
  }
  return { username: basic?.username ?? DEFAULT_USERNAME };
}
