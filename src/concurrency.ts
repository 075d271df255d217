import { RequestAbortedError, type RequestInfo } from './errors.js';

/**
 * Lets at most `limit` calls run at once; the others wait in the order they came. One exists per
 * client and is shared by the clients derived from it.
 */
export class ConcurrencyLimit {
  readonly limit: number;
  #running = 0;
  /** Starts each waiting call, oldest first. */
  readonly #waiting: Array<() => void> = [];

  constructor(limit: number) {
    this.limit = limit;
  }

  /**
   * Resolves once the call may start. An abort of `signal` while it waits rejects with
   * `RequestAbortedError` and gives up its place; a call that started must call {@link release}.
   */
  acquire(signal: AbortSignal | undefined, request: RequestInfo): Promise<void> | undefined {
    if (this.#running < this.limit && this.#waiting.length === 0) {
      this.#running++;
      return undefined;
    }
    const aborted = () =>
      new RequestAbortedError(
        `${request.method} ${request.path} was aborted by the caller while waiting for one of the ${this.limit} slots of maxConcurrency`,
        { request, cause: signal?.reason },
      );
    if (signal?.aborted) return Promise.reject(aborted());
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const index = this.#waiting.indexOf(start);
        if (index !== -1) this.#waiting.splice(index, 1);
        reject(aborted());
      };
      const start = () => {
        signal?.removeEventListener('abort', onAbort);
        this.#running++;
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiting.push(start);
    });
  }

  /** Frees a slot, starting the call that waited longest. */
  release(): void {
    this.#running--;
    this.#waiting.shift()?.();
  }
}
