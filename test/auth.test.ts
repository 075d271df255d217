import { describe, expect, it } from 'vitest';
import { authorizationHeader } from '../src/auth.js';
import { ConfigurationError } from '../src/errors.js';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('authorizationHeader', () => {
  it('sends an encoded API key as it is', () => {
    expect(authorizationHeader({ apiKey: 'VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==' })).toBe(
      'ApiKey VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==',
    );
  });

  it('encodes an API key given as id and api_key', () => {
    expect(authorizationHeader({ apiKey: { id: 'VuaCfGcBCdbkQm-e5aOx', api_key: 'ui2lp2axTNmsyakw9tvNnw' } })).toBe(
      `ApiKey ${b64('VuaCfGcBCdbkQm-e5aOx:ui2lp2axTNmsyakw9tvNnw')}`,
    );
  });

  it('encodes Basic credentials as UTF-8, including characters btoa cannot take', () => {
    expect(authorizationHeader({ username: 'elastic', password: 'changeme' })).toBe('Basic ZWxhc3RpYzpjaGFuZ2VtZQ==');
    expect(authorizationHeader({ username: 'jörg', password: 'pässwörd✓🔑' })).toBe(`Basic ${b64('jörg:pässwörd✓🔑')}`);
  });

  it('sends a bearer token', () => {
    expect(authorizationHeader({ bearer: 'tok.en' })).toBe('Bearer tok.en');
  });

  it.each([
    [undefined, 'auth'],
    [{}, 'auth'],
    [{ apiKey: 'a', bearer: 'b' }, 'auth'],
    [{ apiKey: '' }, 'auth.apiKey'],
    [{ apiKey: 42 }, 'auth.apiKey'],
    [{ apiKey: { id: 'x' } }, 'auth.apiKey.api_key'],
    [{ username: 'u' }, 'auth.password'],
    [{ username: 'a:b', password: 'secret-password' }, 'auth.username'],
    [{ bearer: '' }, 'auth.bearer'],
  ])('rejects %j naming %s', (auth, option) => {
    let error: unknown;
    try {
      authorizationHeader(auth);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).option).toBe(option);
    expect((error as Error).message).not.toContain('secret-password');
  });
});
