import { inspect } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import {
  ArgumentError,
  ConfigurationError,
  ConflictError,
  DeserializationError,
  ForbiddenError,
  KibanaClient,
  NotFoundError,
  UnauthorizedError,
} from '../src/index.node.js';
import { recordingClient } from './helpers/recorder.js';

const kibanaError = (statusCode: number, error: string, message: string) => ({
  status: statusCode,
  body: { statusCode, error, message },
});

describe('KibanaClient requests', () => {
  it('puts the space prefix after the base path', async () => {
    const { kibana, requests } = recordingClient({ url: 'https://host/kibana' });
    await kibana.space('ops').cases.get('c1');
    await kibana.cases.get('c2', { space: 'sec' });
    await kibana.space('default').cases.get('c3');
    await kibana.cases.get('c4');
    expect(requests.map((r) => r.path)).toEqual([
      '/kibana/s/ops/api/cases/c1',
      '/kibana/s/sec/api/cases/c2',
      '/kibana/api/cases/c3',
      '/kibana/api/cases/c4',
    ]);
  });

  it('uses the space of the client options for every call', async () => {
    const { kibana, requests } = recordingClient({ space: 'team-a' });
    await kibana.cases.find();
    await kibana.rules.find();
    expect(requests.map((r) => r.path)).toEqual(['/s/team-a/api/cases/_find', '/s/team-a/api/alerting/rules/_find']);
  });

  it('sends kbn-xsrf on writes only, and a JSON content type only with a JSON body', async () => {
    const recorder = recordingClient();
    await recorder.kibana.cases.get('c1');
    await recorder.kibana.rules.enable('r1');
    await recorder.kibana.request('put', '/api/actions/connector/{id}', {
      params: { path: { id: 'x' } },
      body: { name: 'n' } as never,
    });
    const [get, post, put] = recorder.requests;
    expect(get!.headers['kbn-xsrf']).toBeUndefined();
    expect(get!.headers['content-type']).toBeUndefined();
    expect(post!.headers['kbn-xsrf']).toBe('true');
    expect(put!.headers['kbn-xsrf']).toBe('true');
    expect(put!.headers['content-type']).toBe('application/json');
  });

  it('sends elastic-api-version on exactly the operations whose spec declares it', async () => {
    const recorder = recordingClient();
    await recorder.kibana.request('get', '/api/apm/sourcemaps');
    await recorder.kibana.request('get', '/api/alerting/_health');
    expect(recorder.requests[0]!.headers['elastic-api-version']).toBe('2023-10-31');
    expect(recorder.requests[1]!.headers['elastic-api-version']).toBeUndefined();
  });

  it('sends the credentials, the custom headers and a user agent', async () => {
    const { kibana, requests } = recordingClient({
      auth: { username: 'elastic', password: 'changeme' },
      headers: { 'X-Opaque-Id': 'abc' },
    });
    await kibana.cases.get('c1', { headers: { 'x-request': '1' } });
    expect(requests[0]!.headers).toMatchObject({
      authorization: 'Basic ZWxhc3RpYzpjaGFuZ2VtZQ==',
      'x-opaque-id': 'abc',
      'x-request': '1',
    });
    expect(requests[0]!.headers['user-agent']).toMatch(/^kibana-sdk\/\d+\.\d+\.\d+ \(Node\.js v\d+/);
  });

  it('types and sends a raw request to any operation', async () => {
    const { kibana, requests, reply } = recordingClient();
    reply({ body: { page: 1, per_page: 10, total: 0, data: [] } });
    const found = await kibana.request('get', '/api/alerting/rules/_find', {
      params: { query: { per_page: 10, search_fields: ['name', 'tags'] } },
    });
    expect(found.total).toBe(0);
    expect(requests[0]!.query.getAll('search_fields')).toEqual(['name', 'tags']);
  });

  it('refuses unknown call options and bad per-call values before sending', async () => {
    const { kibana, requests } = recordingClient();
    await expect(kibana.cases.get('c1', { timeout: 5 } as never)).rejects.toThrow(
      'Invalid argument options.timeout: is not a call option',
    );
    await expect(kibana.cases.get('c1', { requestTimeout: 0 })).rejects.toThrow(ArgumentError);
    await expect(kibana.cases.get('c1', { space: 'Bad Space' })).rejects.toThrow(/options\.space.*"Bad Space"/);
    await expect(kibana.cases.get('c1', { signal: 'x' as never })).rejects.toThrow(/options\.signal/);
    expect(requests).toHaveLength(0);
  });
});

describe('KibanaClient.space', () => {
  it('returns one client per space that shares the transport and listeners', async () => {
    const { kibana, requests, reply } = recordingClient();
    const ops = kibana.space('ops');
    expect(kibana.space('ops')).toBe(ops);
    expect(ops.spaceId).toBe('ops');
    const warnings: string[] = [];
    kibana.on('warning', (event) => warnings.push(event.warning));
    reply({ body: {}, headers: { warning: '299 Kibana-8.15.0 "deprecated"' } });
    await ops.rules.health();
    expect(warnings).toEqual(['299 Kibana-8.15.0 "deprecated"']);
    expect(requests).toHaveLength(1);
  });

  it('refuses an invalid space id before any request', () => {
    const { kibana, requests } = recordingClient();
    expect(() => kibana.space('Ops!')).toThrow(ConfigurationError);
    expect(() => kibana.space(undefined as never)).toThrow(/space/);
    expect(requests).toHaveLength(0);
  });
});

describe('KibanaClient errors', () => {
  it.each([
    [401, 'Unauthorized', UnauthorizedError],
    [403, 'Forbidden', ForbiddenError],
    [404, 'Not Found', NotFoundError],
    [409, 'Conflict', ConflictError],
  ])("gives %i as its class with Kibana's message", async (status, text, ErrorClass) => {
    const { kibana, reply } = recordingClient();
    reply(kibanaError(status, text, 'Kibana says no'));
    const error = await kibana.cases.get('c1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toMatchObject({
      statusCode: status,
      body: { message: 'Kibana says no' },
      request: { method: 'GET', path: '/api/cases/{caseId}', url: '/api/cases/c1' },
    });
    expect((error as Error).message).toBe(`GET /api/cases/{caseId} failed with ${status} ${text}: Kibana says no`);
  });

  it('reports a 200 whose body is not JSON as a DeserializationError', async () => {
    const kibana = new KibanaClient({
      url: 'http://kibana.test',
      auth: { apiKey: 'k' },
      fetch: async () =>
        new Response('<html>proxy login</html>', { status: 200, headers: { 'content-type': 'text/html' } }),
    });
    const error = await kibana.cases.get('c1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeserializationError);
    expect((error as Error).message).toMatch(
      /GET \/api\/cases\/\{caseId\} answered 200 with a body that is not JSON: "<html>proxy login/,
    );
  });

  it('shows a client in util.inspect as its summary, the space and withOptions clients too', () => {
    const kibana = new KibanaClient({ url: 'https://kibana.example:5601/base', auth: { apiKey: 'k' } });
    expect(inspect(kibana)).toBe(
      'KibanaClient {"url":"https://kibana.example:5601/base","space":"default","transport":"fetch"}',
    );
    expect(inspect(kibana.space('ops').withOptions({ maxRetries: 0 }))).toBe(
      'KibanaClient {"url":"https://kibana.example:5601/base","space":"ops","transport":"fetch"}',
    );
  });

  it('never shows credentials in errors, JSON or inspection', async () => {
    const secrets = ['very-secret-api-key', 'hunter2-password', 'bearer-token-xyz'];
    const clients = [
      recordingClient({ auth: { apiKey: secrets[0]! } }),
      recordingClient({ auth: { username: 'elastic', password: secrets[1]! } }),
      recordingClient({ auth: { bearer: secrets[2]! } }),
    ];
    for (const { kibana, reply } of clients) {
      reply(kibanaError(401, 'Unauthorized', '[security_exception]: unable to authenticate'));
      const error = await kibana.cases.get('c1').catch((e: unknown) => e);
      const views = [
        String(error),
        JSON.stringify(error),
        inspect(error, { depth: 10, showHidden: true }),
        inspect(kibana, { depth: 10, showHidden: true }),
        JSON.stringify(kibana),
        inspect(kibana.cases, { showHidden: true }),
      ];
      for (const view of views)
        for (const secret of [...secrets, Buffer.from(`elastic:${secrets[1]}`).toString('base64')])
          expect(view).not.toContain(secret);
    }
  });

  it('does not call fetch for a missing id', async () => {
    const fetch = vi.fn();
    const kibana = new KibanaClient({ url: 'http://kibana', auth: { apiKey: 'k' }, fetch });
    await expect(kibana.cases.get(undefined as never)).rejects.toThrow(
      'Invalid argument caseId: expected a non-empty string, got undefined',
    );
    await expect(kibana.cases.get('')).rejects.toThrow('Invalid argument caseId: must not be empty');
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('KibanaClient body checks', () => {
  it('names a missing required body field before sending', async () => {
    const { kibana, requests } = recordingClient();
    const body = {
      title: 'Disk full',
      description: 'db-1',
      tags: [],
      owner: 'cases',
      settings: { syncAlerts: false },
      connector: { id: 'none', name: 'none', type: '.none', fields: null },
    };
    const { title: _omitted, ...withoutTitle } = body;
    await expect(kibana.cases.create(withoutTitle as never)).rejects.toThrow(
      'Invalid argument body.title: is required',
    );
    await expect(kibana.request('post', '/api/alerting/rule', { body: { name: 'x' } as never })).rejects.toThrow(
      'Invalid argument body.consumer: is required',
    );
    await expect(kibana.request('post', '/api/cases', { body: 'text' as never })).rejects.toThrow(
      'Invalid argument body: expected an object, got string',
    );
    expect(requests).toHaveLength(0);
    await kibana.cases.create(body as never);
    expect(requests).toHaveLength(1);
  });
});
