// The kibana-sdk-mock command as a process: its exit codes, and a seeded server that stops on SIGTERM.
// (cli-main.test.ts covers what it does in this process; the consumer test runs the packed bin.)
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KibanaClient } from '../../src/index.node.js';

const CLI = fileURLToPath(new URL('../../src/testing/cli.ts', import.meta.url));

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

function start(args: string[]): { child: ChildProcess; exit: Promise<Exit>; firstLine: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: '', HOST: '' },
  });
  let stdout = '';
  let stderr = '';
  let gotLine: (line: string) => void = () => {};
  const firstLine = new Promise<string>((resolve) => (gotLine = resolve));
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.includes('\n')) gotLine(stdout.slice(0, stdout.indexOf('\n')));
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<Exit>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { child, exit, firstLine };
}

describe('kibana-sdk-mock', () => {
  it('prints its usage for --help and exits 0 without serving', async () => {
    const { code, stdout, stderr } = await start(['--help']).exit;
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: kibana-sdk-mock \[--port <port>\] \[--host <address>\] \[--seed <file.json>\]/);
    expect(stdout).not.toContain('listening');
    expect(stderr).toBe('');
  });

  it('exits 2 with the problem and a pointer to --help for a bad command line or seed file', async () => {
    const bad = await start(['--port', 'abc']).exit;
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'kibana-sdk-mock: invalid port "abc": expected a whole number from 0 to 65535\n' +
        'Run kibana-sdk-mock --help for the usage.\n',
    );
    const missing = await start(['--seed', '/nonexistent/seed.json']).exit;
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^kibana-sdk-mock: cannot read the seed file \/nonexistent\/seed.json: ENOENT/);
  });

  it('serves the seed on loopback, prints its URL first, and stops on SIGTERM', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kibana-sdk-mock-'));
    const seedFile = path.join(dir, 'seed.json');
    writeFileSync(
      seedFile,
      JSON.stringify({
        connectors: [
          {
            id: 'log-1',
            name: 'Seeded log',
            connector_type_id: '.server-log',
            config: {},
            is_preconfigured: false,
            is_deprecated: false,
            is_missing_secrets: false,
            is_system_action: false,
          },
        ],
      }),
    );
    const run = start(['--port', '0', '--seed', seedFile]);
    const line = await run.firstLine;
    const url = /^Mock Kibana listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line)?.[1];
    expect(url, line).toBeDefined();
    const kibana = new KibanaClient({ url: url!, auth: { apiKey: 'Y2xpOmtleQ==' }, maxRetries: 0 });
    expect((await kibana.connectors.list()).map((connector) => connector.name)).toEqual(['Seeded log']);
    run.child.kill('SIGTERM');
    const { code, stdout, stderr } = await run.exit;
    expect(stdout).toContain(`(seeded from ${seedFile})`);
    expect(stdout).toContain('Stopping the mock Kibana.');
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
