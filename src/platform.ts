import type { KibanaClientOptions, UndiciConfig, UndiciSettings } from './config.js';
import type { Transport } from './transport/types.js';

/** File sources that exist only in Node: paths on disk and readable streams. */
export interface NodeFiles {
  /**
   * A Blob backed by the file at `path` (read lazily, so it can be sent again); a file that cannot be
   * opened is an ArgumentError naming `argument`.
   */
  open(path: string, argument: string): Promise<Blob>;
  /** The content of `value` when it is a Node readable stream, read up to a bound; otherwise `undefined`. */
  readStream(value: unknown): Promise<Blob> | undefined;
}

/**
 * The Node-only options (`tls`, `caFingerprint`, `proxy`, `connections`), which select the undici
 * transport; the browser entry has none of this and refuses them.
 */
export interface NodeOptions {
  /**
   * Checks `transport`, `fetch` and the Node-only options together, as they decide the transport, and
   * answers the one they select; `transport` itself is already known to be `fetch`, `undici` or absent.
   */
  transport(options: KibanaClientOptions, origin: string): 'fetch' | 'undici';
  /** The undici transport's settings, checked; called after the options that are checked before them. */
  undiciSettings(options: KibanaClientOptions): UndiciSettings;
}

/**
 * What the runtime adds to the client. The browser entry has none of it, so browser bundles never
 * contain undici or `node:` modules; the Node entry fills it in.
 */
export interface Platform {
  userAgent?: string;
  nodeOptions?: NodeOptions;
  undiciTransport?: (config: UndiciConfig) => Transport;
  files?: NodeFiles;
}

let active: Platform = {};

/** Makes every client created from now on use `platform`; the Node entry calls it once when loaded. */
export function usePlatform(platform: Platform): void {
  active = platform;
}

/** The platform of the running program: empty in browsers. */
export function currentPlatform(): Platform {
  return active;
}
