// close(): closing twice is harmless, and no call after it reaches Kibana or is retried, on the client
// and on the clients derived from it, over both transports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientClosedError, KibanaClient } from '../../src/index.node.js';
import { json, startServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer((_, response) => json(response, 200, { id: 'case-1' }));
});
afterAll(() => server.close());

describe.each(['fetch', 'undici'] as const)('close() over the %s transport', (transport) => {
  it('resolves a second time, and every later call fails at once without a request or a retry', async () => {
    const kibana = new KibanaClient({ url: server.url, auth: { apiKey: 'secret-key' }, transport, maxRetries: 3 });
    const space = kibana.space('ops');
    await kibana.cases.get('case-1');
    const before = server.requests.length;
    await kibana.close();
    await expect(kibana.close()).resolves.toBeUndefined();
    const retries: unknown[] = [];
    kibana.on('retry', (event) => retries.push(event));
    for (const call of [
      () => kibana.cases.get('case-1'),
      () => space.rules.find(),
      () => kibana.request('get', '/api/cases/_find'),
    ]) {
      const error = await call().then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(ClientClosedError);
      expect((error as Error).message).toMatch(/was not sent: the client was closed with close\(\)/);
      expect((error as Error).name).toBe('ClientClosedError');
    }
    expect(retries).toEqual([]);
    expect(server.requests.length).toBe(before);
  });

  it('closes the shared connections from a space client too', async () => {
    const kibana = new KibanaClient({ url: server.url, auth: { apiKey: 'secret-key' }, transport });
    await kibana.space('ops').close();
    await expect(kibana.cases.get('case-1')).rejects.toBeInstanceOf(ClientClosedError);
  });
});
