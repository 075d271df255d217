// What a careless caller can no longer do: leave Kibana's API with kibana.request, override the
// client's credentials or framing with per-call headers, or ask for pages Kibana does not serve. Each
// is refused before any request, over both transports, against a loopback server that counts requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArgumentError, KibanaClient } from '../../src/index.node.js';
import { json, startServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer((_, response) => json(response, 200, { page: 1, perPage: 20, total: 0, cases: [] }));
});
afterAll(() => server.close());

async function refusal(call: () => Promise<unknown>): Promise<ArgumentError> {
  const before = server.requests.length;
  const error = await call().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ArgumentError);
  expect(server.requests.length).toBe(before);
  return error as ArgumentError;
}

describe.each(['fetch', 'undici'] as const)('careless calls over the %s transport', (transport) => {
  const kibana = () => new KibanaClient({ url: server.url, auth: { apiKey: 'secret-key' }, transport });

  it.each([
    '/api/../internal/security/me',
    '/api/cases/%2e%2e/%2E%2E/internal/security/me',
    '/api/cases/./x',
    '/api/cases?perPage=1',
    '/api/cases#top',
    '/api/cases\r\nX-Injected: 1',
    '/internal/security/me',
    'api/cases',
  ])('refuses the raw path %j, naming path', async (path) => {
    const error = await refusal(() => kibana().request('get', path as '/api/cases/_find'));
    expect(error.argument).toBe('path');
  });

  it('still sends a raw path under /api/ that the spec does not know', async () => {
    await kibana().request('get', '/api/status/x' as '/api/cases/_find');
    expect(server.requests.at(-1)?.url).toBe('/api/status/x');
  });

  it.each([
    'authorization',
    'Authorization',
    'host',
    'kbn-xsrf',
    'content-type',
    'content-length',
    'elastic-api-version',
  ])('refuses the per-call header %s, naming it', async (name) => {
    const error = await refusal(() => kibana().cases.get('case-1', { headers: { [name]: 'x' } }));
    expect(error.argument).toBe(`options.headers[${JSON.stringify(name)}]`);
    expect(error.message).not.toContain('secret-key');
  });

  it('sends other per-call headers, lower-cased, next to the client credentials', async () => {
    await kibana().cases.get('case-1', { headers: { 'X-Opaque-Id': 'job-7' } });
    const sent = server.requests.at(-1)!;
    expect(sent.headers['x-opaque-id']).toBe('job-7');
    expect(sent.headers.authorization).toBe('ApiKey secret-key');
  });

  it.each([
    [{ perPage: 10_000 }, 'query.perPage'],
    [{ perPage: 0 }, 'query.perPage'],
    [{ page: -1 }, 'query.page'],
    [{ page: 1.5 }, 'query.page'],
    [{ page: 101, perPage: 100 }, 'query.page'],
  ])('refuses cases.find(%j), naming %s', async (query, argument) => {
    const error = await refusal(() => kibana().cases.find(query));
    expect(error.argument).toBe(argument);
  });

  it('refuses rules.find with per_page over 10,000 and apm.sourcemaps.list with page 0', async () => {
    expect((await refusal(() => kibana().rules.find({ per_page: 10_001 }))).argument).toBe('query.per_page');
    expect((await refusal(() => kibana().apm.sourcemaps.list({ page: 0 }))).argument).toBe('query.page');
    expect((await refusal(() => kibana().cases.findComments('case-1', { perPage: 101 }))).argument).toBe(
      'query.perPage',
    );
  });
});
