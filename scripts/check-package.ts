// Lints the packed tarball: publint (strict: warnings fail too) for package.json and the files it
// points at, and Are the Types Wrong for the types every module resolution mode gets.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pack, root } from './pack.js';

const tarball = pack();
const tools: Array<[string, string[]]> = [
  ['publint', ['run', '--strict', tarball]],
  ['attw', [tarball]],
];
let failed = false;
for (const [tool, args] of tools) {
  console.log(`\n--- ${tool} ${args.join(' ')}`);
  const { status } = spawnSync(path.join(root, 'node_modules', '.bin', tool), args, { stdio: 'inherit' });
  if (status !== 0) failed = true;
  console.log(`${tool}: ${status === 0 ? 'ok' : `FAILED (exit ${status})`}`);
}
process.exit(failed ? 1 : 0);
