/**
 * Paging memory (run with --expose-gc): iterates every case of the loopback server through
 * `cases.iterate` and samples the heap, after a full GC, as each page arrives. One page's retained
 * size is the heap held by a parsed copy of one page's JSON (see pageSize).
 *
 * A first, unmeasured pass warms the code up: without it the samples mostly show V8 compiling the
 * hot path (hundreds of KB of code space), not data the iteration holds on to. The samples count
 * everything the iteration keeps alive, the SDK's and the transport's (e.g. a response's text).
 */
import v8 from 'node:v8';
import { KibanaClient } from '../src/index.node.js';

export interface PagingSettings {
  url: string;
  transport: 'undici' | 'fetch';
  perPage: number;
  expected: number;
  /** Requests of one case each sent before anything is measured. */
  warmupRequests: number;
}

export interface PagingResult {
  transport: 'undici' | 'fetch';
  cases: number;
  pages: number;
  baselineBytes: number;
  /** Heap held by one parsed page. */
  pageBytes: number;
  /** Heap used above the baseline, after GC, as each page arrived. */
  samplesBytes: number[];
  peakBytes: number;
  peakPages: number;
  /** The same peak without V8's code space (compiled code is not data the iteration holds). */
  peakWithoutCodeBytes: number;
  /** Heap used above the baseline after the loop ended. */
  afterBytes: number;
}

const HELD_PAGES = 5;
const settings = JSON.parse(process.argv[2]!) as PagingSettings;
const collect = (globalThis as { gc?: () => void }).gc;
if (!collect) throw new Error('run with --expose-gc');

function codeSpace(): number {
  return v8.getHeapSpaceStatistics().find((space) => space.space_name === 'code_space')?.space_used_size ?? 0;
}

function heapAfterGc(times = 1): number {
  for (let i = 0; i < times; i++) collect!();
  return process.memoryUsage().heapUsed;
}

/**
 * One page's retained size: the heap held by parsed copies of one page's JSON (the SDK parses with
 * JSON.parse too), several at once so the heap's own noise is divided among them. A function of its
 * own, so the page's text is gone from the caller's frame once it returns.
 */
async function pageSize(): Promise<number> {
  const text = await (await fetch(`${settings.url}/api/cases/_find?page=2&perPage=${settings.perPage}`)).text();
  const empty = heapAfterGc(2);
  const held: { cases: unknown[] }[] = [];
  for (let copy = 0; copy < HELD_PAGES; copy++) held.push(JSON.parse(text) as { cases: unknown[] });
  const bytes = (heapAfterGc(2) - empty) / HELD_PAGES;
  if (held.some((page) => page.cases.length !== settings.perPage)) throw new Error('short page');
  return bytes;
}

async function main(): Promise<void> {
  const kibana = new KibanaClient({
    url: settings.url,
    auth: { apiKey: 'YmVuY2g6YmVuY2g=' },
    transport: settings.transport,
  });
  // Warm-up: many small requests (the runtime's own per-request state settles after a few thousand
  // requests), then one full pass.
  let warm = 0;
  for await (const item of kibana.cases.iterate({ perPage: 1 }))
    if (item.id && ++warm >= settings.warmupRequests) break;
  // The full warm-up pass collects garbage at every page like the measured pass, so V8 has compiled
  // (and settled) the same code before the baseline is taken.
  warm = 0;
  for await (const item of kibana.cases.iterate({ perPage: settings.perPage })) {
    if (warm % settings.perPage === 0) heapAfterGc();
    if (item.id) warm++;
  }
  if (warm !== settings.expected)
    throw new Error(`the warm-up pass iterated ${warm} cases, expected ${settings.expected}`);

  const pageBytes = await pageSize();

  // A one-case request before the baseline and the final reading: undici keeps the last response's
  // body stream (and with it that body's text) until the connection's next request, which would
  // otherwise count a page's text in the baseline and hide it from the samples.
  const flush = () => kibana.cases.find({ page: 1, perPage: 1 });
  await flush();
  const baseline = heapAfterGc(2);
  const baselineCode = codeSpace();
  const samples: number[] = [];
  let peakWithoutCode = 0;
  let count = 0;
  for await (const item of kibana.cases.iterate({ perPage: settings.perPage })) {
    if (count % settings.perPage === 0) {
      const above = heapAfterGc() - baseline;
      samples.push(above);
      peakWithoutCode = Math.max(peakWithoutCode, above - (codeSpace() - baselineCode));
    }
    count++;
    if (typeof item.id !== 'string') throw new Error('a case without an id');
  }
  await flush();
  const after = heapAfterGc(2) - baseline;
  await kibana.close();
  if (count !== settings.expected) throw new Error(`iterated ${count} cases, expected ${settings.expected}`);
  const peak = Math.max(...samples);
  const result: PagingResult = {
    transport: settings.transport,
    cases: count,
    pages: samples.length,
    baselineBytes: baseline,
    pageBytes,
    samplesBytes: samples,
    peakBytes: peak,
    peakPages: peak / pageBytes,
    peakWithoutCodeBytes: peakWithoutCode,
    afterBytes: after,
  };
  process.send?.({ result });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
