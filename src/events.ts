import { ArgumentError, type KibanaError } from './errors.js';

/** Emitted before a failed attempt is tried again. */
export interface RetryEvent {
  method: string;
  /** The operation's path template, e.g. `/api/cases/{caseId}`. */
  path: string;
  /** The attempt that failed, 1 for the first. */
  attempt: number;
  /** How long the client waits before the next attempt, in milliseconds. */
  delay: number;
  /** Why the attempt failed. */
  error: KibanaError;
}

/** Emitted when Kibana answers with a `warning` header, which it uses for deprecations. */
export interface WarningEvent {
  method: string;
  path: string;
  /** The header's text, e.g. `299 Kibana-8.15.0 "This API is deprecated"`. */
  warning: string;
}

/** Emitted before each attempt of a call is sent, retries included. */
export interface RequestEvent {
  /** Upper case, e.g. `GET`. */
  method: string;
  /** The operation's path template, e.g. `/api/cases/{caseId}`. */
  path: string;
  /** 1 for the first attempt, 2 for the first retry, ... */
  attempt: number;
}

/** Emitted when an attempt gets an answer, error statuses included (not when it gets none). */
export interface ResponseEvent {
  method: string;
  /** The operation's path template. */
  path: string;
  /** The HTTP status of the answer. */
  status: number;
  /** Milliseconds from sending the attempt to the answer's headers. */
  durationMs: number;
  attempt: number;
}

/** The events a client emits, by name. */
export interface KibanaClientEvents {
  request: RequestEvent;
  response: ResponseEvent;
  retry: RetryEvent;
  warning: WarningEvent;
}

type Listener<E extends keyof KibanaClientEvents> = (event: KibanaClientEvents[E]) => void;

/** Listeners shared by a client and the space-scoped clients made from it. */
export class ClientEvents {
  readonly #listeners: { [E in keyof KibanaClientEvents]: Listener<E>[] } = {
    request: [],
    response: [],
    retry: [],
    warning: [],
  };

  /** The listeners of `event`; own keys only, so `toString` or `__proto__` is an unknown event, not Object's method. */
  #of<E extends keyof KibanaClientEvents>(event: E): Listener<E>[] | undefined {
    return typeof event === 'string' && Object.hasOwn(this.#listeners, event) ? this.#listeners[event] : undefined;
  }

  on<E extends keyof KibanaClientEvents>(event: E, listener: Listener<E>): () => void {
    const listeners = this.#of(event);
    if (!listeners)
      throw new ArgumentError(
        'event',
        `expected one of ${Object.keys(this.#listeners).join(', ')}, got ${typeof event === 'string' ? JSON.stringify(event) : typeof event}`,
      );
    if (typeof listener !== 'function')
      throw new ArgumentError(
        'listener',
        `expected a function for "${event}", got ${listener === null ? 'null' : typeof listener}`,
      );
    listeners.push(listener);
    return () => this.off(event, listener);
  }

  off<E extends keyof KibanaClientEvents>(event: E, listener: Listener<E>): void {
    const listeners = this.#of(event);
    const index = listeners?.indexOf(listener) ?? -1;
    if (index !== -1) listeners!.splice(index, 1);
  }

  has(event: keyof KibanaClientEvents): boolean {
    return this.#listeners[event].length > 0;
  }

  /** A listener that throws must not break the request that triggered it. */
  emit<E extends keyof KibanaClientEvents>(event: E, payload: KibanaClientEvents[E]): void {
    for (const listener of [...this.#listeners[event]]) {
      try {
        listener(payload);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}
