// The mock prints nothing of its own on stderr: in particular not the "localStorage is not available"
// warning that msw 2 makes Node 25+ print as it loads. CI runs this file on Node 20, 22, 24 and 26.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('fixtures/quiet-run.ts', import.meta.url));
const NODE_MAJOR = Number(process.versions.node.split('.')[0]);

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const { status, stdout, stderr } = spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  return { status, stdout, stderr };
}

describe(`the mock on Node ${process.versions.node}`, () => {
  it('loads, answers through msw and on loopback, and prints no warning', () => {
    const result = run();
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('200 200\n');
    expect(result.status).toBe(0);
  });

  it("leaves the user's own reads of localStorage to Node", () => {
    const result = run('--read-after');
    expect(result.stdout).toBe('200 200\n');
    if (NODE_MAJOR >= 25) expect(result.stderr).toContain('localStorage is not available');
    else expect(result.stderr).toBe('');
  });
});
