import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { KibanaClient, NotFoundError, type KibanaResponse } from '../src/index.node.js';
import { splitWarnings } from '../src/response.js';
import { json, startServer, type TestServer } from './helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const DEPRECATED = '299 Kibana-8.15.0 "The find API is deprecated, use search"';
const RENAMED = '299 Kibana-8.15.0 "Field \\"foo\\" is renamed, see docs"';

describe.each(['fetch', 'undici'] as const)('withResponse() over the %s transport', (transport) => {
  const kibana = () => new KibanaClient({ url: server.url, auth: { apiKey: 'k' }, transport, maxRetries: 0 });

  it('gives the data, the status, the headers by any case, and no warnings', async () => {
    server.handle((_, response) => json(response, 200, { id: 'case-1', title: 'Disk' }, { 'X-Request-Id': 'r-7' }));
    const answer = await kibana().cases.get('case-1').withResponse();
    expect(answer.data).toEqual({ id: 'case-1', title: 'Disk' });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-request-id')).toBe('r-7');
    expect(answer.headers.get('X-REQUEST-ID')).toBe('r-7');
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(answer.headers.get('x-missing')).toBeNull();
    expect(answer.headers.toRecord()['x-request-id']).toBe('r-7');
    expect(answer.warnings).toEqual([]);
  });

  it("lists each of Kibana's warning headers", async () => {
    server.handle((_, response) => {
      response.setHeader('warning', [DEPRECATED, RENAMED]);
      json(response, 200, { page: 1, perPage: 20, total: 0, cases: [] });
    });
    const answer = await kibana().cases.find().withResponse();
    expect(answer.warnings).toEqual([DEPRECATED, RENAMED]);
  });

  it('leaves a plain await unchanged and runs the call once either way', async () => {
    server.handle((_, response) => json(response, 200, { id: 'case-1' }));
    const before = server.requests.length;
    const call = kibana().cases.get('case-1');
    const answer = await call.withResponse();
    expect(await call).toEqual({ id: 'case-1' });
    expect(await call.withResponse()).toBe(answer);
    expect(server.requests.length - before).toBe(1);
  });

  it('gives status 204 and no data for an empty answer', async () => {
    server.handle((_, response) => {
      response.writeHead(204);
      response.end();
    });
    const answer = await kibana().connectors.delete('c-1').withResponse();
    expect(answer.status).toBe(204);
    expect(answer.data).toBeUndefined();
  });

  it('works on kibana.request, also for a path the spec does not know', async () => {
    server.handle((_, response) => json(response, 200, { status: { overall: { level: 'available' } } }));
    const answer = await kibana()
      .request('get', '/api/status/x' as '/api/cases/_find')
      .withResponse();
    expect(answer.status).toBe(200);
    expect(server.requests.at(-1)?.url).toBe('/api/status/x');
  });

  it('rejects as the call does, and the unused data promise reports nothing', async () => {
    server.handle((_, response) => json(response, 404, { statusCode: 404, error: 'Not Found', message: 'nope' }));
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      await expect(kibana().cases.get('case-1').withResponse()).rejects.toBeInstanceOf(NotFoundError);
      await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      process.off('unhandledRejection', record);
    }
    expect(unhandled).toEqual([]);
  });

  it("gives the last answer of a call made of several requests, with that call's result", async () => {
    server.handle((request, response) => {
      if (request.method === 'GET') json(response, 200, { id: 'case-1', version: 'v1' }, { 'x-step': 'read' });
      else json(response, 200, [{ id: 'case-1', version: 'v2', status: 'closed' }], { 'x-step': 'write' });
    });
    const answer = await kibana().cases.close('case-1').withResponse();
    expect(answer.data).toEqual({ id: 'case-1', version: 'v2', status: 'closed' });
    expect(answer.headers.get('x-step')).toBe('write');
    expect(JSON.parse(server.requests.at(-1)!.body)).toEqual({
      cases: [{ id: 'case-1', version: 'v1', status: 'closed' }],
    });
  });

  it('gives undefined data, with the status, for methods whose answer carries nothing of use', async () => {
    server.handle((_, response) => json(response, 200, { result: 'created' }, { 'x-step': 'save' }));
    const answer = await kibana()
      .apm.agentConfiguration.save({ service: { name: 'frontend' }, settings: { transaction_sample_rate: '0.4' } })
      .withResponse();
    expect(answer.data).toBeUndefined();
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-step')).toBe('save');
    await expect(
      kibana().apm.agentConfiguration.save({ service: { name: 'f' }, settings: { transaction_sample_rate: '1' } }),
    ).resolves.toBeUndefined();
  });

  it('works on a create with its own id', async () => {
    server.handle((_, response) => json(response, 200, { id: 'ops-log', connector_type_id: '.server-log' }));
    const answer = await kibana()
      .connectors.create({ name: 'log', connector_type_id: '.server-log' }, { id: 'ops-log' })
      .withResponse();
    expect(answer.data.id).toBe('ops-log');
    expect(server.requests.at(-1)?.url).toBe('/api/actions/connector/ops-log');
  });

  it('rejects a bad argument through the promise, before any request', async () => {
    const before = server.requests.length;
    await expect(kibana().cases.get('').withResponse()).rejects.toThrow(/caseId/);
    expect(server.requests.length).toBe(before);
  });
});

describe('withResponse() types', () => {
  it('types data as the method result', () => {
    const kibana = new KibanaClient({ url: 'http://127.0.0.1:1', auth: { apiKey: 'k' } });
    const call = () => kibana.cases.get('case-1').withResponse();
    expectTypeOf<Awaited<ReturnType<typeof call>>['data']>().toEqualTypeOf<
      Awaited<ReturnType<typeof kibana.cases.get>>
    >();
    expectTypeOf<Awaited<ReturnType<typeof call>>>().toMatchTypeOf<KibanaResponse<unknown>>();
  });
});

describe('splitWarnings', () => {
  it('splits values joined by commas, keeping commas inside the texts', () => {
    expect(splitWarnings(`${DEPRECATED}, 299 Kibana-8.15.0 "a, b, c"`)).toEqual([
      DEPRECATED,
      '299 Kibana-8.15.0 "a, b, c"',
    ]);
  });

  it('keeps a value with a date, and a value it cannot parse as it is', () => {
    const dated = '299 Kibana-8.15.0 "gone soon" "Sat, 25 Aug 2012 23:34:45 GMT"';
    expect(splitWarnings(dated)).toEqual([dated]);
    expect(splitWarnings('deprecated')).toEqual(['deprecated']);
    expect(splitWarnings(null)).toEqual([]);
  });
});
