// externals.ts for the CommonJS build (tsup.config.ts swaps it in): the same document and peers,
// loaded with `require`. msw 3 is an ES module only; Node 22.12 and later `require` it.
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { FormatsPlugin } from 'ajv-formats';
import type { OpenApiDocument } from '../openapi/read.js';
import { type Externals, isMissing, missingPeersError, type Peer } from './peers.js';
import { hideLocalStorageGetter } from './quiet-local-storage.js';

const missing: Peer[] = [];
const causes: unknown[] = [];

function load<T>(name: Peer, specifier: string = name): T | undefined {
  try {
    return require(specifier) as T;
  } catch (error) {
    if (!isMissing(error, name)) throw error;
    missing.push(name);
    causes.push(error);
    return undefined;
  }
}

const restore = hideLocalStorageGetter();
let msw: Externals['msw'] | undefined;
try {
  msw = load<Externals['msw']>('msw');
} finally {
  restore();
}
const ajv = load<{ Ajv2020: typeof Ajv2020 }>('ajv', 'ajv/dist/2020.js');
const formats = load<{ default: FormatsPlugin }>('ajv-formats');
if (!msw || !ajv || !formats) throw missingPeersError(missing, causes);

export const externals: Externals = {
  openApiDocument: require('kibana-sdk/openapi.json') as OpenApiDocument,
  msw,
  Ajv2020: ajv.Ajv2020,
  addFormats: (instance) => formats.default(instance),
};
