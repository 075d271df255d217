import { ArgumentError, ConnectionError, KibanaError, RequestAbortedError, TimeoutError } from '../errors.js';
import type { TransportRequest } from './types.js';

/** Why the controller aborted, so the error says timeout or caller abort, not just "aborted". */
type AbortCause = 'timeout' | 'caller' | undefined;

/**
 * One attempt's time limit joined with the caller's signal. Its own timer (not the transport's)
 * keeps `requestTimeout` exact and lets the error say which of the two ended the attempt.
 */
export class Deadline {
  readonly controller = new AbortController();
  cause: AbortCause;
  readonly #timer: ReturnType<typeof setTimeout>;
  readonly #signal: AbortSignal | undefined;
  readonly #onCallerAbort = () => this.#abort('caller');

  constructor(signal: AbortSignal | undefined, timeout: number) {
    this.#signal = signal;
    this.#timer = setTimeout(() => this.#abort('timeout'), timeout);
    signal?.addEventListener('abort', this.#onCallerAbort, { once: true });
  }

  #abort(cause: AbortCause): void {
    this.cause ??= cause;
    this.controller.abort();
  }

  end(): void {
    clearTimeout(this.#timer);
    this.#signal?.removeEventListener('abort', this.#onCallerAbort);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The `KibanaError` for a failure of this attempt: timeout, caller abort, refused request, or connection failure. */
  error(error: unknown, request: TransportRequest): KibanaError {
    return describeFailure(this.cause, error, request, undefined);
  }
}

/** undici's codes for a request it refused to send (a header it does not allow): no connection was tried. */
const REFUSED_BY_UNDICI = new Set(['UND_ERR_INVALID_ARG', 'UND_ERR_NOT_SUPPORTED']);

/** `host:port` of a URL, the port spelled out even when it is the scheme's default; never user info. */
function hostAndPort(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || (parsed.protocol === 'https:' ? '443' : '80')}`;
  } catch {
    return 'an unreadable address';
  }
}

/** undici names the header in its message (`invalid upgrade header`, `expect header not supported`). */
function refusedRequest(message: string, request: TransportRequest, cause: unknown): ArgumentError {
  const header =
    /^invalid ([!#$%&'*+.^_`|~0-9A-Za-z-]+) header$|^([!#$%&'*+.^_`|~0-9A-Za-z-]+) header not supported$/.exec(message);
  const name = header?.[1] ?? header?.[2];
  const problem = `was refused by the HTTP client before sending (${message}); no request was sent`;
  return new ArgumentError(name ? `headers[${JSON.stringify(name)}]` : 'request', problem, {
    cause,
    request: request.info,
  });
}

function describeFailure(
  cause: AbortCause,
  error: unknown,
  request: TransportRequest,
  proxy: string | undefined,
): KibanaError {
  const { info, timeout } = request;
  if (error instanceof KibanaError) return error;
  if (cause === 'timeout')
    return new TimeoutError(`${info.method} ${info.path} timed out after ${timeout} ms`, timeout, {
      cause: error,
      request: info,
    });
  if (cause === 'caller')
    return new RequestAbortedError(`${info.method} ${info.path} was aborted by the caller`, {
      cause: error,
      request: info,
    });
  // fetch wraps undici's error in a TypeError("fetch failed"); the undici transport throws it as is.
  const detail = (error as { cause?: { code?: string; message?: string } })?.cause;
  const code = (error as { code?: unknown })?.code;
  const refused = REFUSED_BY_UNDICI.has(String(code))
    ? error
    : REFUSED_BY_UNDICI.has(String(detail?.code))
      ? detail
      : undefined;
  if (refused instanceof Error) return refusedRequest(refused.message, request, error);
  const reason =
    detail?.code ??
    (typeof code === 'string' ? code : undefined) ??
    detail?.message ??
    (error instanceof Error ? error.message : String(error));
  const where = `${hostAndPort(request.origin)}${proxy ? ` through the proxy at ${hostAndPort(proxy)}` : ''}`;
  return new ConnectionError(`${info.method} ${info.path} failed to connect to Kibana: ${reason} (at ${where})`, {
    cause: error,
    request: info,
  });
}

/**
 * The undici transport's per-attempt limit: one small object and one native timer per attempt, where an
 * AbortController, whose creation showed up in profiles of the request path, is not needed, because
 * the attempt's dispatch handler is its only listener.
 */
export class UndiciDeadline {
  aborted = false;
  reason: Error | undefined;
  cause: AbortCause;
  #listener: (() => void) | undefined;
  readonly #timer: ReturnType<typeof setTimeout>;
  readonly #callerSignal: AbortSignal | undefined;
  readonly #onCallerAbort: (() => void) | undefined;

  constructor(callerSignal: AbortSignal | undefined, timeout: number) {
    this.#timer = setTimeout(() => this.#abort('timeout'), timeout);
    this.#callerSignal = callerSignal;
    if (callerSignal) {
      this.#onCallerAbort = () => this.#abort('caller');
      callerSignal.addEventListener('abort', this.#onCallerAbort, { once: true });
    }
  }

  #abort(cause: AbortCause): void {
    if (this.aborted) return;
    this.aborted = true;
    this.cause = cause;
    this.reason = new Error(cause === 'timeout' ? 'request timed out' : 'request aborted by the caller');
    const listener = this.#listener;
    this.#listener = undefined;
    listener?.();
  }

  /** Sets the one function called when the attempt is aborted (by the timer or the caller). */
  onAbort(listener: () => void): void {
    this.#listener = listener;
  }

  end(): void {
    clearTimeout(this.#timer);
    if (this.#onCallerAbort) this.#callerSignal?.removeEventListener('abort', this.#onCallerAbort);
  }

  /** As {@link Deadline.error}; `proxy` is the proxy URL the connection went through, if any. */
  error(error: unknown, request: TransportRequest, proxy: string | undefined): KibanaError {
    return describeFailure(this.cause, error, request, proxy);
  }
}
