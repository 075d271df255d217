// Installs the packed tarball into a throwaway project, as a user would, and checks every way in:
// ESM and CommonJS in Node, the testing entry, and the declarations under node16 and bundler
// resolution. Prints one line per check; exits non-zero if any fails.
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pack, root } from '../../scripts/pack.js';

const tarball = pack();
const project = mkdtempSync(path.join(tmpdir(), 'kibana-sdk-consumer-'));
cpSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixture'), project, { recursive: true });

// The versions this repository locks, so that npm can take them from its cache.
function locked(name: string): string {
  return `${name}@${(JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version}`;
}
execFileSync(
  'npm',
  ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball, locked('msw'), locked('@types/node')],
  { cwd: project, stdio: 'inherit' },
);

const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const checks: Array<[name: string, args: string[]]> = [
  ['import as ESM in Node', ['esm.mjs']],
  ['require as CommonJS in Node', ['cjs.cjs']],
  ['kibana-sdk/testing (ESM and CommonJS)', ['testing.mjs']],
  ['tsc --noEmit, moduleResolution node16 (.mts and .cts)', [tsc, '-p', 'tsconfig.node16.json']],
  ['tsc --noEmit, moduleResolution bundler (DOM, no Node types)', [tsc, '-p', 'tsconfig.bundler.json']],
  ['tsc --noEmit, kibana-sdk/testing under node16 (.mts and .cts)', [tsc, '-p', 'tsconfig.testing.json']],
];
// The checks are independent, so they run side by side; their results print in order.
const results = await Promise.all(
  checks.map(
    ([, args]) =>
      new Promise<{ ok: boolean; seconds: string; output: string }>((resolve) => {
        const started = performance.now();
        execFile(process.execPath, args, { cwd: project, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
          resolve({
            ok: error === null,
            seconds: ((performance.now() - started) / 1000).toFixed(1),
            output: `${stdout}${stderr}` || String(error?.message),
          });
        });
      }),
  ),
);
let failed = 0;
checks.forEach(([name], index) => {
  const { ok, seconds, output } = results[index]!;
  if (!ok) failed++;
  console.log(`${ok ? 'ok' : 'FAIL'} - ${name} (${seconds} s)${ok ? '' : `\n${output}`}`);
});
console.log(`${checks.length - failed} passed, ${failed} failed`);
if (failed === 0) {
  rmSync(project, { recursive: true, force: true });
  rmSync(path.dirname(tarball), { recursive: true, force: true });
} else {
  console.log(`left for inspection: ${project}`);
}
process.exit(failed === 0 ? 0 : 1);
