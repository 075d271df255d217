// The error kibana-sdk/testing throws when its optional peers are missing, and how it tells a missing
// peer from a peer that fails to load for another reason. (The packed package loaded without its peers
// is checked by test/consumer/alone.ts.)
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { isMissing, missingPeersError } from '../../src/testing/peers.js';

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
