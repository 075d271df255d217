import { RequestAbortedError } from '../errors.js';
import { headerRecord, tooLarge } from './body.js';
import { Deadline } from './deadline.js';
import type { ResponseHeaders, Transport, TransportRequest, TransportResponse } from './types.js';

type FetchFunction = typeof globalThis.fetch;

class FetchHeaders implements ResponseHeaders {
  readonly #headers: Headers;
  constructor(headers: Headers) {
    this.#headers = headers;
  }
  get(name: string): string | null {
    return this.#headers.get(name);
  }
  toRecord(): Record<string, string> {
    return headerRecord(this.#headers.entries());
  }
}

class FetchResponse implements TransportResponse {
  readonly status: number;
  readonly ok: boolean;
  readonly headers: FetchHeaders;
  readonly #response: Response;
  readonly #deadline: Deadline;
  readonly #request: TransportRequest;
  readonly #maxSize: number;

  constructor(response: Response, deadline: Deadline, request: TransportRequest, maxSize: number) {
    this.#response = response;
    this.#deadline = deadline;
    this.#request = request;
    this.#maxSize = maxSize;
    this.status = response.status;
    this.ok = response.ok;
    this.headers = new FetchHeaders(response.headers);
  }

  async text(): Promise<string> {
    try {
      // Without a content-encoding the declared length is the body's, so a body that is too large is
      // refused before a byte of it is read. fetch decodes gzip, deflate and br on the fly, and the
      // decoded size of such a body is only known by counting what the stream gives.
      const declared = this.#response.headers.get('content-length');
      const encoding = this.#response.headers.get('content-encoding');
      if (declared !== null && (encoding === null || encoding.trim().toLowerCase() === 'identity')) {
        const size = Number(declared);
        if (size > this.#maxSize) throw tooLarge(size, this.#maxSize, this.status, this.#request.info);
        // HTTP framing holds the body to the declared length, so it can be read whole without counting.
        // Not for a cross-origin answer: CORS hides its content-encoding unless Kibana exposes it.
        if (this.#response.type !== 'cors' && this.#response.type !== 'opaque') return await this.#response.text();
      }
      return await this.#readCounting();
    } catch (error) {
      await this.#response.body?.cancel().catch(() => undefined);
      throw this.#deadline.error(error, this.#request);
    } finally {
      this.#deadline.end();
    }
  }

  async #readCounting(): Promise<string> {
    const body = this.#response.body;
    if (!body) return '';
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let size = 0;
    let text = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return text + decoder.decode();
      size += value.byteLength;
      if (size > this.#maxSize) {
        // The reader holds the body's lock, so `body.cancel()` in text() would fail: only the reader
        // can cancel the stream and free the connection still receiving the rest of the body.
        await reader.cancel().catch(() => undefined);
        throw tooLarge(undefined, this.#maxSize, this.status, this.#request.info);
      }
      text += decoder.decode(value, { stream: true });
    }
  }

  async discard(): Promise<void> {
    try {
      await this.#response.body?.cancel();
    } catch {
      // The body is being dropped; a failure to cancel it changes nothing for the caller.
    } finally {
      this.#deadline.end();
    }
  }
}

/**
 * Sends requests with `fetch`. Without a custom `fetch`, `globalThis.fetch` is looked up at each
 * request, so interceptors installed later (msw's `setupServer`, test spies) still see the traffic.
 */
export function fetchTransport(customFetch: FetchFunction | undefined, maxResponseSize: number): Transport {
  return {
    kind: 'fetch',
    async send(request: TransportRequest): Promise<TransportResponse> {
      const { info, signal, timeout, body } = request;
      if (signal?.aborted)
        throw new RequestAbortedError(`${info.method} ${info.path} was aborted by the caller before it was sent`, {
          cause: signal.reason,
          request: info,
        });
      const deadline = new Deadline(signal, timeout);
      // A redirect is reported, never followed: fetch would send the headers and the body to the new
      // place, another origin included, and hand back that server's answer as Kibana's.
      const init: RequestInit & { duplex?: 'half' } = {
        method: request.method,
        headers: request.headers,
        body: body as BodyInit | undefined,
        signal: deadline.controller.signal,
        redirect: 'manual',
      };
      if (body instanceof ReadableStream) init.duplex = 'half';
      try {
        const response = await (customFetch ?? globalThis.fetch)(request.origin + request.path, init);
        return new FetchResponse(response, deadline, request, maxResponseSize);
      } catch (error) {
        deadline.end();
        throw deadline.error(error, request);
      }
    },
    async close(): Promise<void> {},
  };
}
