/**
 * Where the client's CPU goes per request: runs `undici.request` and the SDK's Node path against the
 * loopback server at one concurrency, each under V8's sampling profiler, and sums the samples' self time
 * by the code they were in (an SDK source file, openapi-fetch, undici, Node's internals, the garbage
 * collector). Reports to the parent over IPC; run as a compiled, unminified bundle so that esbuild's
 * `// src/...` comments tell the SDK's files apart.
 */
import { readFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { KibanaClient } from '../src/index.node.js';
import type { Fixtures } from './fixtures.js';

export interface ProfileSettings {
  url: string;
  fixtures: string;
  concurrency: number;
  warmupRequests: number;
  requests: number;
  /** Each round profiles every variant once, in an order rotated from round to round. */
  rounds: number;
}

export interface ProfileResult {
  variant: string;
  op: 'get' | 'create';
  concurrency: number;
  requests: number;
  /** `process.cpuUsage()` (user + system, every thread) per request; the median over rounds. */
  cpuUsPerRequest: number;
  /** Sampled self time of the main thread per request, by where it was spent; medians over rounds. */
  parts: Record<string, number>;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const settings = JSON.parse(process.argv[2]!) as ProfileSettings;
const fixtures = JSON.parse(readFileSync(settings.fixtures, 'utf8')) as Fixtures;
const self = fileURLToPath(import.meta.url);
const createBody = fixtures.createBody as never;

/** The first line of each bundled module, from esbuild's `// path` comments. */
const modules: { line: number; name: string }[] = readFileSync(self, 'utf8')
  .split('\n')
  .flatMap((text, line) => {
    const match = /^\/\/ ((?:src|generated|bench)\/\S+\.ts)$/.exec(text);
    return match ? [{ line, name: match[1]! }] : [];
  });

/** Where a sample's self time counts; `undefined` for idle time, which is not CPU. */
function part(frame: ProfileNode['callFrame']): string | undefined {
  const { functionName, url } = frame;
  if (functionName === '(idle)') return undefined;
  if (functionName === '(garbage collector)') return 'garbage collector';
  if (functionName.startsWith('(')) return 'native and unattributed';
  if (url.includes('/node_modules/openapi-fetch/')) return 'openapi-fetch';
  if (url.includes('/node_modules/undici/')) return 'undici';
  if (url.startsWith('node:') || url === '') return 'Node internals';
  if (url.endsWith(self) || url === `file://${self}`) {
    let owner = 'bench';
    for (const module of modules) if (module.line <= frame.lineNumber) owner = module.name;
    return owner.startsWith('src/') || owner.startsWith('generated/') ? owner : 'benchmark driver';
  }
  return 'other';
}

function attribute(profile: Profile, requests: number): Record<string, number> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals: Record<string, number> = {};
  profile.samples.forEach((id, index) => {
    const owner = part(byId.get(id)!.callFrame);
    if (owner) totals[owner] = (totals[owner] ?? 0) + (profile.timeDeltas[index] ?? 0);
  });
  for (const key of Object.keys(totals)) totals[key] = totals[key]! / requests;
  return totals;
}

async function drive(call: () => Promise<unknown>, concurrency: number, total: number): Promise<void> {
  let issued = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (issued < total) {
        issued++;
        await call();
      }
    }),
  );
}

function check(title: unknown): void {
  if (typeof title !== 'string') throw new Error('the answer has no title: the variant did not parse the case');
}

async function main(): Promise<void> {
  const agent = new Agent({ keepAliveTimeout: 60_000 });
  const sdk = new KibanaClient({ url: settings.url, auth: { apiKey: 'YmVuY2g6YmVuY2g=' }, transport: 'undici' });
  const authorization = 'ApiKey YmVuY2g6YmVuY2g=';
  const caseUrl = `${settings.url}/api/cases/${fixtures.caseId}`;
  const postHeaders = { authorization, 'content-type': 'application/json', 'kbn-xsrf': 'true' };
  const variants: Record<string, Record<'get' | 'create', () => Promise<void>>> = {
    'undici.request': {
      async get() {
        const { body } = await request(caseUrl, { dispatcher: agent, headers: { authorization } });
        check(((await body.json()) as { title?: unknown }).title);
      },
      async create() {
        const { body } = await request(`${settings.url}/api/cases`, {
          dispatcher: agent,
          method: 'POST',
          headers: postHeaders,
          body: JSON.stringify(createBody),
        });
        check(((await body.json()) as { title?: unknown }).title);
      },
    },
    'sdk (undici)': {
      get: async () => check((await sdk.cases.get(fixtures.caseId)).title),
      create: async () => check((await sdk.cases.create(createBody)).title),
    },
  };
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  const names = Object.keys(variants);
  const results: ProfileResult[] = [];
  for (const op of ['get', 'create'] as const) {
    const runs = new Map(names.map((name) => [name, [] as { cpu: number; parts: Record<string, number> }[]]));
    for (let round = 0; round < settings.rounds; round++) {
      for (let i = 0; i < names.length; i++) {
        const name = names[(i + round) % names.length]!;
        const call = variants[name]![op];
        await drive(call, settings.concurrency, settings.warmupRequests);
        await session.post('Profiler.start');
        const cpu = process.cpuUsage();
        await drive(call, settings.concurrency, settings.requests);
        const used = process.cpuUsage(cpu);
        const { profile } = await session.post('Profiler.stop');
        runs.get(name)!.push({
          cpu: (used.user + used.system) / settings.requests,
          parts: attribute(profile as Profile, settings.requests),
        });
      }
      process.send?.({ progress: `${op}: round ${round + 1}/${settings.rounds}` });
    }
    for (const [variant, samples] of runs) {
      const keys = new Set(samples.flatMap((sample) => Object.keys(sample.parts)));
      const parts: Record<string, number> = {};
      for (const key of keys) parts[key] = median(samples.map((sample) => sample.parts[key] ?? 0));
      results.push({
        variant,
        op,
        concurrency: settings.concurrency,
        requests: settings.requests,
        cpuUsPerRequest: median(samples.map((sample) => sample.cpu)),
        parts,
      });
    }
  }
  session.disconnect();
  await Promise.all([agent.close(), sdk.close()]);
  process.send?.({ results });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
