// The requests the mock received, for tests to assert what was sent: per request its operation, method,
// path, space, typed query and parsed body, and nothing of its headers (so no credentials). Connector
// secrets in a body are hidden too: only their names are kept.
import type { OperationId } from '../types.js';
import type { SpecOperation } from './spec.js';
import { typedQuery } from './validate.js';

/** A file part of a multipart body, as the request log keeps it: its name, size and type, not its bytes. */
export interface KibanaMockFilePart {
  readonly fileName: string;
  /** Bytes. */
  readonly size: number;
  /** Its media type; empty when none was sent. */
  readonly type: string;
}

/** One part of a multipart body: a text field, or a file. */
export type KibanaMockPart = string | KibanaMockFilePart;

/** One request the mock received (see {@link KibanaMock.requests}). */
export interface KibanaMockRequest {
  readonly operationId: OperationId;
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /**
   * The path as sent, still percent-encoded, after the base path of the mock's `url`, and with the space
   * prefix when the request went to a space: `/s/ops/api/cases/a%2Fb`.
   */
  readonly path: string;
  /** The space: `default`, or the id after `/s/`. */
  readonly space: string;
  /** The query, typed as the spec types it (numbers, booleans, lists); text as sent where it does not parse. */
  readonly query: Readonly<Record<string, unknown>>;
  /**
   * The body: parsed JSON (text that is not JSON as sent), or for a multipart body its parts by name (a
   * list where a name repeats). Undefined when there is none. The values of a connector's `secrets` read
   * `[hidden]`.
   */
  readonly body: unknown;
}

const METHODS = { get: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', delete: 'DELETE' } as const;

/** What the log keeps of a secret's value. */
export const HIDDEN = '[hidden]';

function hideSecrets(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const { secrets } = body as Record<string, unknown>;
  if (typeof secrets !== 'object' || secrets === null || Array.isArray(secrets)) return body;
  return { ...body, secrets: Object.fromEntries(Object.keys(secrets).map((name) => [name, HIDDEN])) };
}

async function multipartParts(request: Request): Promise<Record<string, KibanaMockPart | KibanaMockPart[]>> {
  const parts: Record<string, KibanaMockPart | KibanaMockPart[]> = {};
  (await request.formData()).forEach((value, name) => {
    const part: KibanaMockPart =
      typeof value === 'string' ? value : { fileName: value.name, size: value.size, type: value.type };
    const earlier = parts[name];
    parts[name] = earlier === undefined ? part : [...(Array.isArray(earlier) ? earlier : [earlier]), part];
  });
  return parts;
}

async function bodyOf(request: Request): Promise<unknown> {
  try {
    if ((request.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data'))
      return await multipartParts(request);
    const text = await request.text();
    if (text === '') return undefined;
    try {
      return hideSecrets(JSON.parse(text));
    } catch {
      return text;
    }
  } catch {
    // A body that cannot be read (a broken multipart payload): the mock's answer says what is wrong.
    return undefined;
  }
}

/** The log of one mock. */
export class RequestLog {
  #entries: KibanaMockRequest[] = [];

  /** The requests so far, oldest first. */
  get entries(): readonly KibanaMockRequest[] {
    return [...this.#entries];
  }

  /**
   * Logs a request as it arrives, so that the log keeps the order of arrival, and resolves once its body
   * (read from a copy: the request itself is left unread) is in.
   */
  async record(operation: SpecOperation, request: Request, basePath: string, space: string): Promise<void> {
    const copy = request.clone();
    const url = new URL(request.url);
    const entry: { -readonly [K in keyof KibanaMockRequest]: KibanaMockRequest[K] } = {
      operationId: operation.operationId,
      method: METHODS[operation.method],
      path: url.pathname.slice(basePath.length),
      space,
      query: typedQuery(operation, url.searchParams),
      body: undefined,
    };
    this.#entries.push(entry);
    entry.body = await bodyOf(copy);
    Object.freeze(entry);
  }

  /** Forgets every request. */
  clear(): void {
    this.#entries = [];
  }
}
