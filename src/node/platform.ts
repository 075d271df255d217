import { openAsBlob } from 'node:fs';
import { Readable } from 'node:stream';
import { ArgumentError } from '../errors.js';
import type { Platform } from '../platform.js';
import { undiciTransport } from '../transport/undici.js';
import { VERSION } from '../version.js';
import { nodeOptions } from './options.js';

/** Kibana accepts 1 MB by default; streams are read up to this bound, past which Kibana would refuse anyway. */
const STREAM_LIMIT = 64 * 1024 * 1024;

function isReadable(value: unknown): boolean {
  if (value instanceof Readable) return true;
  const candidate = value as { pipe?: unknown; on?: unknown; read?: unknown } | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.pipe === 'function' &&
    typeof candidate.on === 'function' &&
    typeof candidate.read === 'function'
  );
}

async function collect(stream: unknown, limit: number): Promise<Blob> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Uint8Array | string>) {
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
    size += bytes.byteLength;
    if (size > limit) throw new RangeError(`the stream holds more than ${limit} bytes`);
    chunks.push(bytes);
  }
  return new Blob(chunks as BlobPart[]);
}

async function open(path: string, argument: string): Promise<Blob> {
  try {
    return await openAsBlob(path);
  } catch (error) {
    throw new ArgumentError(argument, `cannot read ${JSON.stringify(path)}: ${(error as Error).message}`);
  }
}

/** Node's additions: the Node-only options, the undici transport, files from disk and streams, and a user agent. */
export const nodePlatform: Platform = {
  userAgent: `kibana-sdk/${VERSION} (Node.js ${process.version}; ${process.platform} ${process.arch})`,
  nodeOptions,
  undiciTransport: (config) =>
    undiciTransport({
      origin: config.origin,
      tls: config.tls,
      caFingerprint: config.caFingerprint,
      proxy: config.proxy,
      connections: config.connections,
      maxResponseSize: config.maxResponseSize,
    }),
  files: {
    open,
    readStream: (value) => (isReadable(value) ? collect(value, STREAM_LIMIT) : undefined),
  },
};
