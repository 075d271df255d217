// Errors say what happened: a request the HTTP client refused to send is not a connection failure,
// a connection failure names where it tried to connect, and error names survive a minifier.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { type ArgumentError, ConnectionError } from '../../src/index.node.js';
import { bundle } from '../browser/bundle.js';
import { faults, startFaultServer } from './faults.js';
import { closedPortUrl, errorName, runScenario, type Transport } from './scenario.js';

describe.each(['fetch', 'undici'] as Transport[])('error reports over the %s transport', (transport) => {
  it.each([
    ['upgrade', 'h2c', 'invalid upgrade header'],
    ['transfer-encoding', 'chunked', 'invalid transfer-encoding header'],
    ['keep-alive', 'timeout=5', 'invalid keep-alive header'],
    ['expect', '100-continue', 'expect header not supported'],
  ])('a %s header undici refuses: ArgumentError naming it, not retried, nothing sent', async (name, value, reason) => {
    const result = await runScenario({
      transport,
      fault: faults.ok(),
      client: { headers: { [name]: value } },
      call: (kibana) => kibana.cases.get('case-1'),
    });
    expect(result.leaks).toEqual([]);
    expect(result.leftOpen).toEqual({});
    for (const outcome of result.outcomes) {
      expect(errorName(outcome), String(outcome.error)).toBe('ArgumentError');
      const error = outcome.error as ArgumentError;
      expect(error.argument).toBe(`headers["${name}"]`);
      expect(error.message).toContain(reason);
      expect(error.message).not.toMatch(/connect/);
      expect(error.request).toMatchObject({ method: 'GET', path: '/api/cases/{caseId}' });
      expect(outcome.retries).toEqual([]);
      expect(outcome.hits).toBe(0);
    }
    expect(result.server!.hits).toEqual([]);
  });

  it('a refused connection names the host and port it tried', async () => {
    const url = await closedPortUrl();
    const port = new URL(url).port;
    const result = await runScenario({
      transport,
      url: () => url,
      client: { maxRetries: 0 },
      call: (kibana) => kibana.cases.get('case-1'),
    });
    expect(result.leaks).toEqual([]);
    for (const outcome of result.outcomes) {
      expect(outcome.error).toBeInstanceOf(ConnectionError);
      expect((outcome.error as Error).message).toMatch(
        new RegExp(
          `^GET /api/cases/\\{caseId\\} failed to connect to Kibana: ECONNREFUSED \\(at 127\\.0\\.0\\.1:${port}\\)$`,
        ),
      );
    }
  });

  it('a name that does not resolve is named with the default port of its scheme', async () => {
    const result = await runScenario({
      transport,
      url: () => 'https://kibana.invalid',
      client: { maxRetries: 0 },
      call: (kibana) => kibana.cases.get('case-1'),
    });
    for (const outcome of result.outcomes) {
      expect(outcome.error).toBeInstanceOf(ConnectionError);
      expect((outcome.error as Error).message).toMatch(/failed to connect to Kibana: .* \(at kibana\.invalid:443\)$/);
    }
  });
});

describe('error reports through a proxy (undici)', () => {
  it('names the proxy it tried, without the credentials in the proxy URL', async () => {
    const proxyUrl = new URL(await closedPortUrl());
    proxyUrl.username = 'proxy-user';
    proxyUrl.password = 'proxy-secret';
    const kibana = await startFaultServer();
    try {
      const result = await runScenario({
        transport: 'undici',
        url: () => kibana.url,
        client: { proxy: proxyUrl.href, maxRetries: 0 },
        call: (client) => client.cases.get('case-1'),
      });
      for (const outcome of result.outcomes) {
        expect(outcome.error).toBeInstanceOf(ConnectionError);
        const message = (outcome.error as Error).message;
        expect(message).toContain(`(at 127.0.0.1:${kibana.port} through the proxy at 127.0.0.1:${proxyUrl.port})`);
        expect(message).not.toMatch(/proxy-user|proxy-secret/);
      }
    } finally {
      await kibana.close();
    }
  });
});

describe('error names in a minified bundle', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kibana-sdk-minified-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('every error class reports its own name, in errors a real server causes', async () => {
    // The browser build of the sources, minified by esbuild as a user's bundler would: class names become one letter.
    const built = await bundle({ source: "export * from 'kibana-sdk';" }, { minify: true, fromSource: true });
    const file = path.join(dir, 'kibana-sdk.min.mjs');
    writeFileSync(file, built.code);
    const sdk = (await import(pathToFileURL(file).href)) as typeof import('../../src/index.js');
    expect(sdk.KibanaClient.name).not.toBe('KibanaClient');

    const server = await startFaultServer();
    const names: Record<string, string> = {};
    const record = (error: unknown) => {
      const { name, constructor: errorClass } = error as Error;
      const exported = Object.entries(sdk).find(([, value]) => value === errorClass)?.[0] ?? '?';
      names[exported] = name;
    };
    try {
      const kibana = new sdk.KibanaClient({
        url: server.url,
        auth: { apiKey: 'k' },
        maxRetries: 0,
        requestTimeout: 300,
      });
      for (const status of [400, 401, 403, 404, 409, 413, 429, 418, 500, 502, 503, 504]) {
        server.use(faults.ok({ statusCode: status, error: 'E', message: 'm' }, status));
        await kibana.cases.get('case-1').catch(record);
      }
      server.use(faults.invalidJson());
      await kibana.cases.get('case-1').catch(record);
      server.use(faults.delayHeaders(2_000));
      await kibana.cases.get('case-1').catch(record);
      await kibana.cases.get('case-1', { signal: AbortSignal.abort() }).catch(record);
      await kibana.cases.get('').catch(record);
      await kibana.close();
      await new sdk.KibanaClient({ url: await closedPortUrl(), auth: { apiKey: 'k' }, maxRetries: 0 }).cases
        .get('case-1')
        .catch(record);
      try {
        new sdk.KibanaClient({ url: 'not a url', auth: { apiKey: 'k' } });
      } catch (error) {
        record(error);
      }
    } finally {
      await server.close();
    }
    const expected = [
      'BadRequestError',
      'UnauthorizedError',
      'ForbiddenError',
      'NotFoundError',
      'ConflictError',
      'PayloadTooLargeError',
      'TooManyRequestsError',
      'ResponseError',
      'InternalServerError',
      'BadGatewayError',
      'ServiceUnavailableError',
      'GatewayTimeoutError',
      'DeserializationError',
      'TimeoutError',
      'RequestAbortedError',
      'ArgumentError',
      'ConnectionError',
      'ConfigurationError',
    ];
    expect(names).toEqual(Object.fromEntries(expected.map((name) => [name, name])));
  });
});
