import type { RequestInfo } from '../errors.js';

/** A request body as the transports accept it. Only a stream cannot be sent twice. */
export type TransportBody = string | Uint8Array | Blob | FormData | ReadableStream<Uint8Array>;

/** One HTTP exchange, fully prepared by the client: URL parts, final headers, encoded body. */
export interface TransportRequest {
  method: string;
  /** `https://host:port`. */
  origin: string;
  /** Base path, space prefix, encoded path and query string. */
  path: string;
  headers: Record<string, string>;
  body: TransportBody | undefined;
  /** The caller's signal, if any. */
  signal: AbortSignal | undefined;
  /** Milliseconds for the whole attempt: from sending until the body is read to its end. */
  timeout: number;
  /** What errors name: method, path template, requested path. */
  info: RequestInfo;
}

/** Read access to response headers, by case-insensitive name. */
export interface ResponseHeaders {
  get(name: string): string | null;
  /** All headers, lower-case names, for error reports. */
  toRecord(): Record<string, string>;
}

/**
 * A response whose body is read at most once. The shape is the part of `Response` the typed
 * layer reads, so both transports can hand it over without building a real `Response`.
 */
export interface TransportResponse {
  readonly status: number;
  readonly ok: boolean;
  readonly headers: ResponseHeaders;
  /** The body as text; fails with `DeserializationError` past `maxResponseSize`. */
  text(): Promise<string>;
  /** Drops the body so the connection can be reused. */
  discard(): Promise<void>;
}

/** Moves requests to Kibana. Errors thrown are `KibanaError`s carrying `request.info`. */
export interface Transport {
  readonly kind: 'fetch' | 'undici';
  send(request: TransportRequest): Promise<TransportResponse>;
  close(): Promise<void>;
}
