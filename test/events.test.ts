import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConnectionError,
  KibanaClient,
  NotFoundError,
  type RequestEvent,
  type ResponseEvent,
} from '../src/index.node.js';
import { json, startServer, type TestServer } from './helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const SECRET = 'events-secret-api-key-Zk4Qw';
const FAST = { initialDelay: 1, maxDelay: 5 };

describe.each(['fetch', 'undici'] as const)('request and response events over the %s transport', (transport) => {
  const kibana = (url = server.url) =>
    new KibanaClient({ url, auth: { apiKey: SECRET }, transport, retry: FAST, maxRetries: 2 });

  function record(client: KibanaClient): Array<['request', RequestEvent] | ['response', ResponseEvent]> {
    const seen: Array<['request', RequestEvent] | ['response', ResponseEvent]> = [];
    client.on('request', (event) => seen.push(['request', event]));
    client.on('response', (event) => seen.push(['response', event]));
    return seen;
  }

  it('emits request before and response after each attempt, with the path template', async () => {
    server.handle((_, response) => json(response, 200, { id: 'case-1' }));
    const client = kibana();
    const seen = record(client);
    await client.cases.get('case-1');
    expect(seen.map(([name]) => name)).toEqual(['request', 'response']);
    expect(seen[0]![1]).toEqual({ method: 'GET', path: '/api/cases/{caseId}', attempt: 1 });
    const response = seen[1]![1] as ResponseEvent;
    expect(response).toMatchObject({ method: 'GET', path: '/api/cases/{caseId}', status: 200, attempt: 1 });
    expect(response.durationMs).toBeGreaterThanOrEqual(0);
    expect(response.durationMs).toBeLessThan(5_000);
  });

  it('emits for every attempt, error statuses included', async () => {
    let answered = 0;
    server.handle((_, response) =>
      answered++ < 2
        ? json(response, 503, { statusCode: 503, error: 'Service Unavailable', message: 'busy' })
        : json(response, 200, {}),
    );
    const client = kibana();
    const seen = record(client);
    await client.cases.get('case-1');
    expect(
      seen.map(([name, event]) => `${name} ${event.attempt}${'status' in event ? ` ${event.status}` : ''}`),
    ).toEqual(['request 1', 'response 1 503', 'request 2', 'response 2 503', 'request 3', 'response 3 200']);
  });

  it('emits response for a 404 that fails the call', async () => {
    server.handle((_, response) => json(response, 404, { statusCode: 404, error: 'Not Found', message: 'no' }));
    const client = kibana();
    const seen = record(client);
    await expect(client.rules.get('r-1')).rejects.toBeInstanceOf(NotFoundError);
    expect(seen.at(-1)?.[1]).toMatchObject({ path: '/api/alerting/rule/{id}', status: 404, attempt: 1 });
  });

  it('emits no response when no answer came', async () => {
    const closed = await startServer();
    const url = closed.url;
    await closed.close();
    const client = kibana(url);
    const seen = record(client);
    await expect(client.cases.get('case-1')).rejects.toBeInstanceOf(ConnectionError);
    expect(seen.map(([name]) => name)).toEqual(['request', 'request', 'request']);
  });

  it('carries no credentials and no bodies', async () => {
    server.handle((_, response) => json(response, 200, { id: 'case-1', title: 'answer-body-text' }));
    const client = kibana();
    const seen = record(client);
    await client.cases.create({
      title: 'request-body-text',
      description: 'd',
      owner: 'cases',
      tags: [],
      connector: { id: 'none', name: 'none', type: '.none', fields: null },
      settings: { syncAlerts: false },
    });
    const text = JSON.stringify(seen);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('request-body-text');
    expect(text).not.toContain('answer-body-text');
    expect(seen).toHaveLength(2);
  });

  it('stops with off(), and a listener that throws does not fail the call', async () => {
    server.handle((_, response) => json(response, 200, {}));
    const client = kibana();
    const seen: RequestEvent[] = [];
    const listener = (event: RequestEvent) => seen.push(event);
    client.on('request', listener);
    const unsubscribe = client.on('response', () => {
      throw new Error('listener bug');
    });
    const thrown: unknown[] = [];
    const onUncaught = (error: unknown) => thrown.push(error);
    process.prependListener('uncaughtException', onUncaught);
    try {
      await expect(client.cases.get('case-1')).resolves.toEqual({});
      await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      process.off('uncaughtException', onUncaught);
    }
    expect(thrown).toHaveLength(1);
    unsubscribe();
    client.off('request', listener);
    await client.cases.get('case-1');
    expect(seen).toHaveLength(1);
  });
});
