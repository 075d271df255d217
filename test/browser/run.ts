// Browser test: the page in page.js, bundled for browsers from the built package, runs in headless
// Chromium against the mock Kibana on another loopback origin (so CORS is exercised), and must show
// the case it created. The bundle must hold no undici and no `node:` import.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { createKibanaMock, startKibanaMock } from '../../src/testing/index.js';
import { browserDir, bundle, nodeOnlyParts } from './bundle.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const HTML = `<!doctype html>
<meta charset="utf-8">
<title>kibana-sdk browser test</title>
<p id="result"></p>
<dl>
  <dt>title</dt><dd id="title"></dd>
  <dt>status</dt><dd id="status"></dd>
  <dt>transport</dt><dd id="transport"></dd>
  <dt>in the default space</dt><dd id="default-space"></dd>
  <dt>error names</dt><dd id="error-names"></dd>
</dl>
<script type="module" src="/page.js"></script>
`;

let passed = 0;
let failed = 0;
function check(name: string, ok: boolean, detail = ''): void {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok' : 'FAIL'} - ${name}${ok || !detail ? '' : `: ${detail}`}`);
}

const built = await bundle({ file: path.join(browserDir, 'page.js') }, { minify: false });
// A minifier renames classes: the page also runs from a minified bundle, where error names must survive.
const minified = await bundle({ file: path.join(browserDir, 'page.js') }, { minify: true });
const nodeOnly = nodeOnlyParts(built.metafile);
check('the browser bundle holds no undici and no node: import', nodeOnly.length === 0, nodeOnly.join(', '));
const sdkInputs = Object.keys(built.metafile.inputs).filter((input) => input.startsWith('dist/'));
check(
  'the bundle takes kibana-sdk from its browser build (dist/index.js)',
  sdkInputs.length === 1 && sdkInputs[0] === 'dist/index.js',
  sdkInputs.join(', '),
);

const kibana = await startKibanaMock({ mock: createKibanaMock({ auth: { apiKey: 'browser-test' } }) });
const site = http.createServer((request, response) => {
  const script = request.url?.startsWith('/page.min.js') ? minified.code : built.code;
  const [type, body] = request.url?.startsWith('/page')
    ? ['text/javascript', script]
    : ['text/html; charset=utf-8', request.url?.startsWith('/?min') ? HTML.replace('/page.js', '/page.min.js') : HTML];
  response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
  response.end(body);
});
await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
const siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
const query = `kibana=${encodeURIComponent(kibana.url)}`;

let browser: Browser | undefined;
try {
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  for (const [label, pageUrl] of [
    ['', `${siteUrl}/?${query}`],
    [' (minified)', `${siteUrl}/?min&${query}`],
  ] as const)
    await runPage(browser, label, pageUrl);
} finally {
  await browser?.close();
  site.closeAllConnections();
  await new Promise<void>((resolve) => site.close(() => resolve()));
  await kibana.close();
}

async function runPage(browser: Browser, label: string, pageUrl: string): Promise<void> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // Chromium logs every 4xx as a console error; the page expects one 404 and handles it.
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      errors.push(message.text());
  });
  await page.goto(pageUrl);
  await page.waitForSelector('#result[data-state]', { state: 'attached', timeout: 30_000 });
  const text = async (selector: string) => (await page.textContent(selector))?.trim() ?? '';
  const state = await page.getAttribute('#result', 'data-state');
  check(`the page ran to the end${label}`, state === 'done', `${await text('#result')} ${errors.join(' | ')}`.trim());
  check(
    `it shows the case title read back from the ops space${label}`,
    (await text('#title')) === 'Disk full on db-1',
    await text('#title'),
  );
  check(`it shows the case status${label}`, (await text('#status')) === 'open', await text('#status'));
  check(
    `the browser build sends through fetch${label}`,
    (await text('#transport')) === 'fetch',
    await text('#transport'),
  );
  check(
    `the default space does not have the case${label}`,
    (await text('#default-space')) === 'not found',
    await text('#default-space'),
  );
  check(
    `errors report their own class names${label}`,
    (await text('#error-names')) === 'NotFoundError ArgumentError',
    await text('#error-names'),
  );
  check(`no script errors in the page${label}`, errors.length === 0, errors.join(' | '));
  await page.close();
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
