import { ArgumentError } from './errors.js';
import type { Platform } from './platform.js';

/**
 * File content for an upload:
 * - a `Blob` or `File`;
 * - bytes (`Uint8Array`, Node's `Buffer`, `ArrayBuffer`);
 * - a string, sent as UTF-8 text;
 * - a web `ReadableStream`, or in Node a readable stream (sent once: a call with a stream is never retried);
 * - in Node, `{ path }`: a file on disk.
 */
export type FileInput =
  | Blob
  | Uint8Array
  | ArrayBuffer
  | string
  | ReadableStream<Uint8Array>
  | NodeJSReadableLike
  | { path: string };

/** The part of a Node readable stream the SDK relies on, so browser typings need no Node types. */
export interface NodeJSReadableLike {
  pipe: (...args: never[]) => unknown;
  on: (...args: never[]) => unknown;
  read: (...args: never[]) => unknown;
}

const TYPES: Readonly<Record<string, string>> = {
  txt: 'text/plain',
  log: 'text/plain',
  csv: 'text/csv',
  json: 'application/json',
  map: 'application/json',
  js: 'text/javascript',
  html: 'text/html',
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  webp: 'image/webp',
  zip: 'application/zip',
  gz: 'application/gzip',
};

/** The media type for a file name, by extension; `application/octet-stream` when unknown. */
export function contentTypeFor(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return (dot === -1 ? undefined : TYPES[fileName.slice(dot + 1).toLowerCase()]) ?? 'application/octet-stream';
}

/** A file ready for FormData, and whether it came from a one-shot source. */
export interface PreparedFile {
  blob: Blob;
  oneShot: boolean;
}

async function readWebStream(stream: ReadableStream<Uint8Array>): Promise<Blob> {
  return new Response(stream).blob();
}

/**
 * Turns any {@link FileInput} into a Blob of `type`; `argument` names it in errors. A Blob that
 * already has a type keeps it unless `override` is set.
 */
export async function prepareFile(
  argument: string,
  input: unknown,
  type: string,
  platform: Platform,
  override = false,
): Promise<PreparedFile> {
  if (input === undefined || input === null) throw new ArgumentError(argument, 'is required');
  if (typeof input === 'string') return { blob: new Blob([input], { type }), oneShot: false };
  if (input instanceof Blob)
    return {
      blob: input.type && (!override || input.type === type) ? input : new Blob([input], { type }),
      oneShot: false,
    };
  if (input instanceof Uint8Array || input instanceof ArrayBuffer)
    return { blob: new Blob([input as BlobPart], { type }), oneShot: false };
  if (typeof ReadableStream !== 'undefined' && input instanceof ReadableStream)
    return { blob: new Blob([await readWebStream(input)], { type }), oneShot: true };
  const files = platform.files;
  const streamed = files?.readStream(input);
  if (streamed) return { blob: new Blob([await streamed], { type }), oneShot: true };
  if (typeof input === 'object' && 'path' in input) {
    const path = (input as { path: unknown }).path;
    if (typeof path !== 'string' || path.length === 0)
      throw new ArgumentError(`${argument}.path`, 'expected a non-empty file path');
    if (!files)
      throw new ArgumentError(`${argument}.path`, 'file paths can only be read in Node; pass a Blob or bytes instead');
    return { blob: new Blob([await files.open(path, `${argument}.path`)], { type }), oneShot: false };
  }
  throw new ArgumentError(argument, 'expected a Blob, File, Uint8Array, ArrayBuffer, string, stream or { path }');
}
