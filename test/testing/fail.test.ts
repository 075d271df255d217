// mock.fail: injected Kibana errors for the next calls of one operation, then normal answers again.
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ConflictError,
  KibanaClient,
  ResponseError,
  ServiceUnavailableError,
  TooManyRequestsError,
} from '../../src/index.node.js';
import { SEED_IDS, createKibanaMock, startKibanaMock } from '../../src/testing/index.js';

const mock = createKibanaMock();
const server = setupServer(...mock.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mock.reset());
afterAll(() => server.close());

const AUTH = { apiKey: 'ZmFpbDprZXk=' };
const once = new KibanaClient({ url: mock.url, auth: AUTH, maxRetries: 0 });
const RULE = SEED_IDS.indexThresholdRule;

function raw(path: string): Promise<Response> {
  return fetch(`${mock.url}${path}`, { headers: { authorization: `ApiKey ${AUTH.apiKey}` } });
}

describe('mock.fail', () => {
  it("answers the next call with Kibana's error body, then works again", async () => {
    mock.fail('getRule', { status: 503, message: 'Kibana is restarting' });
    const error = await once.rules.get(RULE).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect((error as ServiceUnavailableError).body).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'Kibana is restarting',
    });
    expect((await once.rules.get(RULE)).id).toBe(RULE);
  });

  it('fails `times` calls, each logged; a client that retries gets through after them', async () => {
    mock.fail('getRule', { status: 503, times: 2, retryAfter: 0 });
    const retrying = new KibanaClient({ url: mock.url, auth: AUTH, maxRetries: 2 });
    expect((await retrying.rules.get(RULE)).id).toBe(RULE);
    expect(mock.requests.map((request) => request.operationId)).toEqual(['getRule', 'getRule', 'getRule']);
  });

  it('defaults to one 500 with the reason phrase, and sends Retry-After as seconds or a date', async () => {
    mock.fail('getRule');
    const failed = await raw(`/api/alerting/rule/${RULE}`);
    expect(failed.status).toBe(500);
    expect(failed.headers.get('retry-after')).toBeNull();
    expect(await failed.json()).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Internal Server Error',
    });
    expect((await raw(`/api/alerting/rule/${RULE}`)).status).toBe(200);

    mock.fail('getRule', { status: 429, retryAfter: 30 });
    const limited = await once.rules.get(RULE).catch((caught: unknown) => caught);
    expect(limited).toBeInstanceOf(TooManyRequestsError);
    expect((limited as TooManyRequestsError).retryAfter).toBe(30);

    const when = new Date('2030-01-02T03:04:05Z');
    mock.fail('getRule', { status: 503, retryAfter: when });
    expect((await raw(`/api/alerting/rule/${RULE}`)).headers.get('retry-after')).toBe('Wed, 02 Jan 2030 03:04:05 GMT');
  });

  it('fails only the operation named, in every space, whatever the call sends', async () => {
    mock.fail('findRules', { status: 409, times: 2 });
    expect((await once.rules.get(RULE)).id).toBe(RULE);
    await expect(once.space('ops').rules.find()).rejects.toBeInstanceOf(ConflictError);
    const unauthenticated = await fetch(`${mock.url}/api/alerting/rules/_find`);
    expect(unauthenticated.status).toBe(409);
    expect((await once.rules.find()).total).toBeGreaterThan(0);
  });

  it('queues failures of one operation in the order asked for', async () => {
    mock.fail('getRule', { status: 502 });
    mock.fail('getRule', { status: 504, times: 2 });
    const statuses: number[] = [];
    for (let call = 0; call < 4; call++) statuses.push((await raw(`/api/alerting/rule/${RULE}`)).status);
    expect(statuses).toEqual([502, 504, 504, 200]);
  });

  it('is cleared by reset()', async () => {
    mock.fail('getRule', { times: 5 });
    mock.reset();
    expect((await once.rules.get(RULE)).id).toBe(RULE);
  });

  it('refuses bad options with a TypeError naming the option and value', () => {
    expect(() => mock.fail('getRules' as 'getRule')).toThrow(
      new TypeError('mock.fail: unknown operationId "getRules"'),
    );
    expect(() => mock.fail('getRule', { status: 200 })).toThrow(
      new TypeError('mock.fail: status must be a whole number from 400 to 599, got 200'),
    );
    expect(() => mock.fail('getRule', { times: 0 })).toThrow(
      new TypeError('mock.fail: times must be a whole number of at least 1, got 0'),
    );
    expect(() => mock.fail('getRule', { retryAfter: -1 })).toThrow(
      /retryAfter must be a whole number of seconds .* got -1/,
    );
    expect(() => mock.fail('getRule', { retryAfter: new Date(Number.NaN) })).toThrow(/retryAfter is an invalid Date/);
    expect(() => mock.fail('getRule', { message: 42 as unknown as string })).toThrow(
      /message must be a string, got number/,
    );
  });

  it('works on the loopback server', async () => {
    const running = await startKibanaMock();
    const client = new KibanaClient({ url: running.url, auth: AUTH, transport: 'undici', maxRetries: 0 });
    try {
      running.mock.fail('getAlertingHealth', { status: 502, message: 'proxy down' });
      const error = await client.rules.health().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ResponseError);
      expect((error as ResponseError).statusCode).toBe(502);
      expect((await client.rules.health()).alerting_framework_health.read_health.status).toBe('ok');
    } finally {
      await client.close();
      await running.close();
    }
  });
});
