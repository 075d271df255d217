import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArgumentError, KibanaClient, isKibanaError } from '../../src/index.node.js';
import { faults, startFaultServer, type FaultServer } from './faults.js';

/**
 * Every resource method that puts caller-given ids in the URL, fuzzed against a real loopback
 * server: each id must arrive as exactly one path segment that decodes back to the id, on the
 * intended route, or the call must fail with ArgumentError before anything is sent.
 */

let server: FaultServer;
let kibana: KibanaClient;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  server = await startFaultServer();
  server.use(faults.ok({}));
  kibana = new KibanaClient({
    url: server.url,
    auth: { apiKey: 'fuzz-key' },
    transport: 'undici',
    maxRetries: 0,
    connections: 4,
  });
});

afterAll(async () => {
  await kibana.close();
  await server.close();
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

/** One method that takes ids: where they must land, and how to call it. */
interface IdRoute {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The path the server must see, `{0}` and `{1}` standing for the ids in argument order. */
  path: string;
  /** The names an ArgumentError may give: the method's argument and the spec's path parameter. */
  names: string[][];
  call: (ids: string[]) => Promise<unknown>;
}

const at = (ids: string[], index: number) => ids[index]!;

const ROUTES: IdRoute[] = [
  {
    name: 'cases.get',
    method: 'GET',
    path: '/api/cases/{0}',
    names: [['caseId']],
    call: (ids) => kibana.cases.get(at(ids, 0)),
  },
  {
    name: 'cases.getAlerts',
    method: 'GET',
    path: '/api/cases/{0}/alerts',
    names: [['caseId']],
    call: (ids) => kibana.cases.getAlerts(at(ids, 0)),
  },
  {
    name: 'cases.getCasesByAlert',
    method: 'GET',
    path: '/api/cases/alerts/{0}',
    names: [['alertId']],
    call: (ids) => kibana.cases.getCasesByAlert(at(ids, 0)),
  },
  {
    name: 'cases.deleteComments',
    method: 'DELETE',
    path: '/api/cases/{0}/comments',
    names: [['caseId']],
    call: (ids) => kibana.cases.deleteComments(at(ids, 0)),
  },
  {
    name: 'cases.deleteComment',
    method: 'DELETE',
    path: '/api/cases/{0}/comments/{1}',
    names: [['caseId'], ['commentId']],
    call: (ids) => kibana.cases.deleteComment(at(ids, 0), at(ids, 1)),
  },
  {
    name: 'cases.getComment',
    method: 'GET',
    path: '/api/cases/{0}/comments/{1}',
    names: [['caseId'], ['commentId']],
    call: (ids) => kibana.cases.getComment(at(ids, 0), at(ids, 1)),
  },
  {
    name: 'cases.push',
    method: 'POST',
    path: '/api/cases/{0}/connector/{1}/_push',
    names: [['caseId'], ['connectorId']],
    call: (ids) => kibana.cases.push(at(ids, 0), at(ids, 1)),
  },
  {
    name: 'cases.findComments',
    method: 'GET',
    path: '/api/cases/{0}/comments/_find',
    names: [['caseId']],
    call: (ids) => kibana.cases.findComments(at(ids, 0)),
  },
  {
    name: 'cases.findUserActions',
    method: 'GET',
    path: '/api/cases/{0}/user_actions/_find',
    names: [['caseId']],
    call: (ids) => kibana.cases.findUserActions(at(ids, 0)),
  },
  {
    name: 'cases.addComment',
    method: 'POST',
    path: '/api/cases/{0}/comments',
    names: [['caseId']],
    call: (ids) => kibana.cases.addComment(at(ids, 0), { type: 'user', comment: 'fuzz', owner: 'cases' }),
  },
  {
    name: 'cases.updateConfiguration',
    method: 'PATCH',
    path: '/api/cases/configure/{0}',
    names: [['configurationId']],
    call: (ids) => kibana.cases.updateConfiguration(at(ids, 0), { version: 'WzEsMV0=' }),
  },
  {
    name: 'rules.get',
    method: 'GET',
    path: '/api/alerting/rule/{0}',
    names: [['ruleId', 'id']],
    call: (ids) => kibana.rules.get(at(ids, 0)),
  },
  {
    name: 'rules.update',
    method: 'PUT',
    path: '/api/alerting/rule/{0}',
    names: [['ruleId', 'id']],
    call: (ids) => kibana.rules.update(at(ids, 0), { name: 'fuzz', schedule: { interval: '1m' }, params: {} }),
  },
  {
    name: 'rules.create (options.id)',
    method: 'POST',
    path: '/api/alerting/rule/{0}',
    names: [['options.id', 'id']],
    call: (ids) =>
      kibana.rules.create(
        {
          name: 'fuzz',
          rule_type_id: '.index-threshold',
          consumer: 'alerts',
          schedule: { interval: '1m' },
          params: {
            index: ['metrics-*'],
            threshold: [90],
            thresholdComparator: '>',
            timeField: '@timestamp',
            timeWindowSize: 5,
            timeWindowUnit: 'm',
          },
        },
        { id: at(ids, 0) },
      ),
  },
  {
    name: 'rules.delete',
    method: 'DELETE',
    path: '/api/alerting/rule/{0}',
    names: [['ruleId', 'id']],
    call: (ids) => kibana.rules.delete(at(ids, 0)),
  },
  {
    name: 'rules.enable',
    method: 'POST',
    path: '/api/alerting/rule/{0}/_enable',
    names: [['ruleId', 'id']],
    call: (ids) => kibana.rules.enable(at(ids, 0)),
  },
  {
    name: 'rules.disable',
    method: 'POST',
    path: '/api/alerting/rule/{0}/_disable',
    names: [['ruleId', 'id']],
    call: (ids) => kibana.rules.disable(at(ids, 0)),
  },
  {
    name: 'rules.muteAll',
    method: 'POST',
    path: '/api/alerting/rule/{0}/_mute_all',
    names: [['ruleId', 'id']],
    call: (ids) => kibana.rules.muteAll(at(ids, 0)),
  },
  {
    name: 'rules.unmuteAll',
    method: 'POST',
    path: '/api/alerting/rule/{0}/_unmute_all',
    names: [['ruleId', 'id']],
    call: (ids) => kibana.rules.unmuteAll(at(ids, 0)),
  },
  {
    name: 'rules.muteAlert',
    method: 'POST',
    path: '/api/alerting/rule/{0}/alert/{1}/_mute',
    names: [
      ['ruleId', 'rule_id'],
      ['alertId', 'alert_id'],
    ],
    call: (ids) => kibana.rules.muteAlert(at(ids, 0), at(ids, 1)),
  },
  {
    name: 'rules.unmuteAlert',
    method: 'POST',
    path: '/api/alerting/rule/{0}/alert/{1}/_unmute',
    names: [
      ['ruleId', 'rule_id'],
      ['alertId', 'alert_id'],
    ],
    call: (ids) => kibana.rules.unmuteAlert(at(ids, 0), at(ids, 1)),
  },
  {
    name: 'rules.updateApiKey',
    method: 'POST',
    path: '/api/alerting/rule/{0}/_update_api_key',
    names: [['ruleId', 'id']],
    call: (ids) => kibana.rules.updateApiKey(at(ids, 0)),
  },
  {
    name: 'connectors.get',
    method: 'GET',
    path: '/api/actions/connector/{0}',
    names: [['connectorId', 'id']],
    call: (ids) => kibana.connectors.get(at(ids, 0)),
  },
  {
    name: 'connectors.create (options.id)',
    method: 'POST',
    path: '/api/actions/connector/{0}',
    names: [['options.id', 'id']],
    call: (ids) => kibana.connectors.create({ name: 'fuzz', connector_type_id: '.server-log' }, { id: at(ids, 0) }),
  },
  {
    name: 'connectors.update',
    method: 'PUT',
    path: '/api/actions/connector/{0}',
    names: [['connectorId', 'id']],
    call: (ids) => kibana.connectors.update(at(ids, 0), { name: 'fuzz' }),
  },
  {
    name: 'connectors.delete',
    method: 'DELETE',
    path: '/api/actions/connector/{0}',
    names: [['connectorId', 'id']],
    call: (ids) => kibana.connectors.delete(at(ids, 0)),
  },
  {
    name: 'connectors.run',
    method: 'POST',
    path: '/api/actions/connector/{0}/_execute',
    names: [['connectorId', 'id']],
    call: (ids) => kibana.connectors.run(at(ids, 0), { params: {} }),
  },
  {
    name: 'apm.sourcemaps.delete',
    method: 'DELETE',
    path: '/api/apm/sourcemaps/{0}',
    names: [['id']],
    call: (ids) => kibana.apm.sourcemaps.delete(at(ids, 0)),
  },
  {
    name: 'apm.annotations.create',
    method: 'POST',
    path: '/api/apm/services/{0}/annotation',
    names: [['serviceName']],
    call: (ids) =>
      kibana.apm.annotations.create(at(ids, 0), {
        '@timestamp': '2024-01-01T00:00:00.000Z',
        service: { version: '1.0.0' },
      }),
  },
  {
    name: 'apm.annotations.search',
    method: 'GET',
    path: '/api/apm/services/{0}/annotation/search',
    names: [['serviceName']],
    call: (ids) => kibana.apm.annotations.search(at(ids, 0)),
  },
];

/** A lone (unpaired) UTF-16 surrogate: the `u` flag makes a pair one code point, so only lone halves match. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** What the SDK must refuse before sending: nothing, dot segments that URL parsers collapse, and text no URL can carry. */
function refused(id: string): boolean {
  return id === '' || id === '.' || id === '..' || LONE_SURROGATE.test(id);
}

const URL_SPECIALS = [
  '.',
  '/',
  '%',
  '?',
  '#',
  '\\',
  ' ',
  '+',
  '&',
  '=',
  ';',
  ':',
  '@',
  '~',
  '\u0000',
  '\n',
  '\r',
  '\t',
  '2',
  'e',
  'E',
  'f',
  'F',
  'a',
  '\u00e9',
  '\u{1F431}',
];
const CRAFTED = [
  '.',
  '..',
  '...',
  '%2e',
  '%2E%2E',
  '.%2e',
  '..%2f',
  '%2f',
  '/',
  '//',
  '../x',
  'a/../b',
  './',
  '?',
  '#',
  '%',
  '%%',
  '%zz',
  ' ',
  '+',
  '\u0000',
  '\u202e',
  '\ufeff',
  'x'.repeat(2000),
];

/** A string with exactly one unpaired surrogate somewhere in valid text. */
const withLoneSurrogate = fc
  .tuple(
    fc.string({ unit: 'binary', maxLength: 8 }),
    fc.integer({ min: 0xd800, max: 0xdfff }),
    fc.string({ unit: 'binary', maxLength: 8 }),
  )
  .map(([before, code, after]) => before + String.fromCharCode(code) + after);

const anyId: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 24 }) },
  { weight: 4, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme-composite', minLength: 1, maxLength: 16 }) },
  { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom(...URL_SPECIALS), minLength: 1, maxLength: 6 }) },
  { weight: 2, arbitrary: fc.constantFrom(...CRAFTED) },
  { weight: 1, arbitrary: withLoneSurrogate },
  { weight: 1, arbitrary: fc.constant('') },
);

const RUNS_PER_ROUTE = 400;
let runs = 0;
let sent = 0;
let refusedCount = 0;

async function expectRoute(route: IdRoute, ids: string[]): Promise<void> {
  runs++;
  const before = server.hits.length;
  let error: unknown;
  try {
    await route.call(ids);
  } catch (caught) {
    error = caught;
  }
  const refusedNames = ids.flatMap((id, index) => (refused(id) ? route.names[index]! : []));
  if (refusedNames.length > 0) {
    refusedCount++;
    expect(error, `${route.name}(${JSON.stringify(ids)})`).toBeInstanceOf(ArgumentError);
    // Empty ids are checked before the URL is built, so with two bad ids either may be the one named.
    expect(refusedNames).toContain((error as ArgumentError).argument);
    expect(server.hits.length).toBe(before);
    return;
  }
  sent++;
  if (error !== undefined)
    throw new Error(
      `${route.name}(${JSON.stringify(ids)}) failed: ${isKibanaError(error) ? error.message : String(error)}`,
    );
  expect(server.hits.length).toBe(before + 1);
  const hit = server.hits[before]!;
  expect(hit.method).toBe(route.method);
  const target = hit.url.split('?')[0]!;
  const expected = route.path.split('/');
  const actual = target.split('/');
  expect(actual, hit.url).toHaveLength(expected.length);
  expected.forEach((segment, index) => {
    const placeholder = /^\{(\d)\}$/.exec(segment);
    if (placeholder) expect(decodeURIComponent(actual[index]!)).toBe(ids[Number(placeholder[1])]);
    else expect(actual[index]).toBe(segment);
  });
}

describe('fuzzed ids reach the intended route as exactly one path segment', () => {
  for (const route of ROUTES) {
    const arity = (route.path.match(/\{\d\}/g) ?? []).length;
    it(`${route.name} (${route.method} ${route.path})`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(anyId, { minLength: arity, maxLength: arity }), (ids) => expectRoute(route, ids)),
        { numRuns: RUNS_PER_ROUTE },
      );
    });
  }

  it("'.' and '..' alone, in any position, are refused with ArgumentError and no request", async () => {
    for (const route of ROUTES) {
      const arity = (route.path.match(/\{\d\}/g) ?? []).length;
      for (let index = 0; index < arity; index++) {
        for (const dots of ['.', '..']) {
          const ids = Array.from({ length: arity }, (_, i) => (i === index ? dots : 'ok-id'));
          await expectRoute(route, ids);
        }
      }
    }
  });

  it('ids in query strings survive too: agentName(serviceName) and cases.delete(ids)', async () => {
    await fc.assert(
      fc.asyncProperty(anyId, async (serviceName) => {
        runs++;
        const before = server.hits.length;
        const outcome = await kibana.apm.agentConfiguration.agentName(serviceName).then(
          () => undefined,
          (error: unknown) => error,
        );
        if (serviceName === '' || LONE_SURROGATE.test(serviceName)) {
          expect(outcome, JSON.stringify(serviceName)).toBeInstanceOf(ArgumentError);
          expect((outcome as ArgumentError).argument).toBe(serviceName === '' ? 'serviceName' : 'query.serviceName');
          expect(server.hits.length).toBe(before);
          return;
        }
        expect(outcome).toBeUndefined();
        const hit = server.hits[before]!;
        const url = new URL(hit.url, 'http://x');
        expect(url.pathname).toBe('/api/apm/settings/agent-configuration/agent_name');
        expect(url.searchParams.getAll('serviceName')).toEqual([serviceName]);
      }),
      { numRuns: 200 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          anyId.filter((id) => id !== ''),
          { minLength: 1, maxLength: 5 },
        ),
        async (ids) => {
          runs++;
          const before = server.hits.length;
          await kibana.cases.delete(ids);
          const hit = server.hits[before]!;
          const url = new URL(hit.url, 'http://x');
          expect(hit.method).toBe('DELETE');
          expect(url.pathname).toBe('/api/cases');
          // Kibana's JSON-array form: JSON escapes even a lone surrogate, so every id survives.
          expect(JSON.parse(url.searchParams.get('ids')!)).toEqual(ids);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('ran at least 10,000 fuzzed calls in total, most of them sent', () => {
    expect(runs).toBeGreaterThanOrEqual(10_000);
    expect(sent).toBeGreaterThan(runs * 0.8);
    expect(refusedCount).toBeGreaterThan(100);
    expect(unhandled).toEqual([]);
  });
});
