// What the mock loads from outside its bundle, for ES modules: the OpenAPI document the package ships
// (read from its one published copy, `kibana-sdk/openapi.json`, rather than inlined in every bundle) and
// the optional peers. The CommonJS build uses externals-require.ts instead, as it has no top-level await.
import { createRequire } from 'node:module';
import type { OpenApiDocument } from '../openapi/read.js';
import { type Externals, isMissing, missingPeersError, type Peer } from './peers.js';
import { hideLocalStorageGetter } from './quiet-local-storage.js';

/** A peer as loaded, or why it is missing. */
type Loaded<T> = { module: T } | { missing: Peer; cause: unknown };

async function load<T>(name: Peer, importer: () => Promise<T>): Promise<Loaded<T>> {
  try {
    return { module: await importer() };
  } catch (error) {
    if (isMissing(error, name)) return { missing: name, cause: error };
    throw error;
  }
}

const restore = hideLocalStorageGetter();
const [msw, ajv, formats] = await Promise.all([
  load('msw', () => import('msw')),
  load('ajv', () => import('ajv/dist/2020.js')),
  load('ajv-formats', () => import('ajv-formats')),
]).finally(restore);
if (!('module' in msw) || !('module' in ajv) || !('module' in formats)) {
  const missing = [msw, ajv, formats].flatMap((peer) => ('missing' in peer ? [peer] : []));
  throw missingPeersError(
    missing.map((peer) => peer.missing),
    missing.map((peer) => peer.cause),
  );
}

export const externals: Externals = {
  openApiDocument: createRequire(import.meta.url)('kibana-sdk/openapi.json') as OpenApiDocument,
  msw: msw.module,
  Ajv2020: ajv.module.Ajv2020,
  // ajv-formats is CommonJS: imported from an ES module, its `module.exports` is the default export.
  addFormats: (instance) => formats.module.default.default(instance),
};
