// The browser entry on its own, as a bundle gets it: the Node entry is never loaded in this file.
import { describe, expect, it } from 'vitest';
import { ConfigurationError, KibanaClient as BrowserClient } from '../src/index.js';

const ONLY_IN_NODE = 'the undici transport exists only in Node (the "node" export of kibana-sdk)';

function refusal(extra: object): ConfigurationError {
  try {
    new BrowserClient({ url: 'https://kibana', auth: { apiKey: 'k' }, ...extra });
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error('the client was created');
}

describe('browser entry', () => {
  it('has no undici transport in the browser entry', () => {
    expect(() => new BrowserClient({ url: 'http://kibana', auth: { apiKey: 'k' }, transport: 'undici' })).toThrow(
      /only in Node/,
    );
  });

  it.each([
    ['tls', { tls: { ca: 'pem' } }],
    ['caFingerprint', { caFingerprint: 'zz' }],
    ['proxy', { proxy: 'http://127.0.0.1:3128' }],
    ['connections', { connections: 4 }],
    ['tls', { tls: {}, transport: 'fetch' }],
    ['proxy', { proxy: 'not a url', fetch: () => undefined }],
    ['connections', { connections: 4, transport: 'undici' }],
  ])('refuses the Node-only option %s by name, whatever its value and the other options', (option, extra) => {
    const error = refusal(extra);
    expect(error.option).toBe(option);
    expect(error.message).toBe(`Invalid option ${option}: ${ONLY_IN_NODE}`);
  });

  it('still checks transport and fetch themselves', () => {
    expect(refusal({ transport: 'xhr' }).message).toBe(
      'Invalid option transport: expected "fetch" or "undici", got "xhr"',
    );
    expect(refusal({ fetch: 'f' }).message).toBe('Invalid option fetch: expected a function, got "f"');
    expect(new BrowserClient({ url: 'https://kibana', auth: { apiKey: 'k' }, transport: 'fetch' }).transport).toBe(
      'fetch',
    );
  });
});
