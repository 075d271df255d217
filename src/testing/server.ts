// The mock on a real HTTP server (node:http), for what msw cannot intercept: the undici transport,
// browsers, curl, other languages. Same handlers, plus CORS so that a page on another origin can call it.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { externals } from './externals.js';
import { createKibanaMock, type KibanaMock } from './mock.js';
import { KibanaHttpError, errorResponse } from './respond.js';

/** Options of {@link startKibanaMock}. */
export interface StartKibanaMockOptions {
  /** The port to listen on. Default: a free port chosen by the system. */
  port?: number;
  /** The address to listen on. Default `127.0.0.1` (loopback only). */
  host?: string;
  /** The mock to serve. Default: a new `createKibanaMock()`. Its URL's base path is kept; its origin is replaced by the server's. */
  mock?: KibanaMock;
}

/** A running mock server. */
export interface RunningKibanaMock {
  /** The URL to give the client: `http://host:port` plus the mock's base path. */
  readonly url: string;
  /** The mock being served (for `reset()`). */
  readonly mock: KibanaMock;
  /** Stops listening and drops open connections; resolves when the port is free. */
  close(): Promise<void>;
}

const ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'kbn-xsrf',
  'elastic-api-version',
  'x-elastic-internal-origin',
];
const EXPOSED_HEADERS = ['warning', 'retry-after', 'content-type'];
/** Hop-by-hop and length headers: node:http has dealt with them, and the Request sets its own. */
const DROPPED_HEADERS = new Set([
  'host',
  'connection',
  'keep-alive',
  'content-length',
  'transfer-encoding',
  'expect',
  'upgrade',
  'te',
  'trailer',
  'proxy-connection',
]);

function corsHeaders(): Record<string, string> {
  return { 'access-control-allow-origin': '*', 'access-control-expose-headers': EXPOSED_HEADERS.join(', ') };
}

function preflightHeaders(request: IncomingMessage): Record<string, string> {
  const requested = String(request.headers['access-control-request-headers'] ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  return {
    ...corsHeaders(),
    'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
    'access-control-allow-headers': [...new Set([...ALLOWED_HEADERS, ...requested])].join(', '),
    'access-control-max-age': '600',
  };
}

async function toRequest(incoming: IncomingMessage, origin: string): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value === undefined || DROPPED_HEADERS.has(name)) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const method = incoming.method ?? 'GET';
  let body: Uint8Array | undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    const chunks: Uint8Array[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Uint8Array);
    const total = chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
    if (total > 0) {
      body = new Uint8Array(total);
      let offset = 0;
      for (const chunk of chunks) {
        body.set(chunk, offset);
        offset += chunk.byteLength;
      }
    }
  }
  // The request came to this server's address; the handlers answer at the mock's URL.
  return new Request(new URL(incoming.url ?? '/', origin), {
    method,
    headers,
    body: body as Uint8Array<ArrayBuffer> | undefined,
  });
}

async function send(
  outgoing: ServerResponse,
  response: Response,
  extra: Record<string, string>,
  head: boolean,
): Promise<void> {
  const body = new Uint8Array(await response.arrayBuffer());
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  outgoing.writeHead(response.status, { ...headers, ...extra, 'content-length': String(body.byteLength) });
  outgoing.end(head ? undefined : body);
}

/**
 * Serves a mock Kibana on a real HTTP server, CORS enabled.
 *
 * @example
 * ```ts
 * const running = await startKibanaMock({ port: 5601 });
 * const kibana = new KibanaClient({ url: running.url, auth: { username: 'elastic', password: 'changeme' } });
 * // ...
 * await running.close();
 * ```
 */
export async function startKibanaMock(options: StartKibanaMockOptions = {}): Promise<RunningKibanaMock> {
  const host = options.host ?? '127.0.0.1';
  const mock = options.mock ?? createKibanaMock();
  const base = new URL(mock.url);
  const server = createServer((incoming, outgoing) => {
    void (async () => {
      try {
        if (incoming.method === 'OPTIONS') {
          outgoing.writeHead(204, preflightHeaders(incoming));
          outgoing.end();
          return;
        }
        const request = await toRequest(incoming, base.origin);
        const response =
          (await externals.msw.getResponse(mock.handlers, request)) ??
          errorResponse(new KibanaHttpError(404, 'Not Found'));
        await send(outgoing, response, corsHeaders(), incoming.method === 'HEAD');
      } catch (error) {
        if (outgoing.headersSent) {
          outgoing.destroy();
          return;
        }
        const failed = errorResponse(
          new KibanaHttpError(
            500,
            `An internal server error occurred. (mock: ${error instanceof Error ? error.message : String(error)})`,
          ),
        );
        await send(outgoing, failed, corsHeaders(), false);
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  const hostPart = shownHost.includes(':') ? `[${shownHost}]` : shownHost;
  const basePath = base.pathname === '/' ? '' : base.pathname;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${hostPart}:${port}${basePath}`,
    mock,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive connections (the undici pool keeps some) would hold the port open.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
