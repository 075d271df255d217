import type http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError, KibanaClient, RequestAbortedError, TimeoutError } from '../src/index.node.js';
import { json, startServer, type ServerRequest, type TestServer } from './helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

/** Holds every answer until `release()`, counting how many requests are open at once. */
function holdAnswers() {
  const held: Array<{ request: ServerRequest; response: http.ServerResponse }> = [];
  let open = 0;
  let peak = 0;
  server.handle((request, response) => {
    open++;
    peak = Math.max(peak, open);
    response.on('finish', () => open--);
    held.push({ request, response });
  });
  return {
    held,
    get peak() {
      return peak;
    },
    /** Answers the oldest held request. */
    release() {
      const next = held.shift();
      if (next) json(next.response, 200, { id: next.request.url.split('/').pop() });
    },
  };
}

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 3_000) throw new Error('condition not met within 3 s');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe.each(['fetch', 'undici'] as const)('maxConcurrency over the %s transport', (transport) => {
  const kibana = (maxConcurrency: number, requestTimeout = 30_000) =>
    new KibanaClient({ url: server.url, auth: { apiKey: 'k' }, transport, maxConcurrency, requestTimeout });

  it('keeps at most that many calls in flight; the others start in order', async () => {
    const answers = holdAnswers();
    const client = kibana(2);
    const calls = ['a', 'b', 'c', 'd', 'e'].map((id) => client.cases.get(id));
    await until(() => answers.held.length === 2);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(answers.held.length).toBe(2);
    for (let answered = 0; answered < 5; answered++) {
      await until(() => answers.held.length > 0);
      answers.release();
    }
    expect(await Promise.all(calls)).toEqual(['a', 'b', 'c', 'd', 'e'].map((id) => ({ id })));
    expect(answers.peak).toBe(2);
    expect(server.requests.slice(-5).map((request) => request.url.split('/').pop())).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('counts the calls of space and withOptions clients in the same limit', async () => {
    const answers = holdAnswers();
    const client = kibana(1);
    const calls = [
      client.cases.get('a'),
      client.space('ops').cases.get('b'),
      client.withOptions({ headers: { 'x-job': '1' } }).cases.get('c'),
    ];
    for (let answered = 0; answered < 3; answered++) {
      await until(() => answers.held.length > 0);
      answers.release();
    }
    await Promise.all(calls);
    expect(answers.peak).toBe(1);
  });

  it('lets a waiting call be aborted without sending it, and frees no slot it did not hold', async () => {
    const answers = holdAnswers();
    const before = server.requests.length;
    const client = kibana(1);
    const first = client.cases.get('a');
    const controller = new AbortController();
    const waiting = client.cases.get('b', { signal: controller.signal });
    const third = client.cases.get('c');
    await until(() => answers.held.length === 1);
    controller.abort();
    const error = await waiting.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RequestAbortedError);
    expect((error as Error).message).toBe(
      'GET /api/cases/{caseId} was aborted by the caller while waiting for one of the 1 slots of maxConcurrency',
    );
    answers.release();
    await until(() => answers.held.length === 1);
    answers.release();
    expect(await Promise.all([first, third])).toEqual([{ id: 'a' }, { id: 'c' }]);
    expect(answers.peak).toBe(1);
    expect(server.requests.slice(before).map((request) => request.url)).toEqual(['/api/cases/a', '/api/cases/c']);
  });

  it('refuses a call whose signal is already aborted while it would wait', async () => {
    const answers = holdAnswers();
    const client = kibana(1);
    const first = client.cases.get('a');
    await expect(client.cases.get('b', { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(RequestAbortedError);
    await until(() => answers.held.length === 1);
    answers.release();
    await first;
  });

  it('starts requestTimeout when the call is sent, not while it waits', async () => {
    const answers = holdAnswers();
    const client = kibana(1, 250);
    const first = client.cases.get('a');
    const second = client.cases.get('b');
    // Each answer takes 150 ms, within the 250 ms budget; the second call's 300 ms from its start are not.
    await until(() => answers.held.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 150));
    answers.release();
    await until(() => answers.held.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 150));
    answers.release();
    expect(await Promise.all([first, second])).toEqual([{ id: 'a' }, { id: 'b' }]);
  });

  it('frees the slot of a call that failed', async () => {
    holdAnswers();
    const client = kibana(1, 100);
    await expect(client.cases.get('a', { maxRetries: 0 })).rejects.toBeInstanceOf(TimeoutError);
    server.handle((request, response) => json(response, 200, { id: request.url.split('/').pop() }));
    await expect(client.cases.get('b')).resolves.toEqual({ id: 'b' });
  });
});

describe('maxConcurrency option', () => {
  it.each([0, -1, 1.5, '4'])('refuses %j, naming maxConcurrency', (value) => {
    expect(
      () => new KibanaClient({ url: 'http://127.0.0.1:1', auth: { apiKey: 'k' }, maxConcurrency: value as number }),
    ).toThrow(ConfigurationError);
    expect(
      () => new KibanaClient({ url: 'http://127.0.0.1:1', auth: { apiKey: 'k' }, maxConcurrency: value as number }),
    ).toThrow(/^Invalid option maxConcurrency: expected a whole number from 1/);
  });
});
