// What kibana-sdk/testing takes from the user's project rather than its own dependencies: msw, and
// ajv with ajv-formats for checking requests against the spec. They are optional peers, so that an
// install of kibana-sdk alone carries none of them; the error names the ones missing and how to add them.
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { FormatsPlugin } from 'ajv-formats';
import type * as Msw from 'msw';
import type { OpenApiDocument } from '../openapi/read.js';

/** The parts of the peers the mock uses. */
export interface Peers {
  msw: Pick<typeof Msw, 'http' | 'getResponse'>;
  Ajv2020: typeof Ajv2020;
  /** ajv-formats' plugin. */
  addFormats: (ajv: Ajv2020) => void;
}

/** What the mock loads from outside its bundle. */
export interface Externals extends Peers {
  /** The OpenAPI document, the one the package publishes as `kibana-sdk/openapi.json`. */
  openApiDocument: OpenApiDocument;
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

/** A peer as loaded, or why it is missing. */
type Loaded<T> = { module: T } | { missing: Peer; cause: unknown };

function missingOnes(loaded: ReadonlyArray<Loaded<unknown>>): Error {
  const missing = loaded.flatMap((peer) => ('missing' in peer ? [peer] : []));
  return missingPeersError(
    missing.map((peer) => peer.missing),
    missing.map((peer) => peer.cause),
  );
}

/** How ES modules load the peers: `import()` of each (ajv-formats, CommonJS, has its plugin at `default.default`). */
export interface PeerImporters {
  msw: () => Promise<Peers['msw']>;
  ajv: () => Promise<{ Ajv2020: typeof Ajv2020 }>;
  ajvFormats: () => Promise<{ default: { default: FormatsPlugin } }>;
}

async function imported<T>(name: Peer, importer: () => Promise<T>): Promise<Loaded<T>> {
  try {
    return { module: await importer() };
  } catch (error) {
    if (isMissing(error, name)) return { missing: name, cause: error };
    throw error;
  }
}

/** The peers through `import()`; one error names every one that is missing. */
export async function importPeers(importers: PeerImporters): Promise<Peers> {
  const [msw, ajv, formats] = await Promise.all([
    imported('msw', importers.msw),
    imported('ajv', importers.ajv),
    imported('ajv-formats', importers.ajvFormats),
  ]);
  if (!('module' in msw) || !('module' in ajv) || !('module' in formats)) throw missingOnes([msw, ajv, formats]);
  const plugin = formats.module.default.default;
  return { msw: msw.module, Ajv2020: ajv.module.Ajv2020, addFormats: (instance) => plugin(instance) };
}

function required<T>(name: Peer, load: (id: string) => unknown, id: string = name): Loaded<T> {
  try {
    return { module: load(id) as T };
  } catch (error) {
    if (isMissing(error, name)) return { missing: name, cause: error };
    throw error;
  }
}

/** The peers through CommonJS `require`; one error names every one that is missing. */
export function requirePeers(load: (id: string) => unknown): Peers {
  const msw = required<Peers['msw']>('msw', load);
  const ajv = required<{ Ajv2020: typeof Ajv2020 }>('ajv', load, 'ajv/dist/2020.js');
  const formats = required<{ default: FormatsPlugin }>('ajv-formats', load);
  if (!('module' in msw) || !('module' in ajv) || !('module' in formats)) throw missingOnes([msw, ajv, formats]);
  const plugin = formats.module.default;
  return { msw: msw.module, Ajv2020: ajv.module.Ajv2020, addFormats: (instance) => plugin(instance) };
}
