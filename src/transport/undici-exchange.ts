import type { Dispatcher } from 'undici';
import { headerRecord } from './body.js';
import type { UndiciDeadline } from './deadline.js';
import type { ResponseHeaders } from './types.js';

/**
 * Response headers as undici hands them over, name and value pairs of bytes. A call reads two or three
 * of them, so they are looked up by name when asked rather than all decoded up front.
 */
export class RawHeaders implements ResponseHeaders {
  readonly #raw: Buffer[];

  constructor(raw: Buffer[]) {
    this.#raw = raw;
  }

  get(name: string): string | null {
    const wanted = name.toLowerCase();
    const raw = this.#raw;
    let found: string | null = null;
    for (let i = 0; i < raw.length; i += 2) {
      const key = raw[i]!;
      if (key.length !== wanted.length || key.toString('latin1').toLowerCase() !== wanted) continue;
      const value = raw[i + 1]!.toString('latin1');
      found = found === null ? value : `${found}, ${value}`;
    }
    return found;
  }

  toRecord(): Record<string, string> {
    const grouped = new Map<string, string[]>();
    const raw = this.#raw;
    for (let i = 0; i < raw.length; i += 2) {
      const name = raw[i]!.toString('latin1').toLowerCase();
      const values = grouped.get(name);
      const value = raw[i + 1]!.toString('latin1');
      if (values) values.push(value);
      else grouped.set(name, [value]);
    }
    return headerRecord(grouped);
  }
}

/** What undici's own body reader does too: a UTF-8 byte order mark is not part of the text. */
function decode(chunks: Buffer[], length: number): string {
  const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length);
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return bytes.toString('utf8', start);
}

/** The answer's status line and headers; the body follows on {@link UndiciExchange.body}. */
export interface ExchangeHead {
  status: number;
  headers: RawHeaders;
}

/**
 * One request as an undici dispatch handler: it resolves `head` when the answer's headers arrive and
 * `body` with the whole text once it has ended. Every call of the SDK reads the whole body, so the body
 * is gathered as it comes instead of through a stream, which costs a stream per request and keeps the
 * text reachable after it was read. `maxResponseSize` bounds it: undici stops a larger answer.
 */
export class UndiciExchange implements Dispatcher.DispatchHandler {
  readonly head: Promise<ExchangeHead>;
  readonly body: Promise<string>;
  #resolveHead!: (head: ExchangeHead) => void;
  #rejectHead!: (error: unknown) => void;
  #resolveBody!: (text: string) => void;
  #rejectBody!: (error: unknown) => void;
  #headSettled = false;
  #chunks: Buffer[] = [];
  #length = 0;
  #discarding = false;
  #abort: ((reason?: Error) => void) | undefined;
  readonly #deadline: UndiciDeadline;

  constructor(deadline: UndiciDeadline) {
    this.#deadline = deadline;
    this.head = new Promise<ExchangeHead>((resolve, reject) => {
      this.#resolveHead = resolve;
      this.#rejectHead = reject;
    });
    this.body = new Promise<string>((resolve, reject) => {
      this.#resolveBody = resolve;
      this.#rejectBody = reject;
    });
    // Read only after the head; a failure before it is reported through the head alone.
    this.body.catch(() => undefined);
    deadline.onAbort(() => this.#abort?.(deadline.reason));
  }

  /** Drops the rest of the body instead of keeping it; resolves once the answer has ended or failed. */
  discard(): Promise<void> {
    this.#discarding = true;
    this.#chunks = [];
    return this.body.then(
      () => undefined,
      () => undefined,
    );
  }

  onConnect(abort: (reason?: Error) => void): void {
    if (this.#deadline.aborted) {
      abort(this.#deadline.reason);
      return;
    }
    this.#abort = abort;
  }

  onHeaders(status: number, rawHeaders: Buffer[]): boolean {
    // 1xx answers are informational: the real one follows on the same exchange.
    if (status < 200) return true;
    this.#headSettled = true;
    this.#resolveHead({ status, headers: new RawHeaders(rawHeaders) });
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (!this.#discarding) {
      this.#chunks.push(chunk);
      this.#length += chunk.length;
    }
    return true;
  }

  onComplete(): void {
    const text = this.#discarding ? '' : decode(this.#chunks, this.#length);
    this.#chunks = [];
    this.#resolveBody(text);
  }

  onError(error: Error): void {
    this.#chunks = [];
    if (!this.#headSettled) {
      this.#headSettled = true;
      this.#rejectHead(error);
    }
    this.#rejectBody(error);
  }
}
