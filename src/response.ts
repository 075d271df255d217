import type { ResponseHeaders, TransportResponse } from './transport/types.js';

/** The headers of Kibana's answer, read by case-insensitive name on both transports. */
export interface KibanaResponseHeaders {
  /** The header's value (several values joined with `, `), or `null` when Kibana did not send it. */
  get(name: string): string | null;
  /** Every header, names in lower case. */
  toRecord(): Record<string, string>;
}

/** A successful call's result with the answer it came in, from {@link KibanaPromise.withResponse}. */
export interface KibanaResponse<T> {
  /** The result, as a plain `await` of the call gives it. */
  readonly data: T;
  /** The HTTP status Kibana answered with. */
  readonly status: number;
  readonly headers: KibanaResponseHeaders;
  /**
   * The values of Kibana's `warning` headers (deprecation notices such as
   * `299 Kibana-8.15.0 "This API is deprecated"`), one entry per warning; empty when there are none.
   */
  readonly warnings: readonly string[];
}

/**
 * What every resource method and `kibana.request` return: a promise of the result that can also
 * give the answer it came in. The call runs once, whether or not `withResponse()` is used.
 */
export interface KibanaPromise<T> extends Promise<T> {
  /** Resolves to the result with the answer's status, headers and warnings; rejects as the call does. */
  withResponse(): Promise<KibanaResponse<T>>;
}

/** One RFC 7234 warning value: code, agent, quoted text, optional quoted date. */
const WARNING = /\d{3} \S+ "(?:[^"\\]|\\.)*"(?: "[^"]*")?/g;

/** Splits a `warning` header that may hold several values joined by commas (which the texts may contain too). */
export function splitWarnings(header: string | null): string[] {
  if (header === null) return [];
  const values = header.match(WARNING);
  return values ?? [header];
}

/** A successful answer and its parsed body; `warnings` is read only when asked for. */
export class CallResponse<T> implements KibanaResponse<T> {
  readonly data: T;
  readonly status: number;
  readonly headers: ResponseHeaders;
  #warnings: string[] | undefined;

  constructor(data: T, response: TransportResponse) {
    this.data = data;
    this.status = response.status;
    this.headers = response.headers;
  }

  get warnings(): readonly string[] {
    this.#warnings ??= splitWarnings(this.headers.get('warning'));
    return this.#warnings;
  }
}

function dataOf<T>(response: KibanaResponse<T>): T {
  return response.data;
}

function ignore(): void {}

/** For calls whose answer carries nothing of use: they resolve to `undefined`. */
export function nothing(): void {}

/** The call's promise of `response`, resolving to its data, with `withResponse()` giving the whole answer. */
export function kibanaPromise<T>(response: Promise<KibanaResponse<T>>): KibanaPromise<T> {
  const data = response.then(dataOf);
  return Object.assign(data, {
    withResponse(): Promise<KibanaResponse<T>> {
      // The caller handles the failure through this promise; the data promise must not also report it.
      data.catch(ignore);
      return response;
    },
  });
}

/**
 * A call made of steps (an upload, then a read; a version lookup, then a write), whose `steps` end
 * with the last call's `withResponse()`: it resolves to that call's result and answer.
 */
export function chain<T>(steps: () => Promise<KibanaResponse<T>>): KibanaPromise<T> {
  return kibanaPromise(steps());
}

/** The call's promise with its result turned into `map(result)`; status, headers and warnings stay the call's. */
export function mapResponse<T, U>(call: KibanaPromise<T>, map: (data: T) => U): KibanaPromise<U> {
  return kibanaPromise(
    call.withResponse().then((response) => ({
      data: map(response.data),
      status: response.status,
      headers: response.headers,
      warnings: response.warnings,
    })),
  );
}
