/**
 * kibana-sdk for Node: the same API as the browser entry, plus the undici transport (keep-alive
 * pool, TLS options, CA pinning, proxy), files from disk and streams, and a user agent.
 *
 * @packageDocumentation
 */
import { KibanaClient as BaseClient } from './client.js';
import { nodePlatform } from './node/platform.js';
import type { Platform } from './platform.js';

export * from './exports.js';

/** {@inheritDoc BaseClient} */
export class KibanaClient extends BaseClient {
  protected static override platform: Platform = nodePlatform;
}
