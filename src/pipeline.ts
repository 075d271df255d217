import type { PreparedOperation } from './call.js';
import type { ResolvedConfig } from './config.js';
import { KibanaError, type ResponseError, responseError, type KibanaErrorBody, type RequestInfo } from './errors.js';
import type { ClientEvents } from './events.js';
import { isRetryable, retryDelay, sleep, type RetryPolicy } from './retry.js';
import { RequestAbortedError } from './errors.js';
import type { Transport, TransportBody, TransportResponse } from './transport/types.js';

/** What one call asked for, carried from the typed layer to the pipeline. */
export interface CallContext {
  /** The operation, with the headers every call of it carries. */
  readonly operation: PreparedOperation;
  /** The call's own headers (checked, names lower case), which win over the client's. */
  readonly headers: Readonly<Record<string, string>> | undefined;
  readonly signal: AbortSignal | undefined;
  readonly timeout: number;
  readonly maxRetries: number;
  readonly retry: RetryPolicy;
  /** POST and PATCH are retried only when the caller says the call is safe to repeat. */
  readonly retryNonIdempotent: boolean;
  /** False for bodies built from a one-shot source (a stream), which must never be sent twice. */
  readonly replayable: boolean;
}

/**
 * The `Request` openapi-fetch builds for each call. It only holds what the pipeline reads, which
 * spares each call the cost of a WHATWG `Request` (and a second one inside `fetch`).
 */
export class PreparedRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: TransportBody | undefined;
  readonly kibana: CallContext;

  constructor(url: string, init: { method: string; headers: Headers; body?: TransportBody; kibana: CallContext }) {
    this.url = url;
    this.method = init.method;
    this.headers = init.headers;
    this.body = init.body;
    this.kibana = init.kibana;
  }
}

function isKibanaErrorBody(value: unknown): value is KibanaErrorBody {
  const body = value as Partial<KibanaErrorBody> | null;
  return (
    typeof body === 'object' && body !== null && typeof body.statusCode === 'number' && typeof body.message === 'string'
  );
}

async function readError(response: TransportResponse, info: RequestInfo): Promise<ResponseError> {
  let text = '';
  try {
    text = await response.text();
  } catch (error) {
    if (!(error instanceof KibanaError)) throw error;
    text = '';
  }
  let body: KibanaErrorBody | string = text;
  try {
    const parsed: unknown = JSON.parse(text);
    if (isKibanaErrorBody(parsed)) body = { ...parsed, error: typeof parsed.error === 'string' ? parsed.error : '' };
  } catch {
    // Proxies answer errors in HTML or plain text; the raw text is kept as the body.
  }
  return responseError({ statusCode: response.status, body, headers: response.headers.toRecord(), request: info });
}

/**
 * Sends one prepared call: adds the Kibana headers, applies the timeout, retries what is safe to
 * retry, and turns error answers into `KibanaError`s. It is openapi-fetch's `fetch`.
 */
export function createPipeline(config: ResolvedConfig, transport: Transport, events: ClientEvents) {
  const originLength = config.origin.length;

  return async function send(request: PreparedRequest): Promise<TransportResponse> {
    const call = request.kibana;
    const { operation } = call;
    const method = operation.method;
    const template = operation.facts.path;
    const path = request.url.slice(originLength);
    const queryAt = path.indexOf('?');
    const info: RequestInfo = { method, path: template, url: queryAt === -1 ? path : path.slice(0, queryAt) };

    const body = request.body;
    // A JSON body is the only string body; FormData and Blobs carry their own media type.
    let headers = typeof body === 'string' ? operation.jsonHeaders : operation.headers;
    if (call.headers) headers = { ...headers, ...call.headers };
    const retries =
      call.replayable && !(body instanceof ReadableStream) && (call.retryNonIdempotent || operation.idempotent)
        ? call.maxRetries
        : 0;
    const transportRequest = {
      method,
      origin: config.origin,
      path,
      headers,
      body,
      signal: call.signal,
      timeout: call.timeout,
      info,
    };

    for (let attempt = 1; ; attempt++) {
      let failure: KibanaError;
      try {
        if (events.has('request')) events.emit('request', { method, path: template, attempt });
        // Timed only when someone listens; a listener added while the attempt runs sees the next one.
        const started = events.has('response') ? performance.now() : undefined;
        const response = await transport.send(transportRequest);
        if (started !== undefined) {
          const durationMs = performance.now() - started;
          events.emit('response', { method, path: template, status: response.status, durationMs, attempt });
        }
        if (response.ok) {
          const warning = response.headers.get('warning');
          if (warning !== null && events.has('warning')) events.emit('warning', { method, path: template, warning });
          if (response.status === 204 || response.headers.get('content-length') === '0') await response.discard();
          return response;
        }
        failure = await readError(response, info);
      } catch (error) {
        if (!(error instanceof KibanaError)) throw error;
        failure = error;
      }
      const delay = attempt <= retries && isRetryable(failure) ? retryDelay(call.retry, attempt, failure) : undefined;
      if (delay === undefined) throw failure;
      if (events.has('retry')) events.emit('retry', { method, path: template, attempt, delay, error: failure });
      await sleep(
        delay,
        call.signal,
        () =>
          new RequestAbortedError(`${method} ${template} was aborted by the caller while waiting to retry`, {
            cause: failure,
            request: info,
          }),
      );
    }
  };
}
