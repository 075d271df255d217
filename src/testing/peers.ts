// What kibana-sdk/testing takes from the user's project rather than its own dependencies: msw, and
// ajv with ajv-formats for checking requests against the spec. They are optional peers, so that an
// install of kibana-sdk alone carries none of them; the error names the ones missing and how to add them.
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type * as Msw from 'msw';
import type { OpenApiDocument } from '../openapi/read.js';

/** What the mock loads from outside its bundle. */
export interface Externals {
  /** The OpenAPI document, the one the package publishes as `kibana-sdk/openapi.json`. */
  openApiDocument: OpenApiDocument;
  msw: Pick<typeof Msw, 'http' | 'getResponse'>;
  Ajv2020: typeof Ajv2020;
  /** ajv-formats' plugin. */
  addFormats: (ajv: Ajv2020) => void;
}

/** The optional peers. */
export type Peer = 'msw' | 'ajv' | 'ajv-formats';

/**
 * True when `error` says that `name` itself cannot be found (not a module it needs): Node's ESM
 * (`Cannot find package 'msw'`) and CommonJS (`Cannot find module 'msw'`) wordings, and bundlers'.
 */
export function isMissing(error: unknown, name: string): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (code !== undefined && code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return false;
  const escaped = name.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  return new RegExp(`(?:package|module|resolve|import)[^'"]*['"]${escaped}(?:/[^'"]*)?['"]`, 'i').test(error.message);
}

/** The error for peers that are not installed, with the command that installs them. */
export function missingPeersError(missing: readonly Peer[], causes: readonly unknown[] = []): Error {
  const names = missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}`;
  const verb = missing.length === 1 ? 'is' : 'are';
  return new Error(
    `kibana-sdk/testing needs ${names}, which ${verb} not installed. ` +
      `${missing.length === 1 ? 'It is an optional peer dependency' : 'They are optional peer dependencies'} of ` +
      `kibana-sdk, left out of its own install: add ${missing.length === 1 ? 'it' : 'them'} to your project with\n` +
      `  npm install --save-dev ${missing.join(' ')}`,
    causes.length > 0 ? { cause: causes.length === 1 ? causes[0] : causes } : undefined,
  );
}
