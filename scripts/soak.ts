/**
 * Soak test: 100,000 `cases.get` calls through the undici transport against a node:http server in a
 * separate child process on 127.0.0.1, to show that memory and connections stay flat under load.
 *
 *   npm run soak                      (node --expose-gc --import tsx scripts/soak.ts)
 *   SOAK_CALLS=20000 npm run soak     (a shorter run)
 *
 * Bounds: stops after SOAK_CALLS calls (default 100,000) or SOAK_MAX_SECONDS (default 240), whichever
 * comes first. Checks, after forced GC: the heap at the end is within +10% of the heap after warm-up
 * (SOAK_WARMUP calls, default 10,000); the server never saw more simultaneous connections than the
 * `connections` option, nor did the process hold more TCP sockets than that. Prints the figures and
 * exits 1 when a bound is broken, 2 when the run itself could not be made.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { KibanaClient } from '../src/index.node.js';

const CALLS = positive('SOAK_CALLS', 100_000);
const WARMUP = Math.min(positive('SOAK_WARMUP', 10_000), Math.floor(CALLS / 2));
const MAX_MS = positive('SOAK_MAX_SECONDS', 240) * 1000;
const CONCURRENCY = positive('SOAK_CONCURRENCY', 32);
const CONNECTIONS = positive('SOAK_CONNECTIONS', 16);
/** The end heap may exceed the warm-up heap by this fraction at most. */
const HEAP_TOLERANCE = 0.1;

function positive(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`${name} must be a positive whole number, got ${JSON.stringify(text)}`);
    process.exit(2);
  }
  return value;
}

/**
 * The server, run as plain JavaScript in its own process so its work and memory do not mix with the
 * client's figures. It answers a Kibana-like case for every request, counts connections (open now,
 * most at once, total), and exits on its own when the parent goes away or after six minutes.
 */
const SERVER_SOURCE = `
const http = require('node:http');
const body = JSON.stringify({
  id: 'case-1', version: 'WzEwMSwxXQ==', title: 'Disk full on db-1', description: 'The data volume of db-1 is at 98%.',
  status: 'open', severity: 'high', owner: 'cases', tags: ['db', 'storage'], totalComment: 0, totalAlerts: 0,
  created_at: '2024-05-01T10:00:00.000Z', created_by: { username: 'elastic', full_name: null, email: null },
  updated_at: null, updated_by: null, closed_at: null, closed_by: null, external_service: null, duration: null,
  connector: { id: 'none', name: 'none', type: '.none', fields: null }, settings: { syncAlerts: true }, comments: [],
});
const stats = { open: 0, maxOpen: 0, connections: 0, requests: 0 };
const server = http.createServer((req, res) => {
  stats.requests++;
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.keepAliveTimeout = 60000;
server.on('connection', (socket) => {
  stats.connections++;
  stats.open++;
  stats.maxOpen = Math.max(stats.maxOpen, stats.open);
  socket.on('close', () => { stats.open--; });
});
server.listen(0, '127.0.0.1', () => process.send({ type: 'ready', port: server.address().port }));
process.on('message', (message) => {
  if (message === 'stats') process.send({ type: 'stats', stats });
  if (message === 'exit') server.close(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
setTimeout(() => process.exit(3), 6 * 60 * 1000).unref();
`;

interface ServerStats {
  open: number;
  maxOpen: number;
  connections: number;
  requests: number;
}

function ask<T>(child: ChildProcess, message: string, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not answer ${message} within 10 s`)), 10_000);
    const onMessage = (reply: { type: string } & Record<string, unknown>) => {
      if (reply.type !== type) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(reply as T);
    };
    child.on('message', onMessage);
    if (message) child.send(message);
  });
}

async function collectedHeap(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc (npm run soak does)');
  // Several passes with turns of the event loop between them, so finalizers and weak references settle.
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

function tcpSockets(): number {
  return process.getActiveResourcesInfo().filter((name) => name === 'TCPSocketWrap').length;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

async function main(): Promise<number> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kibana-sdk-soak-'));
  const serverFile = path.join(dir, 'server.cjs');
  writeFileSync(serverFile, SERVER_SOURCE);
  const child = fork(serverFile, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
  const stopServer = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.send('exit');
    const timer = setTimeout(() => child.kill(), 5_000);
    await exited;
    clearTimeout(timer);
  };

  try {
    const { port } = await ask<{ port: number }>(child, '', 'ready');
    const kibana = new KibanaClient({
      url: `http://127.0.0.1:${port}`,
      auth: { apiKey: 'soak-test-key' },
      transport: 'undici',
      connections: CONNECTIONS,
    });
    const baselineSockets = tcpSockets();
    const latencies = new Float64Array(CALLS);
    const started = performance.now();
    const deadline = started + MAX_MS;
    let next = 0;
    let done = 0;
    let failures = 0;
    let firstFailure: unknown;
    let maxClientSockets = 0;
    let timedOut = false;

    const sampler = setInterval(() => {
      maxClientSockets = Math.max(maxClientSockets, tcpSockets() - baselineSockets);
    }, 100);

    async function run(until: number): Promise<void> {
      const worker = async () => {
        while (next < until) {
          if (performance.now() >= deadline) {
            timedOut = true;
            return;
          }
          const index = next++;
          const begin = performance.now();
          try {
            const found = await kibana.cases.get(`case-${index % 1000}`);
            if (found.id !== 'case-1') throw new Error(`unexpected answer ${JSON.stringify(found).slice(0, 80)}`);
          } catch (error) {
            failures++;
            firstFailure ??= error;
          }
          latencies[index] = performance.now() - begin;
          done++;
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      maxClientSockets = Math.max(maxClientSockets, tcpSockets() - baselineSockets);
    }

    await run(WARMUP);
    const warmHeap = await collectedHeap();
    const warmAt = performance.now();
    await run(CALLS);
    const endHeap = await collectedHeap();
    const ended = performance.now();
    clearInterval(sampler);

    const server = (await ask<{ stats: ServerStats }>(child, 'stats', 'stats')).stats;
    await kibana.close();
    // After close() every pooled connection must be gone, on both sides.
    let closedOpen = server.open;
    for (let i = 0; i < 50 && closedOpen > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 40));
      closedOpen = (await ask<{ stats: ServerStats }>(child, 'stats', 'stats')).stats.open;
    }
    const leftClientSockets = tcpSockets() - baselineSockets;

    const sorted = Array.from(latencies.subarray(0, done)).sort((a, b) => a - b);
    const pct = (p: number) =>
      (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0).toFixed(2);
    const growth = (endHeap - warmHeap) / warmHeap;
    const elapsed = (ended - started) / 1000;
    const checks: Array<[string, boolean]> = [
      [
        `end heap within +${HEAP_TOLERANCE * 100}% of warm-up heap (${mb(warmHeap)} -> ${mb(endHeap)}, ${(growth * 100).toFixed(1)}%)`,
        growth <= HEAP_TOLERANCE,
      ],
      [`server saw at most ${CONNECTIONS} connections at once (max ${server.maxOpen})`, server.maxOpen <= CONNECTIONS],
      [`client held at most ${CONNECTIONS} TCP sockets (max ${maxClientSockets})`, maxClientSockets <= CONNECTIONS],
      [`no failed call (${failures}${firstFailure ? `; first: ${String(firstFailure)}` : ''})`, failures === 0],
      [`every call answered by the server (${server.requests} requests for ${done} calls)`, server.requests === done],
      [
        `no connection left open after close() (server ${closedOpen}, client ${leftClientSockets})`,
        closedOpen === 0 && leftClientSockets <= 0,
      ],
    ];

    console.log('kibana-sdk soak');
    console.log(
      `  calls:           ${done} of ${CALLS}${timedOut ? ` (stopped by the ${MAX_MS / 1000} s bound)` : ''}, concurrency ${CONCURRENCY}, connections ${CONNECTIONS}, undici transport`,
    );
    console.log(
      `  time:            ${elapsed.toFixed(1)} s, ${Math.round(done / elapsed)} calls/s (after warm-up: ${Math.round((done - WARMUP) / ((ended - warmAt) / 1000))} calls/s)`,
    );
    console.log(`  latency (ms):    p50 ${pct(50)}, p90 ${pct(90)}, p99 ${pct(99)}, max ${pct(100)}`);
    console.log(
      `  heap after GC:   warm-up (${WARMUP} calls) ${mb(warmHeap)}, end ${mb(endHeap)}, growth ${(growth * 100).toFixed(1)}%`,
    );
    console.log(
      `  memory at end:   rss ${mb(process.memoryUsage().rss)}, external ${mb(process.memoryUsage().external)}`,
    );
    console.log(
      `  connections:     server max open ${server.maxOpen}, opened in total ${server.connections}; client max TCP sockets ${maxClientSockets}`,
    );
    for (const [label, passed] of checks) console.log(`  ${passed ? 'ok  ' : 'FAIL'} ${label}`);
    return checks.every(([, passed]) => passed) ? 0 : 1;
  } finally {
    await stopServer();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('soak could not run:', error);
    process.exitCode = 2;
  },
);
