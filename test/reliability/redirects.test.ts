// Kibana (or what stands in front of it) answering with a redirect. Neither transport follows it: the
// headers and the body must not go to another origin, and the caller learns where it pointed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseError } from '../../src/index.node.js';
import { faults, startFaultServer, type FaultServer } from './faults.js';
import { errorName, runScenario, type Outcome, type Transport } from './scenario.js';

let elsewhere: FaultServer;
beforeAll(async () => {
  elsewhere = await startFaultServer();
});
afterAll(() => elsewhere.close());

const HINT =
  /does not follow redirects; the usual causes are a proxy in front of Kibana, an SSO login page \(use an API key\), or a wrong base path in url/;
const NEW_CASE = {
  title: 'Disk full on db-1',
  description: 'The data volume of db-1 reached 95%.',
  owner: 'cases' as const,
  tags: [] as string[],
  settings: { syncAlerts: false },
  connector: { id: 'none', name: 'none', type: '.none' as const, fields: null },
};

function redirected(outcomes: Outcome[], status: number): ResponseError[] {
  return outcomes.map((outcome) => {
    expect(errorName(outcome), String(outcome.error)).toBe('ResponseError');
    const error = outcome.error as ResponseError;
    expect(error.statusCode).toBe(status);
    expect(error.message).toMatch(HINT);
    expect(outcome.hits).toBe(1);
    expect(outcome.retries).toEqual([]);
    return error;
  });
}

describe.each(['fetch', 'undici'] as Transport[])('redirects over the %s transport', (transport) => {
  it.each([301, 302, 303, 307, 308])(
    'GET answered %i to another origin: ResponseError naming origin and path, nothing sent there',
    async (status) => {
      const before = elsewhere.hits.length;
      const location = `http://intruder:hunter2@127.0.0.1:${elsewhere.port}/login/sso?token=abc123&next=%2Fapp#frag`;
      const result = await runScenario({
        transport,
        fault: faults.redirect(status, location),
        call: (kibana) => kibana.cases.get('case-1'),
      });
      expect(result.leaks).toEqual([]);
      expect(result.leftOpen).toEqual({});
      for (const error of redirected(result.outcomes, status)) {
        expect(error.message).toContain(`failed with ${status} `);
        expect(error.message).toContain(`Kibana redirected to http://127.0.0.1:${elsewhere.port}/login/sso.`);
        expect(error.message).not.toMatch(/token|abc123|hunter2|intruder|next=|frag|<html>/);
      }
      expect(elsewhere.hits.length).toBe(before);
    },
  );

  it('POST answered 307 to another origin: the body and kbn-xsrf are not re-sent there', async () => {
    const before = elsewhere.hits.length;
    const result = await runScenario({
      transport,
      fault: faults.redirect(307, `http://127.0.0.1:${elsewhere.port}/api/cases`),
      call: (kibana) => kibana.cases.create(NEW_CASE),
    });
    expect(result.leaks).toEqual([]);
    expect(result.leftOpen).toEqual({});
    redirected(result.outcomes, 307);
    expect(elsewhere.hits.length).toBe(before);
  });

  it('302 to a same-origin login page: ResponseError naming the path, not a DeserializationError about HTML', async () => {
    const result = await runScenario({
      transport,
      fault: faults.redirect(302, '/login?next=%2Fapi%2Fcases%2Fcase-1'),
      call: (kibana) => kibana.cases.get('case-1'),
    });
    expect(result.leaks).toEqual([]);
    expect(result.leftOpen).toEqual({});
    for (const error of redirected(result.outcomes, 302)) {
      expect(error.message).toMatch(
        /^GET \/api\/cases\/\{caseId\} failed with 302 Found: Kibana redirected to \/login\. /,
      );
      expect(error.headers.location).toBe('/login?next=%2Fapi%2Fcases%2Fcase-1');
    }
  });

  it('a relative Location resolves against the requested path', async () => {
    const result = await runScenario({
      transport,
      fault: faults.redirect(302, '../sso?x=1'),
      call: (kibana) => kibana.cases.get('case-1'),
      url: (server) => `${server!.url}/kibana`,
    });
    for (const error of redirected(result.outcomes, 302))
      expect(error.message).toContain('Kibana redirected to /kibana/api/sso.');
  });
});

describe('redirects in a browser', () => {
  // A browser's fetch with redirect: 'manual' answers an "opaqueredirect": status 0, no headers, no
  // body. Node's fetch shows the real 3xx, so the browser's answer is built here, after the real
  // request reached the loopback server.
  const browserFetch: typeof fetch = async (input, init) => {
    expect(init?.redirect).toBe('manual');
    const real = await fetch(input, init);
    await real.body?.cancel();
    const opaque = new Response(null);
    Object.defineProperties(opaque, { status: { value: 0 }, ok: { value: false }, type: { value: 'opaqueredirect' } });
    return opaque;
  };

  it('an opaque redirect: ResponseError that says it was a redirect, without a location', async () => {
    const result = await runScenario({
      transport: 'fetch',
      fault: faults.redirect(302, '/login'),
      client: { fetch: browserFetch },
      call: (kibana) => kibana.cases.get('case-1'),
    });
    expect(result.leaks).toEqual([]);
    expect(result.leftOpen).toEqual({});
    for (const error of redirected(result.outcomes, 0)) {
      expect(error.message).toMatch(
        /^GET \/api\/cases\/\{caseId\} failed with a redirect \(the browser does not tell where to\)\. kibana-sdk does not follow/,
      );
    }
  });
});
