// Packs the package as `npm publish` would (prepack builds dist/ first), for the checks that must see
// exactly what users install rather than the work tree.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Runs `npm pack` into a new temporary folder and returns the tarball's path. */
export function pack(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kibana-sdk-pack-'));
  execFileSync('npm', ['pack', '--pack-destination', dir], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  const tarballs = readdirSync(dir).filter((name) => name.endsWith('.tgz'));
  if (tarballs.length !== 1) throw new Error(`npm pack left ${tarballs.length} tarballs in ${dir}`);
  return path.join(dir, tarballs[0]!);
}
