// Under Bun the undici transport fails on every call (Bun swaps in its own undici), so it is refused
// when the client is made. Bun is faked through process.versions.bun, as Bun sets it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigurationError, KibanaClient } from '../../src/index.node.js';
import { faults } from './faults.js';
import { runScenario } from './scenario.js';

const versions = process.versions as Record<string, string | undefined>;

describe('under Bun', () => {
  beforeEach(() => {
    versions.bun = '1.2.19';
  });
  afterEach(() => {
    delete versions.bun;
  });

  it.each([
    ['transport', { transport: 'undici' as const }],
    ['connections', { connections: 4 }],
    ['proxy', { proxy: 'http://127.0.0.1:3128' }],
  ])('%s selecting undici: ConfigurationError at construction, saying to use the fetch transport', (option, extra) => {
    let error: unknown;
    try {
      new KibanaClient({ url: 'http://127.0.0.1:5601', auth: { apiKey: 'k' }, ...extra });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).option).toBe(option);
    expect((error as Error).message).toBe(
      `Invalid option ${option}: the undici transport does not work under Bun; use the fetch transport (transport: "fetch", the default)`,
    );
  });

  it('the fetch transport still works against a loopback server', async () => {
    const result = await runScenario({
      transport: 'fetch',
      fault: faults.ok(),
      call: (kibana) => kibana.cases.get('case-1'),
    });
    for (const outcome of result.outcomes) expect(outcome.value).toMatchObject({ id: 'case-1' });
  });
});

describe('under Node', () => {
  it('the undici transport is accepted (the fake is gone)', async () => {
    expect(process.versions.bun).toBeUndefined();
    const kibana = new KibanaClient({ url: 'http://127.0.0.1:5601', auth: { apiKey: 'k' }, transport: 'undici' });
    expect(kibana.transport).toBe('undici');
    await kibana.close();
  });
});
