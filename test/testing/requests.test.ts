// mock.requests: what a test reads to assert what its code sent, through msw and on the loopback server.
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KibanaClient, type OperationBody, UnauthorizedError } from '../../src/index.node.js';
import { SEED_IDS, createKibanaMock, startKibanaMock } from '../../src/testing/index.js';

const API_KEY = 'cmVxdWVzdC1sb2c6c2VjcmV0LWtleQ==';

const newCase: OperationBody<'createCase'> = {
  title: 'Disk full on db-1',
  description: 'The data disk is at 98%.',
  owner: 'cases',
  tags: ['db'],
  connector: { id: 'none', name: 'none', type: '.none', fields: null },
  settings: { syncAlerts: false },
};

const mock = createKibanaMock({ url: 'http://kibana.test/kibana' });
const server = setupServer(...mock.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mock.reset());
afterAll(() => server.close());

const kibana = new KibanaClient({ url: mock.url, auth: { apiKey: API_KEY }, maxRetries: 0 });

describe('mock.requests', () => {
  it('lists each call oldest first, with its operation, method, path after the base path, space and body', async () => {
    expect(mock.requests).toEqual([]);
    const created = await kibana.space('ops').cases.create(newCase);
    await kibana.cases.find({ tags: ['db', 'disk'], perPage: 5, page: 2 });
    await kibana.space('ops').cases.get(created.id);
    expect(mock.requests).toEqual([
      {
        operationId: 'createCase',
        method: 'POST',
        path: '/s/ops/api/cases',
        space: 'ops',
        query: {},
        body: newCase,
      },
      {
        operationId: 'findCases',
        method: 'GET',
        path: '/api/cases/_find',
        space: 'default',
        query: { tags: ['db', 'disk'], perPage: 5, page: 2 },
        body: undefined,
      },
      {
        operationId: 'getCase',
        method: 'GET',
        path: `/s/ops/api/cases/${created.id}`,
        space: 'ops',
        query: {},
        body: undefined,
      },
    ]);
  });

  it('keeps the path as sent, percent-encoded', async () => {
    await kibana.cases.get('a b/c').catch(() => undefined);
    expect(mock.requests.map((request) => request.path)).toEqual(['/api/cases/a%20b%2Fc']);
  });

  it('keeps a multipart body as its parts, files by name, size and type', async () => {
    const created = await kibana.cases.create(newCase);
    await kibana.cases.attachFile(created.id, { file: 'line one\nline two\n', fileName: 'app.log' });
    const upload = mock.requests.at(-1);
    expect(upload).toMatchObject({
      operationId: 'addCaseFile',
      method: 'POST',
      path: `/api/cases/${created.id}/files`,
    });
    expect(upload?.body).toEqual({
      file: { fileName: 'app.log', size: 18, type: expect.any(String) },
      filename: 'app',
    });
  });

  it('logs the calls the mock refuses too, and never their credentials', async () => {
    const intruder = new KibanaClient({
      url: mock.url,
      auth: { username: 'mallory', password: 'hunter2-secret' },
      maxRetries: 0,
    });
    await intruder.cases.find();
    expect(mock.requests).toHaveLength(1);
    const guarded = createKibanaMock({ url: mock.url, auth: { apiKey: 'the-only-key' } });
    server.use(...guarded.handlers);
    try {
      await expect(kibana.cases.find()).rejects.toBeInstanceOf(UnauthorizedError);
      expect(guarded.requests).toHaveLength(1);
      expect(guarded.requests[0]).toMatchObject({ operationId: 'findCases' });
    } finally {
      server.resetHandlers();
    }
    const logged = JSON.stringify([...mock.requests, ...guarded.requests]);
    for (const secret of [API_KEY, 'hunter2-secret', btoa('mallory:hunter2-secret'), 'the-only-key'])
      expect(logged).not.toContain(secret);
  });

  it("hides the values of a connector's secrets, keeping their names", async () => {
    await kibana.connectors.create({
      connector_type_id: '.webhook',
      name: 'Hook',
      config: { url: 'https://hooks.example.com/in', method: 'post', hasAuth: true },
      secrets: { user: 'hook-user', password: 'hook-password' },
    });
    const body = mock.requests.at(-1)?.body;
    expect(body).toMatchObject({ name: 'Hook', secrets: { user: '[hidden]', password: '[hidden]' } });
    expect(JSON.stringify(mock.requests)).not.toContain('hook-password');
  });

  it('keeps a query value that does not parse as sent, and a body that is not JSON as its text', async () => {
    const raw = await fetch(`${mock.url}/api/cases/_find?perPage=many&unknown=1&unknown=2`, {
      headers: { authorization: `ApiKey ${API_KEY}` },
    });
    expect(raw.status).toBe(400);
    await fetch(`${mock.url}/api/cases`, {
      method: 'POST',
      headers: { authorization: `ApiKey ${API_KEY}`, 'kbn-xsrf': 'true', 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(mock.requests.map(({ query, body }) => ({ query, body }))).toEqual([
      { query: { perPage: 'many', unknown: ['1', '2'] }, body: undefined },
      { query: {}, body: '{not json' },
    ]);
  });

  it('is a new array on each read, and reset() empties it', async () => {
    await kibana.rules.get(SEED_IDS.indexThresholdRule);
    const read = mock.requests;
    expect(read).toHaveLength(1);
    expect(Object.isFrozen(read[0])).toBe(true);
    (read as unknown[]).push('not a request');
    expect(mock.requests).toHaveLength(1);
    mock.reset();
    expect(mock.requests).toEqual([]);
    expect(read).toHaveLength(2);
  });
});

describe('mock.requests on the loopback server', () => {
  it('logs what the undici transport sent', async () => {
    const running = await startKibanaMock();
    const client = new KibanaClient({ url: running.url, auth: { apiKey: API_KEY }, transport: 'undici' });
    try {
      await client.space('ops').rules.muteAlert(SEED_IDS.opsRule, 'host-9');
      expect(running.mock.requests).toEqual([
        {
          operationId: 'muteAlert',
          method: 'POST',
          path: `/s/ops/api/alerting/rule/${SEED_IDS.opsRule}/alert/host-9/_mute`,
          space: 'ops',
          query: {},
          body: undefined,
        },
      ]);
    } finally {
      await client.close();
      await running.close();
    }
  });
});
