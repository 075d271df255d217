// The packed tarball installed alone (`npm install --omit=dev`, no peers), as a user who never loads
// kibana-sdk/testing gets it: which packages come with it and how many bytes they take on disk (printed
// for the README; over the budget or with a package not listed here fails), the OpenAPI document
// shipped once, the client working, and kibana-sdk/testing and its bin failing with a message that names
// the missing peers. Prints one line per check; exits non-zero if any fails.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pack } from '../../scripts/pack.js';

/** What an install of kibana-sdk alone may hold. */
const EXPECTED_PACKAGES = ['kibana-sdk', 'openapi-fetch', 'openapi-typescript-helpers', 'undici'];
/** 5 MB, all packages together. */
const BUDGET_BYTES = 5_000_000;
const MISSING_PEERS = 'kibana-sdk/testing needs msw, ajv and ajv-formats, which are not installed.';
const INSTALL_COMMAND = 'npm install --save-dev msw ajv ajv-formats';

/** Every file under `dir`, recursively. */
function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? files(full) : entry.isFile() ? [full] : [];
  });
}

/** Every package under a node_modules folder, nested ones included, by name. */
function packages(modules: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const entry of readdirSync(modules, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const dirs = entry.name.startsWith('@')
      ? readdirSync(path.join(modules, entry.name)).map((name) => path.join(modules, entry.name, name))
      : [path.join(modules, entry.name)];
    for (const dir of dirs) {
      found.set(path.relative(modules, dir), dir);
      const nested = path.join(dir, 'node_modules');
      if (statSync(nested, { throwIfNoEntry: false })?.isDirectory())
        for (const [name, inner] of packages(nested)) found.set(name, inner);
    }
  }
  return found;
}

function bytes(paths: string[]): number {
  return paths.reduce((sum, file) => sum + statSync(file).size, 0);
}

interface Result {
  name: string;
  ok: boolean;
  detail: string;
}

function run(file: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const tarball = pack();
const project = mkdtempSync(path.join(tmpdir(), 'kibana-sdk-alone-'));
writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'alone', private: true, type: 'module' }));
execFileSync('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', tarball], {
  cwd: project,
  stdio: 'inherit',
});

const modules = path.join(project, 'node_modules');
const installed = packages(modules);
const sizes = [...installed].map(([name, dir]) => ({ name, bytes: bytes(files(dir)) }));
const total = bytes(files(modules));
const megabytes = (value: number) => `${(value / 1_000_000).toFixed(2)} MB`;
console.log(`\n${installed.size} packages, ${megabytes(total)} (${total} bytes) in node_modules:`);
for (const { name, bytes: size } of sizes.sort((a, b) => b.bytes - a.bytes))
  console.log(`  ${name.padEnd(28)} ${megabytes(size).padStart(9)}`);

const results: Result[] = [];
const unexpected = [...installed.keys()].filter((name) => !EXPECTED_PACKAGES.includes(name));
results.push({
  name: `only ${EXPECTED_PACKAGES.join(', ')} are installed`,
  ok: unexpected.length === 0,
  detail: `unexpected: ${unexpected.join(', ')}`,
});
results.push({
  name: `at most ${megabytes(BUDGET_BYTES)} in all`,
  ok: total <= BUDGET_BYTES,
  detail: `${megabytes(total)} is over the budget`,
});

// The document's title appears once in it; a bundle that inlined the document would repeat it.
const sdk = installed.get('kibana-sdk')!;
const title = (
  JSON.parse(readFileSync(path.join(sdk, 'generated', 'kibana.openapi.json'), 'utf8')) as {
    info: { title: string };
  }
).info.title;
const copies = files(sdk).filter((file) => readFileSync(file, 'utf8').includes(JSON.stringify(title)));
results.push({
  name: 'the OpenAPI document ships once',
  ok: copies.length === 1,
  detail: `found in ${copies.map((file) => path.relative(sdk, file)).join(', ')}`,
});

const clientScript =
  "import { KibanaClient } from 'kibana-sdk'; new KibanaClient({ url: 'http://127.0.0.1:1', auth: { apiKey: 'k' } });";
const client = await run(process.execPath, ['--input-type=module', '-e', clientScript], project);
results.push({
  name: 'the client loads without the peers',
  ok: client.code === 0 && client.stderr === '',
  detail: client.stderr,
});

const esm = await run(process.execPath, ['--input-type=module', '-e', "await import('kibana-sdk/testing')"], project);
const cjs = await run(process.execPath, ['-e', "require('kibana-sdk/testing')"], project);
for (const [format, result] of [
  ['import()', esm],
  ['require()', cjs],
] as const) {
  results.push({
    name: `${format} of kibana-sdk/testing names the missing peers and the install command`,
    ok: result.code !== 0 && result.stderr.includes(MISSING_PEERS) && result.stderr.includes(INSTALL_COMMAND),
    detail: result.stderr,
  });
}

const bin = path.join(modules, '.bin', 'kibana-sdk-mock');
const help = await run(bin, ['--help'], project);
results.push({
  name: 'kibana-sdk-mock --help works without the peers',
  ok: help.code === 0 && help.stdout.startsWith('Usage: kibana-sdk-mock'),
  detail: help.stdout + help.stderr,
});
const serve = await run(bin, ['--port', '0'], project);
results.push({
  name: 'kibana-sdk-mock without the peers exits 1 with the same message',
  ok:
    serve.code === 1 &&
    serve.stderr.startsWith(`kibana-sdk-mock: ${MISSING_PEERS}`) &&
    serve.stderr.includes(INSTALL_COMMAND),
  detail: `exit ${serve.code}: ${serve.stderr}`,
});

const failed = results.filter((result) => !result.ok).length;
console.log('');
for (const { name, ok, detail } of results) console.log(`${ok ? 'ok' : 'FAIL'} - ${name}${ok ? '' : `\n${detail}`}`);
console.log(`${results.length - failed} passed, ${failed} failed`);
rmSync(path.dirname(tarball), { recursive: true, force: true });
if (failed === 0) rmSync(project, { recursive: true, force: true });
else console.log(`left for inspection: ${project}`);
process.exit(failed === 0 ? 0 : 1);
