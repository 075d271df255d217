import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterEach, describe, expect, it } from 'vitest';
import { KibanaClient } from '../../src/index.node.js';

const handlers = [
  http.get('http://kibana.test/api/cases/:caseId', ({ params, request }) =>
    HttpResponse.json({ id: params.caseId, auth: request.headers.get('authorization') }),
  ),
];

describe('fetch transport', () => {
  const server = setupServer(...handlers);
  afterEach(() => server.close());

  it('is intercepted by msw for a client created before listen()', async () => {
    const kibana = new KibanaClient({ url: 'http://kibana.test', auth: { apiKey: 'k' } });
    server.listen({ onUnhandledRequest: 'error' });
    await expect(kibana.cases.get('c1')).resolves.toEqual({ id: 'c1', auth: 'ApiKey k' });
  });

  it('is intercepted by msw for a client created after listen()', async () => {
    server.listen({ onUnhandledRequest: 'error' });
    const kibana = new KibanaClient({ url: 'http://kibana.test', auth: { apiKey: 'k' } });
    await expect(kibana.cases.get('c2')).resolves.toEqual({ id: 'c2', auth: 'ApiKey k' });
  });

  it('uses a custom fetch when given', async () => {
    const seen: string[] = [];
    const kibana = new KibanaClient({
      url: 'http://kibana.test',
      auth: { apiKey: 'k' },
      fetch: async (input) => {
        seen.push(String(input));
        return Response.json({ id: 'x' });
      },
    });
    await kibana.cases.get('x');
    expect(seen).toEqual(['http://kibana.test/api/cases/x']);
  });
});
