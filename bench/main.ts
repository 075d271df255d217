/**
 * `npm run bench` (full) and `npm run bench:smoke` (tiny counts, checks that the harness still works).
 * Runs, in order: request overhead, paging memory, bundle size, type-check cost, spec build time;
 * prints a table, the PASS/MISS of each goal, and writes the figures to bench/results.json (the smoke
 * writes to node_modules/.cache/kibana-sdk-bench/results.smoke.json instead).
 *
 * The measured clients run in plain `node` processes (compiled here with esbuild), never under tsx,
 * and the loopback server runs in a process of its own so its CPU never counts against a client.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { buildFixtures, PAGES, PER_PAGE } from './fixtures.js';
import type { LoadSettings, RunSample } from './load.js';
import type { PagingResult, PagingSettings } from './paging.js';
import type { ProfileResult, ProfileSettings } from './profile.js';

const smoke = process.argv.includes('--smoke');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cache = path.join(root, 'node_modules/.cache/kibana-sdk-bench');
const resultsFile = smoke ? path.join(cache, 'results.smoke.json') : path.join(root, 'bench/results.json');
const started = performance.now();

const LOAD: Omit<LoadSettings, 'url' | 'fixtures'> = smoke
  ? {
      rounds: 1,
      concurrencies: [1, 64],
      runMs: 150,
      runRequests: 300,
      warmupMs: 30,
      warmupRequests: 64,
      initialWarmupMs: 60,
    }
  : {
      rounds: 7,
      concurrencies: [1, 64],
      runMs: 600,
      runRequests: 20_000,
      warmupMs: 150,
      warmupRequests: 2000,
      initialWarmupMs: 500,
    };
/** The CPU profile of the Node path, at the concurrency where it is CPU-bound. */
const PROFILE: Omit<ProfileSettings, 'url' | 'fixtures'> = smoke
  ? { concurrency: 64, warmupRequests: 200, requests: 500, rounds: 1 }
  : { concurrency: 64, warmupRequests: 3000, requests: 15_000, rounds: 3 };
const PAGING_TOTAL = smoke ? 10 * PER_PAGE : PAGES * PER_PAGE;
const PAGING_WARMUP_REQUESTS = smoke ? 200 : 2000;
const TYPECHECK_RUNS = smoke ? 1 : 3;
const GENERATE_RUNS = smoke ? 1 : 3;
/** Hard limits per child process, so a hung run cannot hold the bench past its budget. */
const LOAD_TIMEOUT_MS = smoke ? 30_000 : 200_000;
const CHILD_TIMEOUT_MS = 60_000;

const REFERENCE = 'undici.request';
const VARIANTS = ['undici.request', 'sdk (undici)', 'sdk (undici) traced', 'fetch', 'sdk (fetch)', 'openapi-fetch'];

const children = new Set<ChildProcess>();
function stopChildren(): void {
  for (const child of children) child.kill('SIGKILL');
}
process.on('SIGINT', () => {
  stopChildren();
  process.exit(130);
});

function log(message: string): void {
  process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(1)}s] ${message}\n`);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Forks a compiled worker and resolves with its last message carrying `key`. */
function runWorker<T>(script: string, args: string[], execArgv: string[], key: string, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = fork(script, args, { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    children.add(child);
    let result: T | undefined;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${path.basename(script)} did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('message', (message: Record<string, unknown>) => {
      if (typeof message.progress === 'string') log(`${path.basename(script, '.mjs')}: ${message.progress}`);
      if (key in message) result = message[key] as T;
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      if (result !== undefined && code === 0) resolve(result);
      else reject(new Error(`${path.basename(script)} exited with ${signal ?? code} without a result`));
    });
  });
}

interface Server {
  url: string;
  stop(): Promise<void>;
}

function startServer(script: string, fixturesFile: string, total: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = fork(script, [fixturesFile, String(total)], {
      execArgv: [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    children.add(child);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('the loopback server did not start within 10 s'));
    }, 10_000);
    const exited = new Promise<void>((done) => child.on('exit', () => done()));
    child.on('exit', () => children.delete(child));
    child.once('message', (message: { port?: number }) => {
      clearTimeout(timer);
      resolve({
        url: `http://127.0.0.1:${message.port}`,
        async stop() {
          if (child.connected) child.send('stop');
          const killer = setTimeout(() => child.kill('SIGKILL'), 3000);
          await exited;
          clearTimeout(killer);
        },
      });
    });
  });
}

/** Runs a command, returning its wall time and output; fails on a non-zero exit. */
function timed(
  command: string,
  args: string[],
  timeoutMs = CHILD_TIMEOUT_MS,
): Promise<{ seconds: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const begin = performance.now();
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code, signal) => {
      const seconds = (performance.now() - begin) / 1000;
      clearTimeout(timer);
      children.delete(child);
      if (code === 0) resolve({ seconds, stdout });
      else reject(new Error(`${command} ${args.join(' ')} exited with ${signal ?? code}\n${stdout}\n${stderr}`));
    });
  });
}

// ---------------------------------------------------------------------------------------------

type Workers = Record<'server' | 'load' | 'paging' | 'profile', string>;

async function compileWorkers(): Promise<Workers> {
  const outdir = path.join(cache, 'js');
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: ['server', 'load', 'paging', 'profile'].map((name) => path.join(root, 'bench', `${name}.ts`)),
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: false,
    logLevel: 'warning',
  });
  return {
    server: path.join(outdir, 'server.mjs'),
    load: path.join(outdir, 'load.mjs'),
    paging: path.join(outdir, 'paging.mjs'),
    profile: path.join(outdir, 'profile.mjs'),
  };
}

interface LoadRow {
  op: 'get' | 'create';
  concurrency: number;
  variant: string;
  rps: number;
  meanMs: number;
  p99Ms: number;
  cpuUsPerRequest: number;
  /** Median over rounds of this variant's req/s divided by undici.request's in the same round. */
  rpsRatio: number;
  /** The same against global fetch. */
  fetchRatio: number;
  cpuRatio: number;
  rounds: number;
}

function summarizeLoad(samples: RunSample[]): LoadRow[] {
  const rows: LoadRow[] = [];
  for (const concurrency of LOAD.concurrencies) {
    for (const op of ['get', 'create'] as const) {
      const scenario = samples.filter((s) => s.op === op && s.concurrency === concurrency);
      const reference = new Map(scenario.filter((s) => s.variant === REFERENCE).map((s) => [s.round, s]));
      for (const variant of VARIANTS) {
        const runs = scenario.filter((s) => s.variant === variant);
        const paired = runs.filter((s) => reference.has(s.round));
        rows.push({
          op,
          concurrency,
          variant,
          rps: median(runs.map((s) => s.rps)),
          meanMs: median(runs.map((s) => s.meanMs)),
          p99Ms: median(runs.map((s) => s.p99Ms)),
          cpuUsPerRequest: median(runs.map((s) => s.cpuUsPerRequest)),
          rpsRatio: median(paired.map((s) => s.rps / reference.get(s.round)!.rps)),
          fetchRatio: pairedRatio(samples, variant, 'fetch', op, concurrency),
          cpuRatio: median(paired.map((s) => s.cpuUsPerRequest / reference.get(s.round)!.cpuUsPerRequest)),
          rounds: runs.length,
        });
      }
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------

interface BundleRow {
  page: string;
  minified: number;
  gzip: number;
}

const BUNDLE_PAGES: Record<string, string> = {
  'sdk, cases only': `
    import { KibanaClient } from './src/index.js';
    const kibana = new KibanaClient({ url: location.origin, auth: { apiKey: 'key' } });
    export async function show(id: string) { return (await kibana.cases.get(id)).title; }`,
  'sdk, all four resources': `
    import { KibanaClient } from './src/index.js';
    const kibana = new KibanaClient({ url: location.origin, auth: { apiKey: 'key' } });
    export async function show(id: string) {
      return [(await kibana.cases.get(id)).title, (await kibana.rules.get(id)).name, (await kibana.connectors.get(id)).name, (await kibana.apm.sourcemaps.list()).artifacts.length];
    }`,
  'bare openapi-fetch (reference)': `
    import createClient from 'openapi-fetch';
    import type { paths } from './generated/kibana.js';
    const client = createClient<paths>({ baseUrl: location.origin, headers: { authorization: 'ApiKey key' } });
    export async function show(id: string) { return (await client.GET('/api/cases/{caseId}', { params: { path: { caseId: id } } })).data?.title; }`,
};

async function bundleSizes(): Promise<BundleRow[]> {
  const rows: BundleRow[] = [];
  for (const [page, contents] of Object.entries(BUNDLE_PAGES)) {
    const result = await build({
      stdin: { contents, resolveDir: root, loader: 'ts', sourcefile: 'page.ts' },
      bundle: true,
      minify: true,
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      write: false,
      logLevel: 'warning',
    });
    const bytes = result.outputFiles[0]!.contents;
    rows.push({ page, minified: bytes.byteLength, gzip: gzipSync(bytes, { level: 9 }).byteLength });
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------

interface TypecheckRow {
  consumer: string;
  medianSeconds: number;
  runs: number[];
  types: number;
  instantiations: number;
}

const TSC = path.join(root, 'node_modules/typescript/bin/tsc');
const CONSUMERS = [
  { consumer: 'sdk-consumer.ts', tsconfig: 'tsconfig.sdk.json' },
  { consumer: 'openapi-fetch-consumer.ts', tsconfig: 'tsconfig.openapi-fetch.json' },
];

/**
 * The consumers are checked against the SDK's emitted declarations, as a user of the published
 * package would be (`skipLibCheck` then skips the SDK's own files, not the consumer). The harness
 * emits them into the cache and copies bench/typecheck/ next to them, so the consumers' relative
 * imports (`../../src/index.js`, `../../generated/kibana.js`) reach the `.d.ts` files.
 */
async function typecheckCost(): Promise<TypecheckRow[]> {
  const stage = path.join(cache, 'dts');
  rmSync(stage, { recursive: true, force: true });
  const dtsConfig = path.join(cache, 'tsconfig.dts.json');
  writeFileSync(
    dtsConfig,
    JSON.stringify({
      extends: path.relative(cache, path.join(root, 'tsconfig.json')),
      compilerOptions: {
        noEmit: false,
        declaration: true,
        emitDeclarationOnly: true,
        outDir: 'dts',
        rootDir: path.relative(cache, root),
        types: [],
      },
      include: [],
      files: [path.relative(cache, path.join(root, 'src/index.ts'))],
    }),
  );
  await timed(process.execPath, [TSC, '-p', dtsConfig]);
  cpSync(path.join(root, 'bench/typecheck'), path.join(stage, 'bench/typecheck'), { recursive: true });

  const runs = new Map<string, { seconds: number[]; types: number; instantiations: number }>();
  for (let run = 0; run < TYPECHECK_RUNS; run++) {
    for (const { consumer, tsconfig } of run % 2 ? [...CONSUMERS].reverse() : CONSUMERS) {
      const { seconds, stdout } = await timed(process.execPath, [
        TSC,
        '-p',
        path.join(stage, 'bench/typecheck', tsconfig),
        '--extendedDiagnostics',
      ]);
      const entry = runs.get(consumer) ?? { seconds: [], types: 0, instantiations: 0 };
      entry.seconds.push(seconds);
      entry.types = Number(/^Types:\s+(\d+)/m.exec(stdout)?.[1] ?? NaN);
      entry.instantiations = Number(/^Instantiations:\s+(\d+)/m.exec(stdout)?.[1] ?? NaN);
      runs.set(consumer, entry);
    }
  }
  return CONSUMERS.map(({ consumer }) => {
    const entry = runs.get(consumer)!;
    return {
      consumer,
      medianSeconds: median(entry.seconds),
      runs: entry.seconds,
      types: entry.types,
      instantiations: entry.instantiations,
    };
  });
}

// ---------------------------------------------------------------------------------------------

interface GenerateResult {
  medianSeconds: number;
  runs: number[];
  /** Every run wrote byte-for-byte what generated/ held before the bench. */
  identical: boolean;
  /** `git status --porcelain -- generated/` is empty after the runs (what CI checks). */
  gitClean: boolean | 'unknown';
  gitCleanBefore: boolean | 'unknown';
}

function snapshot(dir: string): Map<string, Buffer> {
  return new Map(readdirSync(dir).map((name) => [name, readFileSync(path.join(dir, name))]));
}

function digest(files: Map<string, Buffer>): string {
  const hash = createHash('sha256');
  for (const [name, bytes] of [...files].sort(([a], [b]) => (a < b ? -1 : 1)))
    hash.update(name).update('\0').update(bytes);
  return hash.digest('hex');
}

async function gitText(args: string[]): Promise<string> {
  try {
    return (await timed('git', args)).stdout.trim();
  } catch {
    return 'unknown';
  }
}

async function gitClean(): Promise<boolean | 'unknown'> {
  try {
    return (await timed('git', ['status', '--porcelain', '--', 'generated/'])).stdout.trim() === '';
  } catch {
    return 'unknown';
  }
}

async function generateTime(): Promise<GenerateResult> {
  const dir = path.join(root, 'generated');
  const before = snapshot(dir);
  const expected = digest(before);
  const gitCleanBefore = await gitClean();
  const runs: number[] = [];
  let identical = true;
  try {
    for (let run = 0; run < GENERATE_RUNS; run++) {
      runs.push((await timed('npm', ['run', '--silent', 'generate'], 120_000)).seconds);
      if (digest(snapshot(dir)) !== expected) identical = false;
    }
  } finally {
    // The bench must never leave generated/ changed: put back what was there.
    if (digest(snapshot(dir)) !== expected) {
      for (const [name, bytes] of before) writeFileSync(path.join(dir, name), bytes);
      identical = false;
    }
  }
  return { medianSeconds: median(runs), runs, identical, gitClean: await gitClean(), gitCleanBefore };
}

// ---------------------------------------------------------------------------------------------

interface Goal {
  goal: string;
  value: string;
  pass: boolean;
}

/** Median over rounds of `variant`'s req/s divided by `baseline`'s in the same round and scenario. */
function pairedRatio(samples: RunSample[], variant: string, baseline: string, op: string, concurrency: number): number {
  const scenario = samples.filter((s) => s.op === op && s.concurrency === concurrency);
  const base = new Map(scenario.filter((s) => s.variant === baseline).map((s) => [s.round, s.rps]));
  return median(
    scenario.filter((s) => s.variant === variant && base.has(s.round)).map((s) => s.rps / base.get(s.round)!),
  );
}

function goals(samples: RunSample[], paging: PagingResult[], typecheck: TypecheckRow[]): Goal[] {
  const result: Goal[] = [];
  for (const concurrency of LOAD.concurrencies) {
    for (const op of ['get', 'create'] as const) {
      const ratio = pairedRatio(samples, 'sdk (undici)', REFERENCE, op, concurrency);
      result.push({
        goal: `Node path cases.${op} c=${concurrency} >= 1.00x undici.request req/s`,
        value: `${ratio.toFixed(3)}x`,
        pass: ratio >= 1,
      });
    }
  }
  for (const concurrency of LOAD.concurrencies) {
    for (const op of ['get', 'create'] as const) {
      const ratio = pairedRatio(samples, 'sdk (undici) traced', REFERENCE, op, concurrency);
      result.push({
        goal: `Node path with listeners and withResponse() cases.${op} c=${concurrency} >= 1.00x undici.request req/s`,
        value: `${ratio.toFixed(3)}x`,
        pass: ratio >= 1,
      });
    }
  }
  for (const concurrency of LOAD.concurrencies) {
    for (const op of ['get', 'create'] as const) {
      const ratio = pairedRatio(samples, 'sdk (fetch)', 'fetch', op, concurrency);
      result.push({
        goal: `fetch path cases.${op} c=${concurrency} >= 0.95x global fetch req/s`,
        value: `${ratio.toFixed(3)}x`,
        pass: ratio >= 0.95,
      });
    }
  }
  for (const entry of paging) {
    // Judged on the heap without V8's code space: code compiled during the measured pass is not data
    // the iteration holds, and it comes and goes by up to a page between runs.
    const pages = entry.peakWithoutCodeBytes / entry.pageBytes;
    result.push({
      goal: `paging ${entry.cases} cases (${entry.transport}) peak heap < 2 pages above baseline`,
      value: `${pages.toFixed(2)} pages (with code space: ${entry.peakPages.toFixed(2)})`,
      pass: pages < 2,
    });
  }
  const sdk = typecheck.find((r) => r.consumer === 'sdk-consumer.ts')!;
  const bare = typecheck.find((r) => r.consumer === 'openapi-fetch-consumer.ts')!;
  const ratio = sdk.medianSeconds / bare.medianSeconds;
  result.push({
    goal: 'type-check of 30 SDK calls <= 1.5x the openapi-fetch consumer',
    value: `${ratio.toFixed(2)}x`,
    pass: ratio <= 1.5,
  });
  return result;
}

// ---------------------------------------------------------------------------------------------

/** One row per part of the code, one column pair per operation: `undici.request`, the SDK, and the difference. */
function profileTable(results: ProfileResult[]): string {
  const find = (variant: string, op: string) => results.find((r) => r.variant === variant && r.op === op);
  const parts = [...new Set(results.flatMap((r) => Object.keys(r.parts)))].sort(
    (a, b) => (find('sdk (undici)', 'get')?.parts[b] ?? 0) - (find('sdk (undici)', 'get')?.parts[a] ?? 0),
  );
  const cell = (value: number | undefined) => (value === undefined ? '' : value.toFixed(1));
  const row = (label: string, value: (r: ProfileResult) => number) =>
    [label].concat(
      ...(['get', 'create'] as const).map((op) => {
        const base = find(REFERENCE, op);
        const sdk = find('sdk (undici)', op);
        const a = base && value(base);
        const b = sdk && value(sdk);
        return [cell(a), cell(b), cell(a === undefined || b === undefined ? undefined : b - a)];
      }),
    );
  const rows = parts.map((name) => row(name, (r) => r.parts[name] ?? 0));
  rows.push(row('sampled total', (r) => Object.values(r.parts).reduce((sum, value) => sum + value, 0)));
  rows.push(row('CPU (process.cpuUsage)', (r) => r.cpuUsPerRequest));
  return table(
    ['part', 'get: undici.request', 'get: sdk', 'get: Δ', 'create: undici.request', 'create: sdk', 'create: Δ'],
    rows,
  );
}

function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function main(): Promise<void> {
  mkdirSync(cache, { recursive: true });
  const loadBefore = os.loadavg();
  log(`${smoke ? 'smoke' : 'full'} run; compiling the workers`);
  const scripts = await compileWorkers();
  const fixturesFile = path.join(cache, 'fixtures.json');
  const fixtures = buildFixtures(root);
  writeFileSync(fixturesFile, JSON.stringify(fixtures));

  // The smoke only checks that every section still works; it overlaps the spec build with the load
  // runs to stay short. The full run keeps every section to itself.
  const generating = smoke ? generateTime() : undefined;
  generating?.catch(() => undefined);
  try {
    await measureAndReport(scripts, fixturesFile, fixtures.caseJson.length, loadBefore, generating);
  } finally {
    // Let a running spec build finish, so it can put generated/ back if it has to.
    await generating?.catch(() => undefined);
  }
}

async function measureAndReport(
  scripts: Workers,
  fixturesFile: string,
  caseBytes: number,
  loadBefore: number[],
  generating: Promise<GenerateResult> | undefined,
): Promise<void> {
  const server = await startServer(scripts.server, fixturesFile, PAGING_TOTAL);
  let samples: RunSample[];
  let profile: ProfileResult[];
  const paging: PagingResult[] = [];
  try {
    log(
      `request overhead: ${LOAD.rounds} round(s) x ${VARIANTS.length} variants x get/create x c=${LOAD.concurrencies.join(',')}`,
    );
    const settings: LoadSettings = { url: server.url, fixtures: fixturesFile, ...LOAD };
    samples = await runWorker<RunSample[]>(
      scripts.load,
      [JSON.stringify(settings)],
      ['--expose-gc'],
      'samples',
      LOAD_TIMEOUT_MS,
    );
    log(
      `CPU profile: ${PROFILE.rounds} round(s) x undici.request and sdk (undici) x get/create x c=${PROFILE.concurrency}`,
    );
    profile = await runWorker<ProfileResult[]>(
      scripts.profile,
      [JSON.stringify({ url: server.url, fixtures: fixturesFile, ...PROFILE } satisfies ProfileSettings)],
      [],
      'results',
      LOAD_TIMEOUT_MS,
    );
    for (const transport of ['undici', 'fetch'] as const) {
      log(`paging memory: ${PAGING_TOTAL} cases through cases.iterate (${transport})`);
      const pagingSettings: PagingSettings = {
        url: server.url,
        transport,
        perPage: PER_PAGE,
        expected: PAGING_TOTAL,
        warmupRequests: PAGING_WARMUP_REQUESTS,
      };
      paging.push(
        await runWorker<PagingResult>(
          scripts.paging,
          [JSON.stringify(pagingSettings)],
          ['--expose-gc'],
          'result',
          CHILD_TIMEOUT_MS,
        ),
      );
    }
  } finally {
    await server.stop();
  }
  const load = summarizeLoad(samples);

  log('bundle size');
  const bundle = await bundleSizes();
  log(`type-check cost: ${TYPECHECK_RUNS} run(s) of each consumer`);
  const typecheck = await typecheckCost();
  if (!generating) log(`spec build time: ${GENERATE_RUNS} run(s) of npm run generate`);
  const generate = await (generating ?? generateTime());
  const goalList = goals(samples, paging, typecheck);

  const out: string[] = [];
  out.push(
    `\nRequest overhead (${LOAD.rounds} interleaved round(s), ${LOAD.runMs} ms or ${LOAD.runRequests} requests per run; medians; x = median of the per-round ratios to that variant; x CPU is against ${REFERENCE})`,
  );
  out.push(
    table(
      ['op', 'c', 'variant', 'req/s', 'x undici.request', 'x fetch', 'mean ms', 'p99 ms', 'CPU us/req', 'x CPU'],
      load.map((r) => [
        r.op === 'get' ? 'cases.get' : 'cases.create',
        r.concurrency,
        r.variant,
        Math.round(r.rps),
        r.rpsRatio.toFixed(3),
        r.fetchRatio.toFixed(3),
        r.meanMs.toFixed(3),
        r.p99Ms.toFixed(3),
        r.cpuUsPerRequest.toFixed(1),
        r.cpuRatio.toFixed(2),
      ]),
    ),
  );
  out.push(
    `\nWhere the client's CPU goes at c=${PROFILE.concurrency} (µs per request: sampled self time of the main thread, median of ${PROFILE.rounds} profiled run(s) of ${PROFILE.requests} requests; CPU is process.cpuUsage(), every thread)`,
  );
  out.push(profileTable(profile));
  out.push(
    `\nPaging memory (${PAGING_TOTAL} cases, pages of ${PER_PAGE}; heap used after GC, without V8's code space, sampled as each page arrives)`,
  );
  out.push(
    table(
      ['transport', 'one page', 'peak above baseline', 'in pages', 'same with code space', 'in pages', 'after loop'],
      paging.map((p) => [
        p.transport,
        kb(p.pageBytes),
        kb(p.peakWithoutCodeBytes),
        (p.peakWithoutCodeBytes / p.pageBytes).toFixed(2),
        kb(p.peakBytes),
        p.peakPages.toFixed(2),
        kb(p.afterBytes),
      ]),
    ),
  );
  out.push('\nBundle size (esbuild, browser, ESM, minified; gzip -9)');
  out.push(
    table(
      ['page', 'min bytes', 'min+gzip bytes'],
      bundle.map((b) => [b.page, b.minified, b.gzip]),
    ),
  );
  out.push(`\nType-check cost (tsc --noEmit against the emitted declarations, median of ${TYPECHECK_RUNS})`);
  out.push(
    table(
      ['consumer', 'median s', 'runs s', 'types', 'instantiations'],
      typecheck.map((t) => [
        t.consumer,
        t.medianSeconds.toFixed(2),
        t.runs.map((s) => s.toFixed(2)).join(' '),
        t.types,
        t.instantiations,
      ]),
    ),
  );
  out.push(`\nSpec build (npm run generate, median of ${GENERATE_RUNS})`);
  out.push(
    table(
      ['median s', 'runs s', 'output identical', 'git status generated/ clean'],
      [
        [
          generate.medianSeconds.toFixed(2),
          generate.runs.map((s) => s.toFixed(2)).join(' '),
          String(generate.identical),
          `${generate.gitClean} (before: ${generate.gitCleanBefore})`,
        ],
      ],
    ),
  );
  out.push(`\nGoals${smoke ? ' (smoke run: counts too small for the verdicts to mean anything)' : ''}`);
  for (const g of goalList) out.push(`${g.pass ? 'PASS' : 'MISS'}  ${g.goal}: ${g.value}`);
  if (!generate.identical) out.push('MISS  npm run generate rewrote generated/ differently (restored)');
  console.log(out.join('\n'));

  const results = {
    mode: smoke ? 'smoke' : 'full',
    commit: await gitText(['rev-parse', 'HEAD']),
    uncommittedInSrc: (await gitText(['status', '--porcelain', '--', 'src/', 'generated/'])) !== '',
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    loadAverage: { before: loadBefore, after: os.loadavg() },
    durationSeconds: (performance.now() - started) / 1000,
    settings: {
      load: LOAD,
      pagingCases: PAGING_TOTAL,
      perPage: PER_PAGE,
      pagingWarmupRequests: PAGING_WARMUP_REQUESTS,
      typecheckRuns: TYPECHECK_RUNS,
      generateRuns: GENERATE_RUNS,
      caseBytes,
    },
    requestOverhead: { summary: load, samples },
    cpuProfile: { settings: PROFILE, results: profile },
    pagingMemory: paging,
    bundleSize: bundle,
    typecheck,
    generate,
    goals: goalList,
  };
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  log(`done in ${results.durationSeconds.toFixed(1)} s; wrote ${path.relative(root, resultsFile)}`);
}

main().catch((error: unknown) => {
  stopChildren();
  console.error(error);
  process.exit(1);
});
