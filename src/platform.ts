import type { ResolvedConfig } from './config.js';
import type { Transport } from './transport/types.js';

/** File sources that exist only in Node: paths on disk and readable streams. */
export interface NodeFiles {
  /** A Blob backed by the file at `path` (read lazily, so it can be sent again). */
  open(path: string): Promise<Blob>;
  /** Whether `value` is a Node readable stream. */
  isReadable(value: unknown): boolean;
  /** Reads a Node readable stream into a Blob, at most `limit` bytes. */
  collect(stream: unknown, limit: number): Promise<Blob>;
}

/**
 * What the runtime adds to the client. The browser entry has none of it, so browser bundles never
 * contain undici or `node:` modules; the Node entry fills it in.
 */
export interface Platform {
  userAgent?: string;
  undiciTransport?: (config: ResolvedConfig) => Transport;
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
