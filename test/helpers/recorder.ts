import { expect } from 'vitest';
import { ArgumentError, KibanaClient, type KibanaClientOptions } from '../../src/index.node.js';
import { findOperation, resolve } from '../spec/helpers.js';

/** One request as the server would see it. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string, still percent-encoded. */
  path: string;
  query: URLSearchParams;
  /** Lower-case names. */
  headers: Record<string, string>;
  /** JSON bodies parsed, multipart bodies as FormData, none as undefined. */
  body: unknown;
}

export interface Reply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * A client whose `fetch` records each request and answers from `reply` (default: 200 with `{}`),
 * so resource tests can check the exact request and the typed result without a server.
 */
export function recordingClient(options: Partial<KibanaClientOptions> = {}) {
  const requests: RecordedRequest[] = [];
  let reply: (request: RecordedRequest) => Reply = () => ({ body: {} });
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, name) => {
      headers[name] = value;
    });
    let body: unknown;
    if (init?.body instanceof FormData) body = init.body;
    else if (typeof init?.body === 'string')
      body = headers['content-type']?.includes('json') ? JSON.parse(init.body) : init.body;
    const request: RecordedRequest = {
      method: init?.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers,
      body,
    };
    requests.push(request);
    const answer = reply(request);
    const status = answer.status ?? 200;
    const text = answer.body === undefined || status === 204 ? null : JSON.stringify(answer.body);
    return new Response(text, {
      status,
      headers: { ...(text === null ? {} : { 'content-type': 'application/json' }), ...answer.headers },
    });
  };
  const kibana = new KibanaClient({
    url: 'http://kibana.test:5601',
    auth: { apiKey: 'test-key' },
    maxRetries: 0,
    ...options,
    fetch,
  } as KibanaClientOptions);
  return {
    kibana,
    requests,
    /** The only request sent so far. */
    get last(): RecordedRequest {
      if (requests.length !== 1) throw new Error(`expected exactly one request, got ${requests.length}`);
      return requests[0]!;
    },
    /** Answers every following request with `answer`. */
    reply(answer: Reply | ((request: RecordedRequest) => Reply)): void {
      reply = typeof answer === 'function' ? answer : () => answer;
    },
  };
}

/** The value of a documented example of an operation's response (the first one unless `name` is given). */
export function responseExample(operationId: string, status = 200, name?: string): unknown {
  const { operation } = findOperation(operationId);
  const declared = operation.responses?.[String(status)];
  if (!declared) throw new Error(`${operationId} declares no ${status} response`);
  const response = resolve(declared);
  const media = response.content?.['application/json'];
  const examples = media?.examples ?? {};
  const chosen = name ? examples[name] : Object.values(examples)[0];
  if (!chosen) throw new Error(`${operationId} has no ${status} example${name ? ` named ${name}` : ''}`);
  return resolve(chosen).value;
}

/** The value of a documented request body example of an operation. */
export function requestExample(operationId: string, name?: string): unknown {
  const { operation } = findOperation(operationId);
  const body = resolve(operation.requestBody!);
  const media = body.content['application/json'];
  const examples = media?.examples ?? {};
  const chosen = name ? examples[name] : Object.values(examples)[0];
  if (!chosen) throw new Error(`${operationId} has no request example${name ? ` named ${name}` : ''}`);
  return resolve(chosen).value;
}

/**
 * A GET as Kibana must see it: no kbn-xsrf, no body, no content type, and no API version (pass
 * `apiVersion` for APM routes). The query string is compared when `query` is given.
 */
export function expectRead(request: RecordedRequest, path: string, query?: string): void {
  expect(request.method).toBe('GET');
  expect(request.path).toBe(path);
  if (query !== undefined) expect(request.query.toString()).toBe(query);
  expect(request.headers['kbn-xsrf']).toBeUndefined();
  expect(request.headers['content-type']).toBeUndefined();
  expect(request.headers['elastic-api-version']).toBeUndefined();
  expect(request.body).toBeUndefined();
}

/**
 * A write: kbn-xsrf set, no API version, and a JSON content type exactly when there is a JSON body.
 * The query string is compared when `query` is given.
 */
export function expectWrite(
  request: RecordedRequest,
  method: string,
  path: string,
  body?: unknown,
  query?: string,
): void {
  expect(request.method).toBe(method);
  expect(request.path).toBe(path);
  expect(request.headers['kbn-xsrf']).toBe('true');
  expect(request.headers['elastic-api-version']).toBeUndefined();
  if (query !== undefined) expect(request.query.toString()).toBe(query);
  if (body === undefined) {
    expect(request.body).toBeUndefined();
    expect(request.headers['content-type']).toBeUndefined();
  } else {
    expect(request.body).toEqual(body);
    expect(request.headers['content-type']).toBe('application/json');
  }
}

/**
 * Calls `call` with a missing, empty, null and numeric id and expects an ArgumentError naming
 * `argument` each time, with nothing sent.
 */
export async function expectIdsRefused(
  argument: string,
  call: (kibana: KibanaClient, id: string) => Promise<unknown>,
): Promise<void> {
  const { kibana, requests } = recordingClient();
  for (const bad of [undefined, '', null, 7]) {
    const error = await call(kibana, bad as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArgumentError);
    expect(error).toMatchObject({ argument });
    expect((error as Error).message).toContain(`Invalid argument ${argument}:`);
  }
  expect(requests.length).toBe(0);
}
