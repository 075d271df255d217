/**
 * kibana-sdk for Node: the same API as the browser entry, plus the undici transport (keep-alive
 * pool, TLS options, CA pinning, proxy), files from disk and streams, and a user agent.
 *
 * @packageDocumentation
 */
import { nodePlatform } from './node/platform.js';
import { usePlatform } from './platform.js';

usePlatform(nodePlatform);

export { KibanaClient } from './client.js';
export * from './exports.js';
