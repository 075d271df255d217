import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import {
  ClientClosedError,
  ConfigurationError,
  KibanaClient,
  ServiceUnavailableError,
  TimeoutError,
  type RequestEvent,
} from '../src/index.node.js';
import { json, startServer, type TestServer } from './helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const FAST = { initialDelay: 1, maxDelay: 5 };

describe.each(['fetch', 'undici'] as const)('withOptions() over the %s transport', (transport) => {
  const kibana = () =>
    new KibanaClient({ url: server.url, auth: { apiKey: 'k' }, transport, headers: { 'x-team': 'ops' }, retry: FAST });

  it("sends its own headers over the parent's, and leaves the parent's calls unchanged", async () => {
    server.handle((_, response) => json(response, 200, {}));
    const parent = kibana();
    const job = parent.withOptions({ headers: { 'X-Opaque-Id': 'nightly', 'x-team': 'batch' } });
    await job.cases.get('case-1');
    await parent.cases.get('case-1');
    const [fromJob, fromParent] = server.requests.slice(-2);
    expect(fromJob?.headers).toMatchObject({ 'x-opaque-id': 'nightly', 'x-team': 'batch', authorization: 'ApiKey k' });
    expect(fromParent?.headers['x-opaque-id']).toBeUndefined();
    expect(fromParent?.headers['x-team']).toBe('ops');
  });

  it('applies its requestTimeout to its own calls only', async () => {
    server.handle((_, response) => setTimeout(() => json(response, 200, { ok: true }), 300));
    const parent = kibana();
    const hurried = parent.withOptions({ requestTimeout: 100, maxRetries: 0 });
    await expect(hurried.cases.get('case-1')).rejects.toBeInstanceOf(TimeoutError);
    await expect(parent.cases.get('case-1')).resolves.toEqual({ ok: true });
  });

  it('applies its maxRetries and retry to its own calls only', async () => {
    server.handle((_, response) =>
      json(response, 503, { statusCode: 503, error: 'Service Unavailable', message: 'x' }),
    );
    const parent = kibana().withOptions({ maxRetries: 2 });
    const once = parent.withOptions({ maxRetries: 0 });
    let before = server.requests.length;
    await expect(once.cases.get('case-1')).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(server.requests.length - before).toBe(1);
    before = server.requests.length;
    await expect(parent.cases.get('case-1')).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(server.requests.length - before).toBe(3);
  });

  it('takes the retry fields it is given and keeps the rest of the parent', async () => {
    server.handle((_, response) =>
      json(response, 503, { statusCode: 503, error: 'Service Unavailable', message: 'x' }),
    );
    const parent = kibana();
    const slow = parent.withOptions({ maxRetries: 1, retry: { initialDelay: 200 } });
    const delays: number[] = [];
    parent.on('retry', (event) => delays.push(event.delay));
    await expect(slow.cases.get('case-1')).rejects.toBeInstanceOf(ServiceUnavailableError);
    // Full jitter over [0, min(initialDelay, maxDelay)]: the parent's maxDelay of 5 ms still caps it.
    expect(delays).toHaveLength(1);
    expect(delays[0]).toBeLessThanOrEqual(5);
  });

  it("shares the parent's listeners and space", async () => {
    server.handle((_, response) => json(response, 200, {}));
    const parent = kibana().space('ops');
    const events: RequestEvent[] = [];
    parent.on('request', (event) => events.push(event));
    const job = parent.withOptions({ headers: { 'x-job': '1' } });
    expect(job.spaceId).toBe('ops');
    expect(job.transport).toBe(transport);
    await parent.cases.get('case-1');
    await job.cases.get('case-2');
    await parent.cases.get('case-3');
    expect(server.requests.slice(-3).map((request) => request.url)).toEqual([
      '/s/ops/api/cases/case-1',
      '/s/ops/api/cases/case-2',
      '/s/ops/api/cases/case-3',
    ]);
    expect(events.map((event) => event.path)).toEqual(Array(3).fill('/api/cases/{caseId}'));
  });

  it('keeps its settings in the space clients made from it', async () => {
    server.handle((_, response) => json(response, 200, {}));
    const parent = kibana();
    const job = parent.withOptions({ headers: { 'x-job': '1' } });
    await job.space('sec').cases.get('case-1');
    await parent.space('sec').cases.get('case-1');
    const [fromJob, fromParent] = server.requests.slice(-2);
    expect(fromJob?.url).toBe('/s/sec/api/cases/case-1');
    expect(fromJob?.headers['x-job']).toBe('1');
    expect(fromParent?.headers['x-job']).toBeUndefined();
    expect(job.space('sec')).toBe(job.space('sec'));
    expect(job.space('sec')).not.toBe(parent.space('sec'));
  });

  it('is closed with its parent, and closes the parent', async () => {
    const parent = kibana();
    const job = parent.withOptions({ requestTimeout: 5_000 });
    await job.close();
    await expect(parent.cases.get('case-1')).rejects.toBeInstanceOf(ClientClosedError);
    await expect(job.space('x').cases.get('case-1')).rejects.toBeInstanceOf(ClientClosedError);
  });
});

describe('withOptions() over the undici transport', () => {
  it("sends over the parent's connection pool", async () => {
    server.handle((_, response) => json(response, 200, {}));
    // A pool of one socket: calls of the parent and the derived client in flight together share it,
    // where two pools would open one socket each.
    const parent = new KibanaClient({ url: server.url, auth: { apiKey: 'k' }, transport: 'undici', connections: 1 });
    const job = parent.withOptions({ headers: { 'x-job': '1' } });
    const before = server.connections;
    await Promise.all([1, 2, 3].flatMap(() => [parent.cases.get('case-1'), job.cases.get('case-2')]));
    expect(server.connections - before).toBe(1);
    await parent.close();
  });
});

describe('withOptions() checks its options as the constructor does', () => {
  const kibana = new KibanaClient({ url: 'http://127.0.0.1:1', auth: { apiKey: 'k' } });
  const refusal = (options: unknown): ConfigurationError => {
    try {
      kibana.withOptions(options as Parameters<KibanaClient['withOptions']>[0]);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      return error as ConfigurationError;
    }
    throw new Error('withOptions accepted the options');
  };

  it.each([
    [{ requestTimeout: 0 }, 'requestTimeout', 'Invalid option requestTimeout: expected a whole number from 1, got 0'],
    [{ maxRetries: 101 }, 'maxRetries', 'Invalid option maxRetries: expected a whole number from 0 to 100, got 101'],
    [{ retry: { maxDelay: -1 } }, 'retry.maxDelay', 'expected a whole number from 0, got -1'],
    [{ retry: { jitter: true } }, 'retry.jitter', 'is not a retry option'],
    [{ headers: { 'kbn-xsrf': 'x' } }, 'headers["kbn-xsrf"]', 'is set by the client itself'],
    [{ headers: { 'bad name': 'x' } }, 'headers["bad name"]', 'is not a valid header name'],
    [{ auth: { apiKey: 'other' } }, 'auth', 'is not a withOptions option (known: headers, requestTimeout'],
    [{ space: 'ops' }, 'space', 'is not a withOptions option'],
    ['fast', 'options', 'expected an object'],
  ])('refuses %j, naming %s', (options, option, message) => {
    const error = refusal(options);
    expect(error.option).toBe(option);
    expect(error.message).toContain(message);
  });

  it('returns a KibanaClient', () => {
    expectTypeOf(kibana.withOptions({})).toEqualTypeOf<KibanaClient>();
    expect(kibana.withOptions({})).toBeInstanceOf(KibanaClient);
    expect(kibana.withOptions({})).not.toBe(kibana);
  });
});
