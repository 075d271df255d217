import { ConnectionError, KibanaError, RequestAbortedError, TimeoutError, type RequestInfo } from '../errors.js';

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

  /** The `KibanaError` for a failure of this attempt: timeout, caller abort, or connection failure. */
  error(error: unknown, info: RequestInfo, timeout: number): KibanaError {
    if (error instanceof KibanaError) return error;
    if (this.cause === 'timeout') return new TimeoutError(`${info.method} ${info.path} timed out after ${timeout} ms`, timeout, { cause: error, request: info });
    if (this.cause === 'caller') return new RequestAbortedError(`${info.method} ${info.path} was aborted by the caller`, { cause: error, request: info });
    const detail = (error as { cause?: { code?: string; message?: string } })?.cause;
    const code = (error as { code?: unknown })?.code;
    const reason = detail?.code ?? (typeof code === 'string' ? code : undefined) ?? detail?.message ?? (error instanceof Error ? error.message : String(error));
    return new ConnectionError(`${info.method} ${info.path} failed to connect to Kibana: ${reason}`, { cause: error, request: info });
  }
}

