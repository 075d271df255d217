// `npm run demo` end to end, as a child process: against the mock it starts itself it must run every
// step, print a readable summary, exit 0 and exit on its own; against an unreachable Kibana it must
// fail with a clear message and a non-zero code.
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment without any KIBANA_* or DEMO_* variable of the developer's shell. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('KIBANA_') && !name.startsWith('DEMO_')),
  );
  return { ...env, NO_COLOR: '1', ...extra };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // The demo must end by itself; hanging past the timeout is a failure, not something to wait out.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out after ${timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('npm run demo', () => {
  it('runs the whole tour against a mock it starts on loopback, then exits 0', async () => {
    const result = await run('npm', ['run', '--silent', 'demo'], cleanEnv());
    expect(result.stderr.replace(/npm warn.*\n?/gi, '')).toBe('');
    expect(result.code).toBe(0);
    const out = result.stdout;
    expect(out).toMatch(/kibana-sdk demo against mock Kibana at http:\/\/127\.0\.0\.1:\d+ \(started for this run\)/);
    expect(out).toContain('[1/7] Check alerting health');
    expect(out).toContain('Alerting health: read ok, execution ok, decryption ok');
    expect(out).toContain('Found 2 rule(s) in the default space:');
    expect(out).toContain('Noisy rule: my alert (3583a470-74f6-11ed-9801-35303b735aef)');
    expect(out).toContain('Muted alert host-1 of rule "my alert"; muted alerts now: host-1');
    expect(out).toMatch(/Created case [0-9a-f-]{36}: Noisy alert host-1 on rule my alert/);
    expect(out).toMatch(/status open, severity medium, version \S+, connector Ops Jira \(\.jira\)/);
    expect(out).toMatch(/Attached file alert-host-1\.txt \(\d+ bytes\) as attachment [0-9a-f-]{36}/);
    expect(out).toContain('Case settings of space "ops": close-by-pushing (set for this run)');
    expect(out).toMatch(
      /Pushed case [0-9a-f-]{36} with Ops Jira: external incident OPS-1 \(https:\/\/ops\.atlassian\.net\/browse\/OPS-1\)/,
    );
    expect(out).toContain('Case status after push: closed');
    expect(out).toContain('Case activity: 4 user action(s)');
    expect(out).toMatch(/elastic {2}case created: Noisy alert host-1/);
    expect(out).toMatch(/elastic {2}file attached: alert-host-1\.txt/);
    expect(out).toMatch(/elastic {2}pushed to Ops Jira: OPS-1/);
    expect(out).toMatch(/elastic {2}status set to closed/);
    expect(out).toMatch(/Demo finished: all 7 steps OK \(case [0-9a-f]{8}… in space "ops"\)\./);
  }, 90_000);

  it('uses the Kibana in KIBANA_URL with its credentials, and fails clearly when it cannot reach it', async () => {
    // A port that was just free: nothing listens there any more.
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const result = await run(
      'npx',
      ['tsx', 'scripts/demo.ts'],
      cleanEnv({ KIBANA_URL: `http://127.0.0.1:${port}`, KIBANA_USERNAME: 'elastic', KIBANA_PASSWORD: 'changeme' }),
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`kibana-sdk demo against Kibana at http://127.0.0.1:${port} (user elastic)`);
    expect(result.stdout).toContain('[1/7] Check alerting health');
    expect(result.stderr).toMatch(/FAILED: .*GET \/api\/alerting\/_health/);
    expect(result.stderr).toMatch(/Demo failed: step 1 \(Check alerting health\) failed: /);
    expect(result.stdout).not.toContain('[2/7]');
  }, 90_000);
});
