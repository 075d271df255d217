// The error kibana-sdk/testing throws when its optional peers are missing, and how it tells a missing
// peer from a peer that fails to load for another reason. (The packed package loaded without its peers
// is checked by test/consumer/alone.ts.)
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  importPeers,
  isMissing,
  missingPeersError,
  type PeerImporters,
  requirePeers,
} from '../../src/testing/peers.js';

async function importError(specifier: string): Promise<unknown> {
  return import(/* @vite-ignore */ specifier).then(
    () => undefined,
    (error: unknown) => error,
  );
}

function requireError(specifier: string): unknown {
  try {
    createRequire(import.meta.url)(specifier);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('missingPeersError', () => {
  it('names the missing peer and the command that installs it', () => {
    expect(missingPeersError(['msw']).message).toBe(
      'kibana-sdk/testing needs msw, which is not installed. It is an optional peer dependency of kibana-sdk, ' +
        'left out of its own install: add it to your project with\n  npm install --save-dev msw',
    );
  });

  it('names every missing peer in one command, and keeps what the loaders threw as its cause', () => {
    const causes = [new Error('a'), new Error('b')];
    const error = missingPeersError(['ajv', 'ajv-formats'], causes);
    expect(error.message).toContain('needs ajv and ajv-formats, which are not installed. They are optional peer');
    expect(error.message).toMatch(/\n {2}npm install --save-dev ajv ajv-formats$/);
    expect(error.cause).toEqual(causes);
  });
});

describe('isMissing', () => {
  it("recognises Node's errors for a package that is not installed, in ESM and CommonJS", async () => {
    const esm = await importError('kibana-sdk-peer-that-is-not-there');
    const cjs = requireError('kibana-sdk-peer-that-is-not-there/sub/path.js');
    expect(isMissing(esm, 'kibana-sdk-peer-that-is-not-there')).toBe(true);
    expect(isMissing(cjs, 'kibana-sdk-peer-that-is-not-there')).toBe(true);
  });

  it('does not take another missing module, or another failure, for the peer', async () => {
    const other = await importError('kibana-sdk-peer-that-is-not-there');
    expect(isMissing(other, 'msw')).toBe(false);
    expect(isMissing(other, 'kibana-sdk-peer')).toBe(false);
    expect(isMissing(new SyntaxError("Unexpected token in 'msw'"), 'msw')).toBe(false);
    expect(isMissing('msw', 'msw')).toBe(false);
  });
});

const IMPORTERS: PeerImporters = {
  msw: () => import('msw'),
  ajv: () => import('ajv/dist/2020.js'),
  ajvFormats: () => import('ajv-formats'),
};

/** An import() of a package that is not installed, in Node's words. */
function notInstalled(name: string): Promise<never> {
  const error = new Error(`Cannot find package '${name}' imported from ${import.meta.url}`);
  return Promise.reject(Object.assign(error, { code: 'ERR_MODULE_NOT_FOUND' }));
}

/** A `require` that finds nothing by these names, in Node's words. */
function requireWithout(...absent: string[]): (id: string) => unknown {
  const real = createRequire(import.meta.url);
  return (id) => {
    const name = id.startsWith('@') ? id.split('/').slice(0, 2).join('/') : id.split('/')[0]!;
    if (!absent.includes(name)) return real(id);
    throw Object.assign(new Error(`Cannot find module '${id}'\nRequire stack:\n- ${import.meta.url}`), {
      code: 'MODULE_NOT_FOUND',
    });
  };
}

describe('importPeers', () => {
  it('gives msw, ajv and the formats plugin through import()', async () => {
    const peers = await importPeers(IMPORTERS);
    const ajv = new peers.Ajv2020();
    peers.addFormats(ajv);
    expect(ajv.validate({ type: 'string', format: 'date-time' }, '2024-01-02T03:04:05Z')).toBe(true);
    expect(ajv.validate({ type: 'string', format: 'date-time' }, 'yesterday')).toBe(false);
    expect(typeof peers.msw.http.get).toBe('function');
  });

  it('names the missing ones in one error', async () => {
    await expect(importPeers({ ...IMPORTERS, msw: () => notInstalled('msw') })).rejects.toThrow(
      /^kibana-sdk\/testing needs msw, which is not installed\./,
    );
    const none = importPeers({
      msw: () => notInstalled('msw'),
      ajv: () => notInstalled('ajv'),
      ajvFormats: () => notInstalled('ajv-formats'),
    });
    await expect(none).rejects.toThrow(/needs msw, ajv and ajv-formats, which are not installed/);
  });

  it('passes on a peer that fails for another reason', async () => {
    const broken = new SyntaxError('Unexpected token');
    await expect(importPeers({ ...IMPORTERS, ajv: () => Promise.reject(broken) })).rejects.toBe(broken);
  });
});

describe('requirePeers', () => {
  it("gives the same parts through CommonJS's require", () => {
    const peers = requirePeers(createRequire(import.meta.url));
    const ajv = new peers.Ajv2020();
    peers.addFormats(ajv);
    expect(ajv.validate({ type: 'string', format: 'uuid' }, '3583a470-74f6-11ed-9801-35303b735aef')).toBe(true);
    expect(typeof peers.msw.getResponse).toBe('function');
  });

  it('names the missing ones in one error, and passes on other failures', () => {
    expect(() => requirePeers(requireWithout('ajv', 'ajv-formats'))).toThrow(
      /needs ajv and ajv-formats, which are not installed[\s\S]*npm install --save-dev ajv ajv-formats$/,
    );
    const broken = new TypeError('boom');
    expect(() =>
      requirePeers(() => {
        throw broken;
      }),
    ).toThrow(broken);
  });
});
