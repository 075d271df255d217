import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConflictError,
  KibanaClient,
  NotFoundError,
  ResultWindowError,
  type CallOptions,
  type Schemas,
  type SnoozeRuleBody,
} from '../../src/index.node.js';
import { SEED_IDS, startKibanaMock, type RunningKibanaMock } from '../../src/testing/index.js';
import {
  recordingClient,
  requestExample,
  responseExample,
  expectIdsRefused,
  expectRead,
  expectWrite,
} from '../helpers/recorder.js';
import { validateRequestBody } from '../spec/helpers.js';

/** The smallest valid params of an ES|QL `.es-query` rule. */
const ESQL_PARAMS = {
  searchType: 'esqlQuery' as const,
  esqlQuery: { esql: 'FROM logs-* | LIMIT 1' },
  size: 0,
  threshold: [0],
  thresholdComparator: '>' as const,
  timeWindowSize: 5,
  timeWindowUnit: 'm' as const,
};

const RULE_ID = '3583a470-74f6-11ed-9801-35303b735aef';

/** The documented snooze of a release night. */
const SNOOZE = (requestExample('snoozeRule', 'releaseNight') as SnoozeRuleBody).schedule;
const CONNECTOR_ID = '9dca3e00-74f5-11ed-9801-35303b735aef';

function rule(id: string): Schemas['Rule'] {
  return { ...(responseExample('getRule') as Schemas['Rule']), id };
}

/** A client that keeps the URLs exactly as sent, to check the query-string encoding byte for byte. */
function rawUrlClient(answer: unknown) {
  const urls: string[] = [];
  const fetch = async (input: RequestInfo | URL): Promise<Response> => {
    urls.push(String(input));
    return new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return {
    kibana: new KibanaClient({ url: 'http://kibana.test:5601', auth: { apiKey: 'test-key' }, maxRetries: 0, fetch }),
    urls,
  };
}

describe('rules.health', () => {
  it('GETs /api/alerting/_health and returns the health report', async () => {
    const recorder = recordingClient();
    const { kibana, reply } = recorder;
    reply({ body: responseExample('getAlertingHealth') });
    const health = await kibana.rules.health();
    expectRead(recorder.last, '/api/alerting/_health');
    expect([...recorder.last.query.keys()]).toEqual([]);
    expect(health).toEqual(responseExample('getAlertingHealth'));
    expect(health.is_sufficiently_secure).toBe(true);
    expect(health.alerting_framework_health.execution_health.status).toBe('ok');
  });
});

describe('rules.find', () => {
  it('GETs /api/alerting/rules/_find without a query string when no query is given', async () => {
    const recorder = recordingClient();
    const { kibana, reply } = recorder;
    reply({ body: responseExample('findRules') });
    const page = await kibana.rules.find();
    expectRead(recorder.last, '/api/alerting/rules/_find');
    expect(recorder.last.query.toString()).toBe('');
    expect(page).toEqual(responseExample('findRules'));
    expect(page.total).toBe(1);
    expect(page.data[0]?.name).toBe('my alert');
    expect(page.data[0]?.actions[0]?.connector_type_id).toBe('.server-log');
  });

  it('sends snake_case paging, scalars, and arrays as repeated keys', async () => {
    const recorder = recordingClient();
    const { kibana, reply } = recorder;
    reply({ body: responseExample('findRules', 200, 'securityRule') });
    const page = await kibana.rules.find({
      per_page: 20,
      page: 3,
      search: 'cpu*',
      default_search_operator: 'AND',
      search_fields: ['name', 'tags'],
      sort_field: 'name',
      sort_order: 'desc',
      fields: ['name', 'enabled'],
      filter: 'alert.attributes.tags: "cpu"',
      filter_consumers: ['alerts', 'siem'],
    });
    expectRead(recorder.last, '/api/alerting/rules/_find');
    expect([...recorder.last.query.entries()]).toEqual([
      ['per_page', '20'],
      ['page', '3'],
      ['search', 'cpu*'],
      ['default_search_operator', 'AND'],
      ['search_fields', 'name'],
      ['search_fields', 'tags'],
      ['sort_field', 'name'],
      ['sort_order', 'desc'],
      ['fields', 'name'],
      ['fields', 'enabled'],
      ['filter', 'alert.attributes.tags: "cpu"'],
      ['filter_consumers', 'alerts'],
      ['filter_consumers', 'siem'],
    ]);
    expect(page.data[0]?.rule_type_id).toBe('siem.thresholdRule');
  });

  it('sends a single search field as one key', async () => {
    const recorder = recordingClient();
    const { kibana } = recorder;
    await kibana.rules.find({ search_fields: 'name' });
    expect(recorder.last.query.getAll('search_fields')).toEqual(['name']);
  });

  it('sends has_reference as JSON text, percent-encoded in the URL', async () => {
    const { kibana, urls } = rawUrlClient(responseExample('findRules'));
    await kibana.rules.find({ has_reference: { type: 'action', id: CONNECTOR_ID }, search_fields: ['name', 'tags'] });
    expect(urls).toEqual([
      `http://kibana.test:5601/api/alerting/rules/_find?has_reference=%7B%22type%22%3A%22action%22%2C%22id%22%3A%22${CONNECTOR_ID}%22%7D&search_fields=name&search_fields=tags`,
    ]);
  });

  it('writes only type and id into has_reference, in that order', async () => {
    const recorder = recordingClient();
    const { kibana } = recorder;
    const reference = { id: 'c1', type: 'action', extra: 1 };
    await kibana.rules.find({ has_reference: reference });
    expect(recorder.last.query.get('has_reference')).toBe('{"type":"action","id":"c1"}');
    expect(JSON.parse(recorder.last.query.get('has_reference')!)).toEqual({ type: 'action', id: 'c1' });
  });

  it('leaves has_reference out when it is undefined or null', async () => {
    const { kibana, requests } = recordingClient();
    await kibana.rules.find({ has_reference: undefined, per_page: 5 });
    await kibana.rules.find({ has_reference: null as never, per_page: 5 });
    expect(requests.map((r) => r.query.toString())).toEqual(['per_page=5', 'per_page=5']);
  });

  it('refuses a has_reference that is not a { type, id } object, without sending', async () => {
    const { kibana, requests } = recordingClient();
    await expect(kibana.rules.find({ has_reference: '{"type":"action","id":"c1"}' as never })).rejects.toMatchObject({
      name: 'ArgumentError',
      argument: 'query.has_reference',
    });
    await expect(kibana.rules.find({ has_reference: { type: 'action' } as never })).rejects.toMatchObject({
      name: 'ArgumentError',
      argument: 'query.has_reference.id',
    });
    await expect(kibana.rules.find({ has_reference: { type: '', id: 'c1' } })).rejects.toMatchObject({
      name: 'ArgumentError',
      argument: 'query.has_reference.type',
    });
    await expect(kibana.rules.find('name:cpu' as never)).rejects.toMatchObject({
      name: 'ArgumentError',
      argument: 'query',
    });
    expect(requests).toHaveLength(0);
  });

  it('does not change the caller query object', async () => {
    const { kibana } = recordingClient();
    const query = { has_reference: { type: 'action', id: 'c1' }, per_page: 5 };
    await kibana.rules.find(query);
    expect(query).toEqual({ has_reference: { type: 'action', id: 'c1' }, per_page: 5 });
  });
});

describe('rules.iterate', () => {
  it('pages with per_page 100 until the total and yields every rule', async () => {
    const { kibana, requests, reply } = recordingClient();
    reply((request) => {
      const page = Number(request.query.get('page'));
      const count = page < 3 ? 100 : 50;
      return {
        body: {
          page,
          per_page: 100,
          total: 250,
          data: Array.from({ length: count }, (_, i) => rule(`r${(page - 1) * 100 + i}`)),
        },
      };
    });
    const ids: string[] = [];
    for await (const found of kibana.rules.iterate({
      filter: 'alert.attributes.enabled: true',
      has_reference: { type: 'action', id: 'c1' },
    }))
      ids.push(found.id);
    expect(ids).toHaveLength(250);
    expect(ids[0]).toBe('r0');
    expect(ids[249]).toBe('r249');
    expect(requests).toHaveLength(3);
    for (const [index, request] of requests.entries()) {
      expectRead(request, '/api/alerting/rules/_find');
      expect(request.query.get('page')).toBe(String(index + 1));
      expect(request.query.get('per_page')).toBe('100');
      expect(request.query.get('filter')).toBe('alert.attributes.enabled: true');
      expect(request.query.get('has_reference')).toBe('{"type":"action","id":"c1"}');
    }
  });

  it('starts at query.page with query.per_page, and stops on an empty page', async () => {
    const { kibana, requests, reply } = recordingClient();
    reply((request) =>
      request.query.get('page') === '2'
        ? { body: { page: 2, per_page: 10, total: 999, data: [rule('a'), rule('b')] } }
        : { body: { page: 3, per_page: 10, total: 999, data: [] } },
    );
    const ids: string[] = [];
    for await (const found of kibana.rules.iterate({ page: 2, per_page: 10 }, { space: 'ops' })) ids.push(found.id);
    expect(ids).toEqual(['a', 'b']);
    expect(requests.map((r) => `${r.path}?${r.query.toString()}`)).toEqual([
      '/s/ops/api/alerting/rules/_find?page=2&per_page=10',
      '/s/ops/api/alerting/rules/_find?page=3&per_page=10',
    ]);
  });

  it('throws ResultWindowError past 10,000 rules', async () => {
    const { kibana, requests, reply } = recordingClient();
    // Only ids: the test is about paging, and 10,000 full rules would only slow it down.
    const data = Array.from({ length: 5000 }, (_, i) => ({ id: `r${i}` }));
    reply((request) => ({ body: { page: Number(request.query.get('page')), per_page: 5000, total: 12_000, data } }));
    let seen = 0;
    const error = await (async () => {
      for await (const _ of kibana.rules.iterate({ per_page: 5000 })) seen++;
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResultWindowError);
    expect(error).toMatchObject({ total: 12_000, yielded: 10_000 });
    expect(seen).toBe(10_000);
    expect(requests).toHaveLength(2);
  });

  it('refuses bad paging and a bad has_reference at the call, before any request', () => {
    const { kibana, requests } = recordingClient();
    expect(() => kibana.rules.iterate({ per_page: 0 })).toThrow(
      expect.objectContaining({ name: 'ArgumentError', argument: 'query.per_page' }),
    );
    expect(() => kibana.rules.iterate({ page: 0 })).toThrow(
      expect.objectContaining({ name: 'ArgumentError', argument: 'query.page' }),
    );
    expect(() => kibana.rules.iterate({ has_reference: { type: 'action', id: '' } })).toThrow(
      expect.objectContaining({ argument: 'query.has_reference.id' }),
    );
    expect(requests).toHaveLength(0);
  });
});

describe('rules.get', () => {
  it('GETs /api/alerting/rule/{id} and returns the rule', async () => {
    const recorder = recordingClient();
    const { kibana, reply } = recorder;
    reply({ body: responseExample('getRule') });
    const found = await kibana.rules.get(RULE_ID);
    expectRead(recorder.last, `/api/alerting/rule/${RULE_ID}`);
    expect(found).toEqual(responseExample('getRule'));
    expect(found.execution_status.status).toBe('ok');
    expect(found.monitoring?.run.calculated_metrics.success_ratio).toBe(1);
  });

  it('encodes the id as one path segment', async () => {
    const recorder = recordingClient();
    const { kibana } = recorder;
    await kibana.rules.get('a/b c?');
    expect(recorder.last.path).toBe('/api/alerting/rule/a%2Fb%20c%3F');
  });

  it('throws NotFoundError on 404', async () => {
    const { kibana, reply } = recordingClient();
    reply({
      status: 404,
      body: { statusCode: 404, error: 'Not Found', message: 'Saved object [alert/nope] not found' },
    });
    await expect(kibana.rules.get('nope')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('rules.create', () => {
  it('POSTs /api/alerting/rule (generated id) when no id is given', async () => {
    const recorder = recordingClient();
    const { kibana, reply } = recorder;
    const body = requestExample('createRuleWithGeneratedId') as Parameters<KibanaClient['rules']['create']>[0];
    expect(validateRequestBody('createRuleWithGeneratedId', body)).toEqual([]);
    reply({ body: responseExample('createRuleWithGeneratedId') });
    const created = await kibana.rules.create(body);
    expectWrite(recorder.last, 'POST', '/api/alerting/rule', body);
    expect(created).toEqual(responseExample('createRuleWithGeneratedId'));
    expect(created.id).toBe(RULE_ID);
    expect(created.execution_status.status).toBe('pending');
  });

  it('POSTs /api/alerting/rule/{id} when options.id is given, and keeps the other call options', async () => {
    const recorder = recordingClient();
    const { kibana, reply } = recorder;
    const body = requestExample('createRule') as Parameters<KibanaClient['rules']['create']>[0];
    reply({ body: responseExample('createRule') });
    const created = await kibana.rules.create(body, { id: 'my rule/1', headers: { 'x-trace': 't1' } });
    expectWrite(recorder.last, 'POST', '/api/alerting/rule/my%20rule%2F1', body);
    expect(recorder.last.headers['x-trace']).toBe('t1');
    expect(created.rule_type_id).toBe('.index-threshold');
  });

  it('treats an undefined options.id as no id', async () => {
    const recorder = recordingClient();
    const { kibana } = recorder;
    await kibana.rules.create(
      {
        name: 'n',
        rule_type_id: '.es-query' as const,
        consumer: 'alerts',
        schedule: { interval: '1m' },
        params: ESQL_PARAMS,
      },
      { id: undefined },
    );
    expect(recorder.last.path).toBe('/api/alerting/rule');
  });

  it('refuses an empty options.id and a missing body without sending', async () => {
    const { kibana, requests } = recordingClient();
    const body = {
      name: 'n',
      rule_type_id: '.es-query' as const,
      consumer: 'alerts',
      schedule: { interval: '1m' },
      params: ESQL_PARAMS,
    };
    await expect(kibana.rules.create(body, { id: '' })).rejects.toMatchObject({
      name: 'ArgumentError',
      argument: 'options.id',
    });
    await expect(kibana.rules.create(body, { id: 42 as never })).rejects.toMatchObject({
      name: 'ArgumentError',
      argument: 'options.id',
    });
    await expect(kibana.rules.create(undefined as never)).rejects.toMatchObject({
      name: 'ArgumentError',
      argument: 'body',
    });
    await expect(kibana.rules.create(body, 'r1' as never)).rejects.toMatchObject({
      name: 'ArgumentError',
      argument: 'options',
    });
    expect(requests).toHaveLength(0);
  });

  it('throws ConflictError when the chosen id is taken', async () => {
    const { kibana, reply } = recordingClient();
    reply({ status: 409, body: { statusCode: 409, error: 'Conflict', message: 'Saved object [alert/r1] conflict' } });
    await expect(
      kibana.rules.create(
        {
          name: 'n',
          rule_type_id: '.es-query' as const,
          consumer: 'alerts',
          schedule: { interval: '1m' },
          params: ESQL_PARAMS,
        },
        { id: 'r1' },
      ),
    ).rejects.toBeInstanceOf(ConflictError);
  });
});

describe('rules.update', () => {
  it('PUTs /api/alerting/rule/{id} with the body and returns the updated rule', async () => {
    const recorder = recordingClient();
    const { kibana, reply } = recorder;
    const body = requestExample('updateRule') as Parameters<KibanaClient['rules']['update']>[1];
    expect(validateRequestBody('updateRule', body)).toEqual([]);
    reply({ body: responseExample('updateRule') });
    const updated = await kibana.rules.update(RULE_ID, body);
    expectWrite(recorder.last, 'PUT', `/api/alerting/rule/${RULE_ID}`, body);
    expect(updated).toEqual(responseExample('updateRule'));
    expect(updated.schedule.interval).toBe('5m');
    expect(updated.revision).toBe(2);
  });

  it('refuses a missing body without sending', async () => {
    const { kibana, requests } = recordingClient();
    await expect(kibana.rules.update(RULE_ID, null as never)).rejects.toMatchObject({
      name: 'ArgumentError',
      argument: 'body',
    });
    expect(requests).toHaveLength(0);
  });
});

describe('rules.disable', () => {
  it('POSTs _disable with no body and no content type when untrack is not given', async () => {
    const { kibana, requests, reply } = recordingClient();
    reply({ status: 204 });
    await expect(kibana.rules.disable(RULE_ID)).resolves.toBeUndefined();
    await kibana.rules.disable(RULE_ID, {});
    await kibana.rules.disable(RULE_ID, { untrack: undefined });
    expect(requests).toHaveLength(3);
    for (const request of requests) expectWrite(request, 'POST', `/api/alerting/rule/${RULE_ID}/_disable`);
  });

  it('sends { untrack } when it is given, true or false', async () => {
    const { kibana, requests, reply } = recordingClient();
    reply({ status: 204 });
    await kibana.rules.disable(RULE_ID, { untrack: true });
    await kibana.rules.disable(RULE_ID, { untrack: false });
    expectWrite(requests[0]!, 'POST', `/api/alerting/rule/${RULE_ID}/_disable`, { untrack: true });
    expectWrite(requests[1]!, 'POST', `/api/alerting/rule/${RULE_ID}/_disable`, { untrack: false });
    expect(requests[0]!.body).toEqual(requestExample('disableRule'));
    expect(validateRequestBody('disableRule', requests[1]!.body)).toEqual([]);
  });

  it('refuses a body that is not an object', async () => {
    const { kibana, requests } = recordingClient();
    await expect(kibana.rules.disable(RULE_ID, true as never)).rejects.toMatchObject({
      name: 'ArgumentError',
      argument: 'body',
    });
    expect(requests).toHaveLength(0);
  });
});

describe('rules: POSTs without a body, answered 204', () => {
  const cases: [name: string, call: (k: KibanaClient, options?: CallOptions) => Promise<void>, path: string][] = [
    ['enable', (k, o) => k.rules.enable(RULE_ID, o), `/api/alerting/rule/${RULE_ID}/_enable`],
    ['muteAll', (k, o) => k.rules.muteAll(RULE_ID, o), `/api/alerting/rule/${RULE_ID}/_mute_all`],
    ['unmuteAll', (k, o) => k.rules.unmuteAll(RULE_ID, o), `/api/alerting/rule/${RULE_ID}/_unmute_all`],
    ['updateApiKey', (k, o) => k.rules.updateApiKey(RULE_ID, o), `/api/alerting/rule/${RULE_ID}/_update_api_key`],
    [
      'muteAlert',
      (k, o) => k.rules.muteAlert(RULE_ID, 'host-1', o),
      `/api/alerting/rule/${RULE_ID}/alert/host-1/_mute`,
    ],
    [
      'unmuteAlert',
      (k, o) => k.rules.unmuteAlert(RULE_ID, 'host-1', o),
      `/api/alerting/rule/${RULE_ID}/alert/host-1/_unmute`,
    ],
  ];

  it.each(cases)('%s POSTs with no body and resolves to undefined on 204', async (_, call, path) => {
    const recorder = recordingClient();
    const { kibana, reply } = recorder;
    reply({ status: 204 });
    await expect(call(kibana)).resolves.toBeUndefined();
    expectWrite(recorder.last, 'POST', path);
  });

  it('muteAlert and unmuteAlert encode the alert id as one segment', async () => {
    const { kibana, requests, reply } = recordingClient();
    reply({ status: 204 });
    await kibana.rules.muteAlert('r 1', 'host/1');
    await kibana.rules.unmuteAlert('r1', 'group #2');
    expect(requests.map((r) => r.path)).toEqual([
      '/api/alerting/rule/r%201/alert/host%2F1/_mute',
      '/api/alerting/rule/r1/alert/group%20%232/_unmute',
    ]);
  });

  it('updateApiKey throws ConflictError on 409', async () => {
    const { kibana, reply } = recordingClient();
    reply({ status: 409, body: { statusCode: 409, error: 'Conflict', message: 'conflict' } });
    await expect(kibana.rules.updateApiKey(RULE_ID)).rejects.toBeInstanceOf(ConflictError);
  });
});

describe('rules.delete', () => {
  it('DELETEs /api/alerting/rule/{id} and resolves to undefined on 204', async () => {
    const recorder = recordingClient();
    const { kibana, reply } = recorder;
    reply({ status: 204 });
    await expect(kibana.rules.delete(RULE_ID)).resolves.toBeUndefined();
    expectWrite(recorder.last, 'DELETE', `/api/alerting/rule/${RULE_ID}`);
  });
});

describe('rules.types', () => {
  it('GETs /api/alerting/rule_types and returns the rule types', async () => {
    const recorder = recordingClient();
    const { kibana, reply } = recorder;
    reply({ body: responseExample('getRuleTypes') });
    const types = await kibana.rules.types();
    expectRead(recorder.last, '/api/alerting/rule_types');
    expect(types).toEqual(responseExample('getRuleTypes'));
    expect(types[0]?.id).toBe('.index-threshold');
    expect(types[0]?.recovery_action_group).toEqual({ id: 'recovered', name: 'Recovered' });
    expect(types[0]?.authorized_consumers['alerts']).toEqual({ read: true, all: true });
  });
});

describe('rules in a space', () => {
  // Every method, once through kibana.space('ops') and once with { space: 'ops' } per call.
  const body = {
    name: 'n',
    rule_type_id: '.es-query' as const,
    consumer: 'alerts',
    schedule: { interval: '1m' },
    params: ESQL_PARAMS,
  };
  const calls: [
    name: string,
    call: (k: KibanaClient, options?: CallOptions) => Promise<unknown>,
    method: string,
    path: string,
  ][] = [
    ['health', (k, o) => k.rules.health(o), 'GET', '/api/alerting/_health'],
    ['find', (k, o) => k.rules.find({ per_page: 1 }, o), 'GET', '/api/alerting/rules/_find'],
    ['get', (k, o) => k.rules.get('r1', o), 'GET', '/api/alerting/rule/r1'],
    ['create', (k, o) => k.rules.create(body, o), 'POST', '/api/alerting/rule'],
    ['create with id', (k, o) => k.rules.create(body, { ...o, id: 'r1' }), 'POST', '/api/alerting/rule/r1'],
    ['update', (k, o) => k.rules.update('r1', body, o), 'PUT', '/api/alerting/rule/r1'],
    ['delete', (k, o) => k.rules.delete('r1', o), 'DELETE', '/api/alerting/rule/r1'],
    ['enable', (k, o) => k.rules.enable('r1', o), 'POST', '/api/alerting/rule/r1/_enable'],
    ['disable', (k, o) => k.rules.disable('r1', { untrack: true }, o), 'POST', '/api/alerting/rule/r1/_disable'],
    ['muteAll', (k, o) => k.rules.muteAll('r1', o), 'POST', '/api/alerting/rule/r1/_mute_all'],
    ['unmuteAll', (k, o) => k.rules.unmuteAll('r1', o), 'POST', '/api/alerting/rule/r1/_unmute_all'],
    ['muteAlert', (k, o) => k.rules.muteAlert('r1', 'a1', o), 'POST', '/api/alerting/rule/r1/alert/a1/_mute'],
    ['unmuteAlert', (k, o) => k.rules.unmuteAlert('r1', 'a1', o), 'POST', '/api/alerting/rule/r1/alert/a1/_unmute'],
    ['updateApiKey', (k, o) => k.rules.updateApiKey('r1', o), 'POST', '/api/alerting/rule/r1/_update_api_key'],
    ['types', (k, o) => k.rules.types(o), 'GET', '/api/alerting/rule_types'],
    ['snooze', (k, o) => k.rules.snooze('r1', SNOOZE, o), 'POST', '/api/alerting/rule/r1/snooze_schedule'],
    ['unsnooze', (k, o) => k.rules.unsnooze('r1', 's1', o), 'DELETE', '/api/alerting/rule/r1/snooze_schedule/s1'],
  ];

  it.each(calls)('%s goes to /s/ops through kibana.space and through options.space', async (_, call, method, path) => {
    const { kibana, requests } = recordingClient();
    await call(kibana.space('ops'));
    await call(kibana, { space: 'ops' });
    await call(kibana, { space: 'default' });
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `${method} /s/ops${path}`,
      `${method} /s/ops${path}`,
      `${method} ${path}`,
    ]);
  });
});

describe('rules argument errors', () => {
  const body = {
    name: 'n',
    rule_type_id: '.es-query' as const,
    consumer: 'alerts',
    schedule: { interval: '1m' },
    params: ESQL_PARAMS,
  };
  const calls: [name: string, argument: string, call: (k: KibanaClient, id: string) => Promise<unknown>][] = [
    ['get', 'ruleId', (k, id) => k.rules.get(id)],
    ['update', 'ruleId', (k, id) => k.rules.update(id, body)],
    ['delete', 'ruleId', (k, id) => k.rules.delete(id)],
    ['enable', 'ruleId', (k, id) => k.rules.enable(id)],
    ['disable', 'ruleId', (k, id) => k.rules.disable(id, { untrack: true })],
    ['muteAll', 'ruleId', (k, id) => k.rules.muteAll(id)],
    ['unmuteAll', 'ruleId', (k, id) => k.rules.unmuteAll(id)],
    ['updateApiKey', 'ruleId', (k, id) => k.rules.updateApiKey(id)],
    ['muteAlert (rule)', 'ruleId', (k, id) => k.rules.muteAlert(id, 'a1')],
    ['muteAlert (alert)', 'alertId', (k, id) => k.rules.muteAlert('r1', id)],
    ['unmuteAlert (rule)', 'ruleId', (k, id) => k.rules.unmuteAlert(id, 'a1')],
    ['unmuteAlert (alert)', 'alertId', (k, id) => k.rules.unmuteAlert('r1', id)],
    ['snooze', 'ruleId', (k, id) => k.rules.snooze(id, SNOOZE)],
    ['unsnooze (rule)', 'ruleId', (k, id) => k.rules.unsnooze(id, 's1')],
    ['unsnooze (schedule)', 'scheduleId', (k, id) => k.rules.unsnooze('r1', id)],
  ];

  it.each(calls)('%s: a missing or empty %s is an ArgumentError and nothing is sent', async (_, argument, call) => {
    await expectIdsRefused(argument, call);
  });
});

describe('rules.snooze and rules.unsnooze', () => {
  it('snooze POSTs the schedule to snooze_schedule and answers it with its id', async () => {
    const recorder = recordingClient();
    const { kibana, reply } = recorder;
    reply({ body: responseExample('snoozeRule') });
    const snoozed = await kibana.rules.snooze(RULE_ID, SNOOZE);
    expectWrite(recorder.last, 'POST', `/api/alerting/rule/${RULE_ID}/snooze_schedule`, { schedule: SNOOZE });
    expect(validateRequestBody('snoozeRule', recorder.last.body)).toEqual([]);
    expect(snoozed.schedule.id).toBe('7bd9c5b0-4a7e-4c11-8e0f-2f6d4c8a9b13');
    expect(snoozed.schedule.custom?.duration).toBe('3h');
  });

  it('unsnooze DELETEs the schedule, encoding both ids as path segments, and resolves to undefined', async () => {
    const recorder = recordingClient();
    const { kibana, reply } = recorder;
    reply({ status: 204 });
    await expect(kibana.rules.unsnooze('rule/1', 'snooze 1')).resolves.toBeUndefined();
    expectWrite(recorder.last, 'DELETE', '/api/alerting/rule/rule%2F1/snooze_schedule/snooze%201');
  });

  it('refuses a schedule that is not an object, without sending', async () => {
    const { kibana, requests } = recordingClient();
    await expect(kibana.rules.snooze(RULE_ID, null as never)).rejects.toMatchObject({
      name: 'ArgumentError',
      argument: 'schedule',
    });
    expect(requests).toHaveLength(0);
  });

  describe('against the mock Kibana', () => {
    let running: RunningKibanaMock;
    let kibana: KibanaClient;
    beforeAll(async () => {
      running = await startKibanaMock();
      kibana = new KibanaClient({ url: running.url, auth: { apiKey: 'test-key' }, maxRetries: 0 });
    });
    afterAll(() => running.close());

    it('a snooze shows on the rule until it is removed', async () => {
      const start = new Date(Date.now() - 60_000).toISOString();
      const { schedule } = await kibana.rules.snooze(SEED_IDS.indexThresholdRule, {
        custom: { start, duration: '3h' },
      });
      const snoozed = await kibana.rules.get(SEED_IDS.indexThresholdRule);
      expect(snoozed.snooze_schedule?.map((s) => s.id)).toEqual([schedule.id]);
      expect(snoozed.is_snoozed_until).toBe(new Date(Date.parse(start) + 3 * 3_600_000).toISOString());

      await kibana.rules.unsnooze(SEED_IDS.indexThresholdRule, schedule.id);
      const after = await kibana.rules.get(SEED_IDS.indexThresholdRule);
      expect(after.snooze_schedule).toEqual([]);
      expect(after.is_snoozed_until).toBeNull();
    });

    it('keeps a documented recurring snooze as given', async () => {
      const everyMonday = (requestExample('snoozeRule', 'everyMonday') as SnoozeRuleBody).schedule;
      const { schedule } = await kibana.rules.snooze(SEED_IDS.indexThresholdRule, everyMonday);
      expect(schedule.custom).toEqual(everyMonday.custom);
      const rule = await kibana.rules.get(SEED_IDS.indexThresholdRule);
      expect(rule.snooze_schedule?.find((s) => s.id === schedule.id)?.rRule).toMatchObject({
        dtstart: '2026-03-16T06:00:00.000Z',
        tzid: 'Europe/Berlin',
        count: 10,
        byweekday: ['MO'],
      });
      await kibana.rules.unsnooze(SEED_IDS.indexThresholdRule, schedule.id);
    });

    it('a bad schedule is a BadRequestError naming the field, and a missing rule a NotFoundError', async () => {
      await expect(
        kibana.rules.snooze(SEED_IDS.indexThresholdRule, { custom: { start: 'tonight', duration: '3h' } }),
      ).rejects.toMatchObject({
        name: 'BadRequestError',
        message: expect.stringContaining('Invalid snooze start date: tonight'),
      });
      await expect(kibana.rules.snooze('no-such-rule', SNOOZE)).rejects.toBeInstanceOf(NotFoundError);
      await expect(kibana.rules.unsnooze('no-such-rule', 's1')).rejects.toBeInstanceOf(NotFoundError);
    });
  });
});
