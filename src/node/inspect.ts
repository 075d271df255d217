import { inspect } from 'node:util';
import type { KibanaClient } from '../client.js';

/**
 * Makes `util.inspect` (and so `console.log` in Node) show a client as its summary, never its
 * configuration. Browsers have no such hook, so only the Node entry adds it.
 */
export function inspectAsSummary(client: typeof KibanaClient): void {
  Object.defineProperty(client.prototype, inspect.custom, {
    value(this: KibanaClient): string {
      return `KibanaClient ${JSON.stringify(this.toJSON())}`;
    },
    writable: true,
    configurable: true,
  });
}
