// Size budget: a browser page that uses all four resources may weigh at most BUDGET bytes (min+gzip)
// more than openapi-fetch alone, the client it wraps. The budget is a little over the measured 14,792 B
// (a multiple of 256 B), so that growth fails CI; README.md ("Bundle size") says what the bytes buy and that
// the 9 KB goal is not met. Prints the figures and what takes the space: each module's minified bytes
// (esbuild's metafile) and its marginal min+gzip cost, what the page would weigh less without it
// (test/browser/marginal.ts).
import { gzipSync } from 'node:zlib';
import { bundle, type BrowserBundle } from './bundle.js';
import { marginalCosts } from './marginal.js';

const BUDGET = 58 * 256;

const pages = {
  'openapi-fetch alone': `import createClient from 'openapi-fetch';
    export const client = createClient({ baseUrl: location.origin });`,
  'kibana-sdk, one resource (cases)': `import { KibanaClient } from 'kibana-sdk';
    const kibana = new KibanaClient({ url: location.origin, auth: { bearer: 'token' } });
    export const read = (id) => kibana.cases.get(id);`,
  'kibana-sdk, all four resources': `import { KibanaClient } from 'kibana-sdk';
    const kibana = new KibanaClient({ url: location.origin, auth: { bearer: 'token' } });
    export const read = (id) => Promise.all([kibana.cases.get(id), kibana.rules.get(id), kibana.connectors.get(id), kibana.apm.agentConfiguration.list()]);`,
};

function measure(built: BrowserBundle): { min: number; gzip: number } {
  return { min: built.code.byteLength, gzip: gzipSync(built.code, { level: 9 }).byteLength };
}

const sizes: Record<string, { min: number; gzip: number }> = {};
for (const [name, source] of Object.entries(pages)) {
  const built = await bundle({ source }, { minify: true });
  sizes[name] = measure(built);
  console.log(
    `${name.padEnd(34)} ${String(sizes[name]!.min).padStart(7)} B min  ${String(sizes[name]!.gzip).padStart(6)} B min+gzip`,
  );
}

// dist/index.js is one input to esbuild; the same page built from src/ tells the files apart.
const allFour = pages['kibana-sdk, all four resources'];
const [bySource, costs] = await Promise.all([
  bundle({ source: allFour }, { minify: true, fromSource: true }),
  marginalCosts(allFour),
]);
const minified = Object.values(bySource.metafile.outputs)[0]!.inputs;
const column = (value: number | string, width: number) => String(value).padStart(width);
console.log('\nwhat takes the space in the all-four page, built from src/, costliest first:');
console.log(`  ${column('marginal', 8)}  ${column('minified', 8)}  module`);
for (const { module, marginal } of costs.modules)
  console.log(`  ${column(marginal, 8)}  ${column(minified[module]?.bytesInOutput ?? '', 8)}  ${module}`);
const sdk = costs.modules.filter(({ module }) => module.startsWith('src/') || module.startsWith('generated/'));
const sum = (list: { marginal: number }[]) => list.reduce((total, { marginal }) => total + marginal, 0);
console.log(
  `marginal: min+gzip bytes the page loses without the module; minified: its bytes in the minified page.\n` +
    `The marginal costs add up to ${sum(costs.modules)} B (kibana-sdk's src/ and generated/: ${sum(sdk)} B) of a ` +
    `${costs.whole} B page: gzip finds repeats across modules, so each one alone costs less than its share.`,
);

const over = sizes['kibana-sdk, all four resources']!.gzip - sizes['openapi-fetch alone']!.gzip;
console.log(`\nkibana-sdk adds ${over} B min+gzip to openapi-fetch; the budget is ${BUDGET} B.`);
if (over > BUDGET) {
  console.log(`FAIL - over budget by ${over - BUDGET} B`);
  process.exit(1);
}
console.log('ok - within budget');
