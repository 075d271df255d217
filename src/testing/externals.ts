// What the mock loads from outside its bundle, for ES modules: the OpenAPI document the package ships
// (read from its one published copy, `kibana-sdk/openapi.json`, rather than inlined in every bundle) and
// the optional peers. The CommonJS build uses externals-require.ts instead, as it has no top-level await.
import { createRequire } from 'node:module';
import type { OpenApiDocument } from '../openapi/read.js';
import { type Externals, importPeers } from './peers.js';
import { hideLocalStorageGetter } from './quiet-local-storage.js';

const restore = hideLocalStorageGetter();
const peers = await importPeers({
  msw: () => import('msw'),
  ajv: () => import('ajv/dist/2020.js'),
  ajvFormats: () => import('ajv-formats'),
}).finally(restore);

export const externals: Externals = {
  openApiDocument: createRequire(import.meta.url)('kibana-sdk/openapi.json') as OpenApiDocument,
  ...peers,
};
