import { describe, expect, it, vi } from 'vitest';
import { ConfigurationError, KibanaClient } from '../src/index.node.js';

function configurationError(options: unknown): ConfigurationError {
  try {
    new KibanaClient(options as never);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return error as ConfigurationError;
  }
  throw new Error('expected a ConfigurationError');
}

describe('client options', () => {
  it.each([
    [{ auth: { apiKey: 'k' } }, 'url', /is required/],
    [{ url: 'localhost', auth: { apiKey: 'k' } }, 'url', /not an absolute URL/],
    [{ url: 'http://kibana', cloud: { id: 'x' }, auth: { apiKey: 'k' } }, 'url', /either url or cloud/],
    [{ url: 'ftp://kibana', auth: { apiKey: 'k' } }, 'url', /http: or https:/],
    [{ url: 'http://kibana/?x=1', auth: { apiKey: 'k' } }, 'url', /query string/],
    [{ url: 'http://kibana' }, 'auth', /is required/],
    [
      { url: 'http://kibana', auth: { apiKey: 'k' }, requestTimout: 5 },
      'requestTimout',
      /is not a KibanaClient option/,
    ],
    [{ url: 'http://kibana', auth: { apiKey: 'k' }, requestTimeout: -1 }, 'requestTimeout', /got -1/],
    [{ url: 'http://kibana', auth: { apiKey: 'k' }, maxRetries: 1.5 }, 'maxRetries', /got 1.5/],
    [
      { url: 'http://kibana', auth: { apiKey: 'k' }, space: 'Marketing' },
      'space',
      /"Marketing" is not a valid space id/,
    ],
    [{ url: 'http://kibana', auth: { apiKey: 'k' }, transport: 'xhr' }, 'transport', /"xhr"/],
    [{ url: 'http://kibana', auth: { apiKey: 'k' }, transport: 'fetch', tls: { ca: 'x' } }, 'tls', /undici transport/],
    [{ url: 'https://kibana', auth: { apiKey: 'k' }, caFingerprint: 'abc' }, 'caFingerprint', /64 hex digits/],
    [
      { url: 'http://kibana', auth: { apiKey: 'k' }, headers: { 'kbn-xsrf': 'x' } },
      'headers["kbn-xsrf"]',
      /set by the client/,
    ],
    [{ url: 'http://kibana', auth: { apiKey: 'k' }, headers: { 'x-a': 'a\r\nb' } }, 'headers["x-a"]', /line breaks/],
    [{ url: 'http://kibana', auth: { apiKey: 'k' }, retry: { initialDelay: -5 } }, 'retry.initialDelay', /got -5/],
    [{ cloud: { id: 'x:eA==' }, auth: { apiKey: 'k' } }, 'cloud.id', /Kibana component/],
  ])('%j is refused, naming %s', (options, option, problem) => {
    const error = configurationError(options);
    expect(error.option).toBe(option);
    expect(error.message).toMatch(problem);
  });

  it('sends nothing when the configuration is invalid', () => {
    const fetch = vi.fn();
    expect(() => new KibanaClient({ url: 'http://kibana', auth: { apiKey: '' }, fetch })).toThrow(ConfigurationError);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('keeps the base path and derives the Cloud URL', () => {
    expect(new KibanaClient({ url: 'https://host/kibana/', auth: { apiKey: 'k' } }).url).toBe('https://host/kibana');
    const id = `dep:${Buffer.from('eu.example.io:443$es$kb').toString('base64')}`;
    expect(new KibanaClient({ cloud: { id }, auth: { apiKey: 'k' } }).url).toBe('https://kb.eu.example.io');
  });

  it('takes credentials from the URL into Basic auth, never into the URL it calls', () => {
    const kibana = new KibanaClient({ url: 'https://elastic:s3cret@host:5601', auth: undefined as never });
    expect(kibana.url).toBe('https://host:5601');
    expect(JSON.stringify(kibana)).not.toContain('s3cret');
  });

  it('selects the undici transport when a Node-only option is given', () => {
    expect(new KibanaClient({ url: 'http://kibana', auth: { apiKey: 'k' } }).transport).toBe('fetch');
    expect(new KibanaClient({ url: 'http://kibana', auth: { apiKey: 'k' }, connections: 4 }).transport).toBe('undici');
  });
});
