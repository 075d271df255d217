// externals.ts for the CommonJS build (tsup.config.ts swaps it in): the same document and peers,
// loaded with `require`. msw 3 is an ES module only; Node 22.12 and later `require` it.
import type { OpenApiDocument } from '../openapi/read.js';
import { type Externals, type Peers, requirePeers } from './peers.js';
import { hideLocalStorageGetter } from './quiet-local-storage.js';

const restore = hideLocalStorageGetter();
let peers: Peers;
try {
  peers = requirePeers(require);
} finally {
  restore();
}

export const externals: Externals = {
  openApiDocument: require('kibana-sdk/openapi.json') as OpenApiDocument,
  ...peers,
};
