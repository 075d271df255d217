import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionError, KibanaClient } from '../../src/index.node.js';
import { json, makeCertificates, startServer, type TestServer } from '../helpers/server.js';

const certificates = makeCertificates();
let tlsServer: TestServer;
let plainServer: TestServer;

beforeAll(async () => {
  // The chain includes the CA, as Elasticsearch's generated certificates do, so a pinned CA can be found in it.
  tlsServer = await startServer((_, res) => json(res, 200, { id: 'c1' }), {
    key: certificates.key,
    cert: certificates.cert + certificates.ca,
  });
  plainServer = await startServer((_, res) => json(res, 200, { id: 'c1' }));
});
afterAll(async () => {
  await tlsServer.close();
  await plainServer.close();
});

describe('undici transport', () => {
  it('trusts a server signed by the CA given in tls.ca', async () => {
    const kibana = new KibanaClient({ url: tlsServer.url, auth: { apiKey: 'k' }, tls: { ca: certificates.ca } });
    expect(kibana.transport).toBe('undici');
    await expect(kibana.cases.get('c1')).resolves.toEqual({ id: 'c1' });
    await kibana.close();
  });

  it('rejects the same server without the CA', async () => {
    const kibana = new KibanaClient({ url: tlsServer.url, auth: { apiKey: 'k' }, transport: 'undici', maxRetries: 0 });
    const error = await kibana.cases.get('c1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(/certificate|CERT|SELF_SIGNED|UNABLE_TO_VERIFY/i);
    await kibana.close();
  });

  it('accepts a server whose chain holds the pinned CA fingerprint, and refuses another', async () => {
    const pinned = new KibanaClient({
      url: tlsServer.url,
      auth: { apiKey: 'k' },
      caFingerprint: certificates.caFingerprint,
    });
    await expect(pinned.cases.get('c1')).resolves.toEqual({ id: 'c1' });
    await pinned.close();
    const wrong = new KibanaClient({
      url: tlsServer.url,
      auth: { apiKey: 'k' },
      caFingerprint: 'AA'.repeat(32),
      maxRetries: 0,
    });
    await expect(wrong.cases.get('c1')).rejects.toThrow(/caFingerprint/);
    await wrong.close();
  });

  it('reuses keep-alive connections for sequential calls, across space-scoped clients', async () => {
    const before = plainServer.connections;
    const kibana = new KibanaClient({ url: plainServer.url, auth: { apiKey: 'k' }, transport: 'undici' });
    for (let i = 0; i < 20; i++) await kibana.cases.get(`c${i}`);
    for (let i = 0; i < 20; i++) await kibana.space('ops').cases.get(`c${i}`);
    // undici frees a connection one tick after its response ends, so back-to-back calls may alternate two sockets.
    expect(plainServer.connections - before).toBeLessThanOrEqual(2);
    expect(new Set(plainServer.requests.slice(-40).map((r) => r.remotePort)).size).toBeLessThanOrEqual(2);
    await kibana.close();
  });

  it('keeps at most `connections` sockets open under concurrency', async () => {
    const before = plainServer.connections;
    const kibana = new KibanaClient({ url: plainServer.url, auth: { apiKey: 'k' }, connections: 2 });
    await Promise.all(Array.from({ length: 20 }, (_, i) => kibana.cases.get(`c${i}`)));
    expect(plainServer.connections - before).toBeLessThanOrEqual(2);
    await kibana.close();
  });
});
