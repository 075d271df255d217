// The mock Kibana on a real loopback server: the SDK's two transports reach it, browsers may call it
// (CORS), and close() frees the port.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionError, KibanaClient, NotFoundError, type OperationBody } from '../../src/index.node.js';
import { SEED_IDS, createKibanaMock, startKibanaMock, type RunningKibanaMock } from '../../src/testing/index.js';

const AUTH = { username: 'elastic', password: 'changeme' };

const newCase: OperationBody<'createCase'> = {
  title: 'Disk full on db-1',
  description: 'The data disk is at 98%.',
  owner: 'cases',
  tags: ['db'],
  connector: { id: 'none', name: 'none', type: '.none', fields: null },
  settings: { syncAlerts: false },
};

async function portIsFree(port: number): Promise<boolean> {
  const probe = http.createServer();
  return new Promise((resolve) => {
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

describe('startKibanaMock', () => {
  let running: RunningKibanaMock;
  beforeAll(async () => {
    running = await startKibanaMock();
  });
  afterAll(async () => {
    await running.close();
  });

  it('listens on a free loopback port by default', () => {
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(Number(new URL(running.url).port)).toBeGreaterThan(0);
  });

  for (const transport of ['fetch', 'undici'] as const) {
    it(`answers the SDK over the ${transport} transport`, async () => {
      const kibana = new KibanaClient({ url: running.url, auth: AUTH, transport, maxRetries: 0 });
      try {
        expect(kibana.transport).toBe(transport);
        expect((await kibana.rules.health()).alerting_framework_health.read_health.status).toBe('ok');
        const created = await kibana.space('ops').cases.create(newCase);
        const withFile = await kibana
          .space('ops')
          .cases.attachFile(created.id, { file: 'log line', fileName: 'app.log' });
        expect(withFile.comments![0]).toMatchObject({
          type: 'externalReference',
          externalReferenceMetadata: { files: [{ name: 'app', extension: 'log' }] },
        });
        const pushed = await kibana.space('ops').cases.push(created.id, SEED_IDS.opsJiraConnector);
        expect(pushed.external_service?.connector_name).toBe('Ops Jira');
        expect(await kibana.cases.get(created.id).catch((error: unknown) => error)).toBeInstanceOf(NotFoundError);
        await kibana.rules.muteAlert(SEED_IDS.indexThresholdRule, `${transport}-host`);
        expect((await kibana.rules.get(SEED_IDS.indexThresholdRule)).muted_alert_ids).toContain(`${transport}-host`);
        expect((await kibana.apm.agentConfiguration.list()).configurations.length).toBeGreaterThan(0);
      } finally {
        await kibana.close();
      }
    });
  }

  it('shares one state across transports and resets through the running mock', async () => {
    const viaFetch = new KibanaClient({ url: running.url, auth: AUTH, maxRetries: 0 });
    const viaUndici = new KibanaClient({ url: running.url, auth: AUTH, transport: 'undici', maxRetries: 0 });
    try {
      const created = await viaFetch.cases.create(newCase);
      expect((await viaUndici.cases.get(created.id)).title).toBe(newCase.title);
      running.mock.reset();
      expect(await viaUndici.cases.get(created.id).catch((error: unknown) => error)).toBeInstanceOf(NotFoundError);
    } finally {
      await viaUndici.close();
    }
  });

  it('answers a CORS preflight for the headers the SDK sends', async () => {
    const response = await fetch(`${running.url}/s/ops/api/cases`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://app.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type, kbn-xsrf, x-custom',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    const allowed = response.headers.get('access-control-allow-headers')!.split(/,\s*/);
    expect(allowed).toEqual(
      expect.arrayContaining(['authorization', 'content-type', 'kbn-xsrf', 'elastic-api-version', 'x-custom']),
    );
  });

  it('marks every answer for cross-origin reads, errors included', async () => {
    const ok = await fetch(`${running.url}/api/alerting/_health`, {
      headers: { authorization: `Basic ${btoa('elastic:changeme')}`, origin: 'http://app.example' },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe('*');
    const denied = await fetch(`${running.url}/api/alerting/_health`, { headers: { origin: 'http://app.example' } });
    expect(denied.status).toBe(401);
    expect(denied.headers.get('access-control-allow-origin')).toBe('*');
    expect(await denied.json()).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: '[security_exception]: unable to authenticate user',
    });
  });

  it('answers Kibana’s 404 for a route it does not have', async () => {
    const response = await fetch(`${running.url}/api/data_views`, {
      headers: { authorization: `Basic ${btoa('elastic:changeme')}` },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ statusCode: 404, error: 'Not Found', message: 'Not Found' });
  });
});

describe('startKibanaMock options', () => {
  it('serves a given mock under its base path, on a given port', async () => {
    const first = await startKibanaMock();
    const port = Number(new URL(first.url).port);
    await first.close();
    const mock = createKibanaMock({ url: 'http://kibana.internal/kibana', auth: { apiKey: 'only-this-key' } });
    const running = await startKibanaMock({ port, mock });
    try {
      expect(running.url).toBe(`http://127.0.0.1:${port}/kibana`);
      expect(running.mock).toBe(mock);
      const kibana = new KibanaClient({ url: running.url, auth: { apiKey: 'only-this-key' }, maxRetries: 0 });
      expect((await kibana.rules.find()).total).toBe(2);
      const other = new KibanaClient({ url: running.url, auth: { apiKey: 'another-key' }, maxRetries: 0 });
      expect(await other.rules.find().catch((error: unknown) => (error as { statusCode?: number }).statusCode)).toBe(
        401,
      );
      const outside = await fetch(`http://127.0.0.1:${port}/api/alerting/rules/_find`, {
        headers: { authorization: 'ApiKey only-this-key' },
      });
      expect(outside.status).toBe(404);
    } finally {
      await running.close();
    }
  });

  it('close() frees the port, even with keep-alive connections open', async () => {
    const running = await startKibanaMock();
    const port = Number(new URL(running.url).port);
    const kibana = new KibanaClient({ url: running.url, auth: AUTH, transport: 'undici', maxRetries: 0 });
    await kibana.rules.health();
    await running.close();
    await running.close();
    expect(await portIsFree(port)).toBe(true);
    const error = await kibana.rules.health().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionError);
    await kibana.close();
  });

  it('fails to start on a port in use', async () => {
    const busy = http.createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const { port } = busy.address() as AddressInfo;
    try {
      await expect(startKibanaMock({ port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await new Promise((resolve) => busy.close(resolve));
    }
  });
});
