// Acting as another user for one call: the `auth` call option replaces the client's credentials for
// that call only, is checked like the client's before anything is sent, and never shows in an error
// or an event, over both transports and against a loopback server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArgumentError, KibanaClient, type KibanaError } from '../../src/index.node.js';
import { json, startServer, type TestServer } from '../helpers/server.js';
import { AUTHS, SECRETS, leaksIn } from './secrets.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const CLIENT_AUTH = { apiKey: 'client-key' };

describe.each(['fetch', 'undici'] as const)('per-call auth over the %s transport', (transport) => {
  const kibana = () => new KibanaClient({ url: server.url, auth: CLIENT_AUTH, transport, maxRetries: 1 });

  it.each(AUTHS)('sends $kind credentials for that call only', async ({ auth, header }) => {
    server.handle((_, response) => json(response, 200, { id: 'case-1' }));
    const client = kibana();
    await client.cases.get('case-1', { auth });
    await client.cases.get('case-1');
    const [asOther, asClient] = server.requests.slice(-2);
    expect(asOther?.headers.authorization).toBe(header);
    expect(asClient?.headers.authorization).toBe('ApiKey client-key');
  });

  it('keeps the per-call headers next to the per-call credentials', async () => {
    server.handle((_, response) => json(response, 200, {}));
    await kibana().cases.get('case-1', { auth: { bearer: 'other-token' }, headers: { 'x-opaque-id': 'job-7' } });
    const sent = server.requests.at(-1);
    expect(sent?.headers.authorization).toBe('Bearer other-token');
    expect(sent?.headers['x-opaque-id']).toBe('job-7');
  });

  it('uses the per-call credentials on every retry of the call', async () => {
    let answered = 0;
    server.handle((_, response) => json(response, answered++ === 0 ? 503 : 200, {}, { 'retry-after': '0' }));
    await kibana().cases.get('case-1', { auth: { bearer: 'other-token' } });
    expect(server.requests.slice(-2).map((request) => request.headers.authorization)).toEqual([
      'Bearer other-token',
      'Bearer other-token',
    ]);
  });

  it.each([
    [{ bearer: '' }, 'options.auth.bearer', 'must not be empty'],
    [{ bearer: `${SECRETS.bearer}\n` }, 'options.auth.bearer', 'line breaks'],
    [{ apiKey: { id: SECRETS.keyId } }, 'options.auth.apiKey.api_key', 'expected a string'],
    [{ username: 'a:b', password: SECRETS.password }, 'options.auth.username', 'must not contain ":"'],
    [{ apiKey: SECRETS.apiKey, bearer: SECRETS.bearer }, 'options.auth', 'exactly one of'],
    ['token', 'options.auth', 'expected { apiKey }'],
  ])('refuses %j before sending, naming %s', async (auth, argument, problem) => {
    const before = server.requests.length;
    const error = await kibana()
      .cases.get('case-1', { auth: auth as never })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ArgumentError);
    expect((error as ArgumentError).argument).toBe(argument);
    expect((error as ArgumentError).message).toContain(problem);
    expect(leaksIn(error, 'error')).toEqual([]);
    expect(server.requests.length).toBe(before);
  });

  it.each(AUTHS)('keeps $kind per-call credentials out of errors and events', async ({ auth }) => {
    server.handle((_, response) =>
      json(response, 503, { statusCode: 503, error: 'Service Unavailable', message: 'busy' }, { 'retry-after': '0' }),
    );
    const client = kibana();
    const events: unknown[] = [];
    client.on('retry', (event) => events.push(event));
    const error = await client.cases.get('case-1', { auth }).catch((caught: KibanaError) => caught);
    expect(events).toHaveLength(1);
    expect(leaksIn(error, 'error')).toEqual([]);
    expect(leaksIn(events, 'events')).toEqual([]);
  });
});
