// kibana-sdk-mock's work in this process: the usage, refused command lines and seed files, and a
// seeded server on loopback. (cli.test.ts runs the command as a process: exit codes and signals.)
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KibanaClient } from '../../src/index.node.js';
import { runCli } from '../../src/testing/cli-main.js';

async function run(args: string[], env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const outcome = await runCli(args, env, { out: (text) => (out += text), err: (text) => (err += text) });
  return { outcome, out, err };
}

function seedFile(seed: unknown): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'kibana-sdk-mock-seed-')), 'seed.json');
  writeFileSync(file, typeof seed === 'string' ? seed : JSON.stringify(seed));
  return file;
}

describe('runCli', () => {
  it('prints the usage for --help, and serves nothing', async () => {
    const { outcome, out, err } = await run(['--port', '1', '--help']);
    expect(outcome).toEqual({ code: 0 });
    expect(out).toMatch(/^Usage: kibana-sdk-mock /);
    expect(err).toBe('');
  });

  it('exits 2 naming what is wrong with the command line or the seed file', async () => {
    expect(await run(['--seed'])).toEqual({
      outcome: { code: 2 },
      out: '',
      err: 'kibana-sdk-mock: --seed needs a value\nRun kibana-sdk-mock --help for the usage.\n',
    });
    const notJson = seedFile('{"rules": [');
    expect((await run(['--seed', notJson])).err).toMatch(
      new RegExp(`^kibana-sdk-mock: the seed file ${notJson} is not JSON: `),
    );
    expect((await run(['--seed', seedFile({ rules: [{ name: 'no id' }] })])).err).toContain(
      'kibana-sdk-mock: the seed.rules[0] must be an object with a non-empty string id\n',
    );
    expect((await run(['--seed', path.join(tmpdir(), 'no-such-dir', 'seed.json')])).err).toMatch(
      /^kibana-sdk-mock: cannot read the seed file .*seed\.json: ENOENT/,
    );
  });

  it('serves the seed on loopback and prints its URL first', async () => {
    const file = seedFile({ spaces: { ops: { rules: [] } }, connectors: [] });
    const { outcome, out, err } = await run(['--seed', file], { PORT: '0' });
    if (!('server' in outcome)) throw new Error(`no server: ${err}`);
    try {
      expect(out.split('\n')[0]).toBe(`Mock Kibana listening on ${outcome.server.url}`);
      expect(outcome.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(out).toContain(`State is in memory (seeded from ${file})`);
      const kibana = new KibanaClient({ url: outcome.server.url, auth: { apiKey: 'Y2xpOmtleQ==' }, maxRetries: 0 });
      expect(await kibana.connectors.list()).toEqual([]);
      expect(outcome.server.mock.requests.map((request) => request.operationId)).toEqual(['getConnectors']);
    } finally {
      await outcome.server.close();
    }
  });

  it('exits 1 when it cannot listen', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      const { outcome, err } = await run(['--port', String(port)]);
      expect(outcome).toEqual({ code: 1 });
      expect(err).toMatch(
        new RegExp(`^kibana-sdk-mock: cannot start the mock Kibana on 127\\.0\\.0\\.1:${port}: .*EADDRINUSE`),
      );
    } finally {
      taken.close();
    }
  });
});
