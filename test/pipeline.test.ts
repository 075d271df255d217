import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConnectionError,
  KibanaClient,
  RequestAbortedError,
  ServiceUnavailableError,
  TimeoutError,
  TooManyRequestsError,
  type RetryEvent,
} from '../src/index.node.js';
import { json, startServer, type TestServer } from './helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const FAST = { initialDelay: 1, maxDelay: 5 };

describe.each(['fetch', 'undici'] as const)('pipeline over %s', (transport) => {
  const client = (options: Partial<ConstructorParameters<typeof KibanaClient>[0]> = {}) =>
    new KibanaClient({ url: server.url, auth: { apiKey: 'k' }, transport, retry: FAST, ...options });

  it('retries a text 503 with Retry-After on GET after the delay', async () => {
    server.requests.length = 0;
    let hits = 0;
    server.handle((_, res) => {
      if (hits++ === 0) {
        res.writeHead(503, { 'retry-after': '1', 'content-type': 'text/plain' });
        res.end('Kibana server is not ready yet');
      } else json(res, 200, { status: 'ok' });
    });
    const kibana = client();
    const events: RetryEvent[] = [];
    kibana.on('retry', (event) => events.push(event));
    const started = Date.now();
    await expect(kibana.rules.health()).resolves.toEqual({ status: 'ok' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.requests).toHaveLength(2);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ method: 'GET', path: '/api/alerting/_health', attempt: 1, delay: 1000 });
    expect(events[0]!.error).toBeInstanceOf(ServiceUnavailableError);
    await kibana.close();
  });

  it('does not retry the same 503 on POST unless the call opts in', async () => {
    server.requests.length = 0;
    server.handle((_, res) => {
      res.writeHead(503, { 'retry-after': '0', 'content-type': 'text/plain' });
      res.end('Kibana server is not ready yet');
    });
    const kibana = client({ maxRetries: 2 });
    const error = await kibana.rules.enable('r1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect((error as ServiceUnavailableError).body).toBe('Kibana server is not ready yet');
    expect(server.requests).toHaveLength(1);
    server.requests.length = 0;
    await expect(kibana.rules.enable('r1', { retryNonIdempotent: true })).rejects.toBeInstanceOf(
      ServiceUnavailableError,
    );
    expect(server.requests).toHaveLength(3);
    await kibana.close();
  });

  it('retries 429 bursts and gives up after maxRetries', async () => {
    server.requests.length = 0;
    server.handle((_, res) =>
      json(res, 429, { statusCode: 429, error: 'Too Many Requests', message: 'slow down' }, { 'retry-after': '0' }),
    );
    const kibana = client({ maxRetries: 3 });
    await expect(kibana.cases.get('c1')).rejects.toBeInstanceOf(TooManyRequestsError);
    expect(server.requests).toHaveLength(4);
    server.requests.length = 0;
    await expect(kibana.cases.get('c1', { maxRetries: 0 })).rejects.toBeInstanceOf(TooManyRequestsError);
    expect(server.requests).toHaveLength(1);
    await kibana.close();
  });

  it('stops at once when Retry-After is longer than maxRetryAfter', async () => {
    server.requests.length = 0;
    server.handle((_, res) =>
      json(res, 503, { statusCode: 503, error: 'Service Unavailable', message: 'starting' }, { 'retry-after': '120' }),
    );
    const kibana = client({ retry: { ...FAST, maxRetryAfter: 1000 } });
    await expect(kibana.cases.get('c1')).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(server.requests).toHaveLength(1);
    await kibana.close();
  });

  it('tells a timeout from a caller abort', async () => {
    server.handle((_, res) => {
      setTimeout(() => json(res, 200, {}), 400);
    });
    const kibana = client({ requestTimeout: 100, maxRetries: 0 });
    const timeout = await kibana.cases.get('c1').catch((e: unknown) => e);
    expect(timeout).toBeInstanceOf(TimeoutError);
    expect((timeout as TimeoutError).message).toBe('GET /api/cases/{caseId} timed out after 100 ms');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const aborted = await kibana.cases
      .get('c1', { signal: controller.signal, requestTimeout: 5000 })
      .catch((e: unknown) => e);
    expect(aborted).toBeInstanceOf(RequestAbortedError);
    expect(aborted).not.toBeInstanceOf(TimeoutError);
    const already = AbortSignal.abort();
    await expect(kibana.cases.get('c1', { signal: already })).rejects.toBeInstanceOf(RequestAbortedError);
    await kibana.close();
  });

  it('retries a refused connection on GET, then reports a ConnectionError', async () => {
    const closed = await startServer();
    const url = closed.url;
    await closed.close();
    const kibana = new KibanaClient({ url, auth: { apiKey: 'k' }, transport, retry: FAST, maxRetries: 2 });
    const attempts: number[] = [];
    kibana.on('retry', (event) => attempts.push(event.attempt));
    const error = await kibana.cases.get('c1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(
      /GET \/api\/cases\/\{caseId\} failed to connect to Kibana: .*ECONNREFUSED/,
    );
    expect(attempts).toEqual([1, 2]);
    await kibana.close();
  });
});
