// Installs the packed tarball into throwaway projects, as users would, and checks every way in: ESM and
// CommonJS in Node, the testing entry with msw (mock.requests, mock.fail), the kibana-sdk-mock bin, and the
// declarations under node16 and bundler resolution. Each run pairs a Node major with an msw version:
//
//   tsx test/consumer/smoke.ts                         this Node, the msw this repository locks
//   tsx test/consumer/smoke.ts 20.18.1:msw@2.10.3 22:msw@3  Node 20.18.1 with msw 2.10.3, Node 22 with msw 3
//
// Other Node versions come from the `node` package on the npm registry. A check passes when it exits 0 and
// prints nothing on stderr (a warning fails it). Prints one line per check; exits non-zero if any fails.
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pack, root } from '../../scripts/pack.js';

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixture');
const CURRENT_MAJOR = process.versions.node.split('.')[0]!;

function version(dir: string, name: string): string {
  return (JSON.parse(readFileSync(path.join(dir, 'node_modules', name, 'package.json'), 'utf8')) as { version: string })
    .version;
}

/** The versions this repository locks, so that npm can take them from its cache. */
function locked(name: string): string {
  return `${name}@${version(root, name)}`;
}

interface Run {
  node: string;
  msw: string;
}

function parseRun(text: string): Run {
  const match = /^(\d+(?:\.\d+\.\d+)?):(msw@\S+)$/.exec(text);
  if (!match) throw new Error(`expected <node version>:msw@<version>, like 22:msw@3, got ${JSON.stringify(text)}`);
  return { node: match[1]!, msw: match[2]! };
}

/** The node binary of a major or an exact version: this one, or the `node` package's from npx's cache. */
function nodeBinary(wanted: string): string {
  if (wanted === CURRENT_MAJOR || wanted === process.versions.node) return process.execPath;
  const found = execFileSync('npx', ['-y', '-p', `node@${wanted}`, '--', 'node', '-p', 'process.execPath'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return found.trim();
}

interface Result {
  name: string;
  ok: boolean;
  seconds: string;
  output: string;
}

function check(name: string, file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Result> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(file, args, { cwd, env, maxBuffer: 16 * 1024 * 1024, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({
        name,
        ok: error === null && stderr === '',
        seconds: ((performance.now() - started) / 1000).toFixed(1),
        output: `${stdout}${stderr}` || String(error?.message),
      });
    });
  });
}

async function consumer(tarball: string, run: Run): Promise<{ results: Result[]; project: string }> {
  const project = mkdtempSync(path.join(tmpdir(), 'kibana-sdk-consumer-'));
  cpSync(FIXTURE, project, { recursive: true });
  const peers = [run.msw, locked('ajv'), locked('ajv-formats'), locked('@types/node')];
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball, ...peers], {
    cwd: project,
    stdio: 'inherit',
  });
  const node = nodeBinary(run.node);
  // The bin's `#!/usr/bin/env node` must find this run's Node first.
  const env = { ...process.env, PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}` };
  const label = `Node ${execFileSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim()}, msw ${version(project, 'msw')}`;
  console.log(`\n--- ${label}`);
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const checks: Array<[name: string, file: string, args: string[]]> = [
    ['import as ESM in Node', node, ['esm.mjs']],
    ['require as CommonJS in Node', node, ['cjs.cjs']],
    ['kibana-sdk/testing with msw: requests, fail (ESM and CommonJS)', node, ['testing.mjs']],
    ['npx kibana-sdk-mock: --help, and a seeded server', node, ['bin.mjs']],
    ['tsc --noEmit, moduleResolution node16 (.mts and .cts)', process.execPath, [tsc, '-p', 'tsconfig.node16.json']],
    [
      'tsc --noEmit, moduleResolution bundler (DOM, no Node types)',
      process.execPath,
      [tsc, '-p', 'tsconfig.bundler.json'],
    ],
    [
      'tsc --noEmit, kibana-sdk/testing under node16 (.mts and .cts)',
      process.execPath,
      [tsc, '-p', 'tsconfig.testing.json'],
    ],
  ];
  // The checks are independent, so they run side by side; their results print in order.
  const results = await Promise.all(
    checks.map(([name, file, args]) => check(`${name} [${label}]`, file, args, project, env)),
  );
  return { results, project };
}

const runs = process.argv.slice(2).map(parseRun);
if (runs.length === 0) runs.push({ node: CURRENT_MAJOR, msw: locked('msw') });
const tarball = pack();
let passed = 0;
let failed = 0;
const leftovers: string[] = [];
for (const run of runs) {
  const { results, project } = await consumer(tarball, run);
  for (const { name, ok, seconds, output } of results) {
    if (ok) passed++;
    else failed++;
    console.log(`${ok ? 'ok' : 'FAIL'} - ${name} (${seconds} s)${ok ? '' : `\n${output}`}`);
  }
  if (results.every((result) => result.ok)) rmSync(project, { recursive: true, force: true });
  else leftovers.push(project);
}
console.log(`${passed} passed, ${failed} failed`);
if (failed === 0) rmSync(path.dirname(tarball), { recursive: true, force: true });
for (const project of leftovers) console.log(`left for inspection: ${project}`);
process.exit(failed === 0 ? 0 : 1);
