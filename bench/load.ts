/**
 * The client process of the request-overhead benchmark (run with --expose-gc). Every variant sends
 * the same requests to the loopback server; runs are interleaved (each round visits every variant,
 * in a rotated order) and bounded both in request count and in time. Reports to the parent over IPC.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import createClient from 'openapi-fetch';
import { Agent, request } from 'undici';
import type { paths } from '../generated/kibana.js';
import { KibanaClient } from '../src/index.node.js';
import type { Fixtures } from './fixtures.js';

export interface LoadSettings {
  url: string;
  fixtures: string;
  rounds: number;
  concurrencies: number[];
  /** Each measured run stops at whichever comes first. */
  runMs: number;
  runRequests: number;
  /** Before every measured run, at the same concurrency. */
  warmupMs: number;
  warmupRequests: number;
  /** Once per variant and concurrency, before the first round (JIT, connections). */
  initialWarmupMs: number;
}

export interface RunSample {
  round: number;
  variant: string;
  op: 'get' | 'create';
  concurrency: number;
  requests: number;
  elapsedMs: number;
  rps: number;
  meanMs: number;
  p99Ms: number;
  cpuUsPerRequest: number;
}

type Call = () => Promise<unknown>;
interface Variant {
  name: string;
  get: Call;
  create: Call;
  close(): Promise<void>;
}

const settings = JSON.parse(process.argv[2]!) as LoadSettings;
const fixtures = JSON.parse(readFileSync(settings.fixtures, 'utf8')) as Fixtures;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const AUTHORIZATION = 'ApiKey YmVuY2g6YmVuY2g=';
const createBody = fixtures.createBody as never;
const caseUrl = `${settings.url}/api/cases/${fixtures.caseId}`;
const createUrl = `${settings.url}/api/cases`;

function check(title: unknown): void {
  if (typeof title !== 'string') throw new Error('the answer has no title: the variant did not parse the case');
}

function variants(): Variant[] {
  const agent = new Agent({ keepAliveTimeout: 60_000 });
  const sdkUndici = new KibanaClient({ url: settings.url, auth: { apiKey: 'YmVuY2g6YmVuY2g=' }, transport: 'undici' });
  const sdkFetch = new KibanaClient({ url: settings.url, auth: { apiKey: 'YmVuY2g6YmVuY2g=' } });
  // The same Node path with tracing listeners and withResponse(), the costliest way to use the conveniences.
  const sdkTraced = new KibanaClient({ url: settings.url, auth: { apiKey: 'YmVuY2g6YmVuY2g=' }, transport: 'undici' });
  let traced = 0;
  sdkTraced.on('request', () => traced++);
  sdkTraced.on('response', (event) => {
    traced += event.status;
  });
  if (sdkUndici.transport !== 'undici' || sdkFetch.transport !== 'fetch')
    throw new Error('the SDK clients did not pick the expected transports');
  const bare = createClient<paths>({ baseUrl: settings.url, headers: { authorization: AUTHORIZATION } });
  const getHeaders = { authorization: AUTHORIZATION };
  const postHeaders = { authorization: AUTHORIZATION, 'content-type': 'application/json', 'kbn-xsrf': 'true' };
  return [
    {
      name: 'undici.request',
      async get() {
        const { statusCode, body } = await request(caseUrl, { dispatcher: agent, headers: getHeaders });
        if (statusCode !== 200) throw new Error(`status ${statusCode}`);
        check(((await body.json()) as { title?: unknown }).title);
      },
      async create() {
        const { statusCode, body } = await request(createUrl, {
          dispatcher: agent,
          method: 'POST',
          headers: postHeaders,
          body: JSON.stringify(createBody),
        });
        if (statusCode !== 200) throw new Error(`status ${statusCode}`);
        check(((await body.json()) as { title?: unknown }).title);
      },
      close: () => agent.close(),
    },
    {
      name: 'sdk (undici)',
      get: async () => check((await sdkUndici.cases.get(fixtures.caseId)).title),
      create: async () => check((await sdkUndici.cases.create(createBody)).title),
      close: () => sdkUndici.close(),
    },
    {
      name: 'sdk (undici) traced',
      get: async () => check((await sdkTraced.cases.get(fixtures.caseId).withResponse()).data.title),
      create: async () => check((await sdkTraced.cases.create(createBody).withResponse()).data.title),
      close: async () => {
        if (traced === 0) throw new Error('the tracing listeners never ran');
        await sdkTraced.close();
      },
    },
    {
      name: 'fetch',
      async get() {
        const response = await fetch(caseUrl, { headers: getHeaders });
        if (!response.ok) throw new Error(`status ${response.status}`);
        check(((await response.json()) as { title?: unknown }).title);
      },
      async create() {
        const response = await fetch(createUrl, {
          method: 'POST',
          headers: postHeaders,
          body: JSON.stringify(createBody),
        });
        if (!response.ok) throw new Error(`status ${response.status}`);
        check(((await response.json()) as { title?: unknown }).title);
      },
      close: async () => undefined,
    },
    {
      name: 'sdk (fetch)',
      get: async () => check((await sdkFetch.cases.get(fixtures.caseId)).title),
      create: async () => check((await sdkFetch.cases.create(createBody)).title),
      close: () => sdkFetch.close(),
    },
    {
      name: 'openapi-fetch',
      async get() {
        const { data, error } = await bare.GET('/api/cases/{caseId}', {
          params: { path: { caseId: fixtures.caseId } },
        });
        if (error !== undefined) throw new Error('error answer');
        check(data.title);
      },
      async create() {
        const { data, error } = await bare.POST('/api/cases', { body: createBody, headers: { 'kbn-xsrf': 'true' } });
        if (error !== undefined) throw new Error('error answer');
        check(data.title);
      },
      close: async () => undefined,
    },
  ];
}

async function drive(call: Call, concurrency: number, maxRequests: number, maxMs: number, latencies?: Float64Array) {
  let issued = 0;
  let done = 0;
  const start = performance.now();
  const deadline = start + maxMs;
  const worker = async () => {
    while (issued < maxRequests && performance.now() < deadline) {
      issued++;
      const sent = performance.now();
      await call();
      const took = performance.now() - sent;
      if (latencies) latencies[done] = took;
      done++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { done, elapsedMs: performance.now() - start };
}

async function measure(round: number, variant: Variant, op: 'get' | 'create', concurrency: number): Promise<RunSample> {
  await drive(variant[op], concurrency, settings.warmupRequests, settings.warmupMs);
  gc();
  const latencies = new Float64Array(settings.runRequests);
  const cpu = process.cpuUsage();
  const { done, elapsedMs } = await drive(variant[op], concurrency, settings.runRequests, settings.runMs, latencies);
  const used = process.cpuUsage(cpu);
  const sorted = latencies.subarray(0, done).sort();
  let total = 0;
  for (const value of sorted) total += value;
  return {
    round,
    variant: variant.name,
    op,
    concurrency,
    requests: done,
    elapsedMs,
    rps: done / (elapsedMs / 1000),
    meanMs: total / done,
    p99Ms: sorted[Math.min(done - 1, Math.floor(done * 0.99))] ?? NaN,
    cpuUsPerRequest: (used.user + used.system) / done,
  };
}

async function main(): Promise<void> {
  const all = variants();
  for (const variant of all) {
    for (const op of ['get', 'create'] as const) {
      for (const concurrency of settings.concurrencies)
        await drive(variant[op], concurrency, Number.MAX_SAFE_INTEGER, settings.initialWarmupMs);
    }
  }
  const samples: RunSample[] = [];
  for (let round = 0; round < settings.rounds; round++) {
    for (const concurrency of settings.concurrencies) {
      for (const op of ['get', 'create'] as const) {
        for (let i = 0; i < all.length; i++) {
          const variant = all[(i + round) % all.length]!;
          samples.push(await measure(round, variant, op, concurrency));
        }
      }
    }
    process.send?.({ progress: `round ${round + 1}/${settings.rounds}` });
  }
  await Promise.all(all.map((variant) => variant.close()));
  process.send?.({ samples });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
