/**
 * A fault-injection server for the reliability suite: node:http (or node:https) on 127.0.0.1 whose
 * answers are scripted per request, down to the raw socket (resets, early closes, truncated or
 * endless bodies). Every request and connection is counted, so a test can tell how many attempts
 * the client made and whether a POST was sent twice.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';

/** One request as the fault server received it, once its body was read. */
export interface Hit {
  method: string;
  /** The raw request target, still percent-encoded, as the client sent it. */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * Answers one request. `attempt` counts the requests already seen with the same `authorization`
 * header (0 for the first), so clients with different credentials can run one script side by side.
 */
export type Fault = (hit: Hit, response: http.ServerResponse, attempt: number) => void;

export interface FaultServer {
  /** `http(s)://127.0.0.1:<port>`. */
  readonly url: string;
  readonly port: number;
  /** Every complete request, in arrival order. */
  readonly hits: Hit[];
  /** Connections accepted since the start. */
  readonly connections: number;
  /** Connections open now. */
  readonly open: number;
  /** The most connections open at the same time. */
  readonly maxOpen: number;
  /** Bytes of response body the scripted large answers managed to hand to the socket. */
  readonly bodyBytesSent: number;
  /** Requests that carried `authorization: <value>`. */
  hitsFor(authorization: string): Hit[];
  use(fault: Fault): void;
  close(): Promise<void>;
}

/** Starts a fault server on 127.0.0.1 (HTTPS when `tls` is given). Answers `{}` until told otherwise. */
export async function startFaultServer(tls?: { key: string; cert: string }): Promise<FaultServer> {
  let fault: Fault = (_hit, response) => sendJson(response, 200, {});
  const hits: Hit[] = [];
  const perAuth = new Map<string, number>();
  const sockets = new Set<Socket>();
  const state = { connections: 0, maxOpen: 0, bodyBytesSent: 0 };

  const listener = (request: http.IncomingMessage, response: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('error', () => undefined);
    request.on('end', () => {
      const hit: Hit = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      hits.push(hit);
      const key = String(request.headers.authorization ?? '');
      const attempt = perAuth.get(key) ?? 0;
      perAuth.set(key, attempt + 1);
      (response as http.ServerResponse & { [COUNTER]?: typeof state })[COUNTER] = state;
      fault(hit, response, attempt);
    });
  };
  const server = tls ? https.createServer({ key: tls.key, cert: tls.cert }, listener) : http.createServer(listener);
  // Keep-alive sockets must not outlive close(); the client side is closed by the tests themselves.
  server.keepAliveTimeout = 5_000;
  server.on(tls ? 'secureConnection' : 'connection', (socket: Socket) => {
    state.connections++;
    sockets.add(socket);
    state.maxOpen = Math.max(state.maxOpen, sockets.size);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  // A client that resets or fails its TLS handshake is part of the scenarios, not a server failure.
  server.on('clientError', (_error, socket: Socket) => socket.destroy());
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    hits,
    get connections() {
      return state.connections;
    },
    get open() {
      return sockets.size;
    },
    get maxOpen() {
      return state.maxOpen;
    },
    get bodyBytesSent() {
      return state.bodyBytesSent;
    },
    hitsFor: (authorization) => hits.filter((hit) => hit.headers.authorization === authorization),
    use(next) {
      fault = next;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

const COUNTER = Symbol('fault-server-state');

function counter(response: http.ServerResponse): { bodyBytesSent: number } {
  return (response as http.ServerResponse & { [COUNTER]: { bodyBytesSent: number } })[COUNTER];
}

export function sendJson(
  response: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  response.end(text);
}

function sendText(response: http.ServerResponse, status: number, text: string, headers: Record<string, string>): void {
  response.writeHead(status, { 'content-length': String(Buffer.byteLength(text)), ...headers });
  response.end(text);
}

/** Raw bytes on the socket, bypassing node:http, for answers no well-behaved server would send. */
function raw(response: http.ServerResponse, text: string, then: (socket: Socket) => void): void {
  const socket = response.socket;
  if (!socket) return;
  socket.write(text, () => {
    // Loopback delivers at once, but a reset discards what the kernel has not sent yet.
    setTimeout(() => then(socket), 25);
  });
}

const KIBANA_CASE = { id: 'case-1', version: 'WzEsMV0=', title: 'Disk full on db-1', status: 'open' };

/** The scripted answers of the scenarios. */
export const faults = {
  /** A well-formed JSON answer. */
  ok(body: unknown = KIBANA_CASE, status = 200): Fault {
    return (_hit, response) => sendJson(response, status, body);
  },

  /** Headers, part of the body, then a TCP reset (RST), as when a load balancer kills the connection. */
  resetMidBody(): Fault {
    return (_hit, response) => {
      raw(
        response,
        'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 4096\r\n\r\n{"id":"case-1","title":"Disk full',
        (socket) => socket.resetAndDestroy(),
      );
    };
  },

  /** Complete headers of a JSON answer, then the connection is closed (FIN) before any body byte. */
  closeAfterHeaders(): Fault {
    return (_hit, response) => {
      raw(response, 'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 512\r\n\r\n', (socket) =>
        socket.destroy(),
      );
    };
  },

  /** A content-length larger than the body sent, then a close: the JSON ends mid-value. */
  truncatedJson(): Fault {
    return (_hit, response) => {
      const partial = JSON.stringify(KIBANA_CASE).slice(0, 30);
      raw(
        response,
        `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${partial.length + 200}\r\n\r\n${partial}`,
        (socket) => socket.end(),
      );
    };
  },

  /** The request is accepted, then the connection is reset before any answer byte. */
  resetBeforeAnswer(): Fault {
    return (_hit, response) => response.socket?.resetAndDestroy();
  },

  /** Answers only after `delay` ms (past the client's requestTimeout in the scenarios). */
  delayHeaders(delay: number, then: Fault = faults.ok()): Fault {
    return (hit, response, attempt) => {
      const timer = setTimeout(() => {
        if (!response.destroyed && !response.socket?.destroyed) then(hit, response, attempt);
      }, delay);
      response.on('close', () => clearTimeout(timer));
    };
  },

  /** Headers at once, then the body one chunk every `interval` ms, so a caller can abort mid-body. */
  trickle(interval: number): Fault {
    return (_hit, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"id":"case-1","padding":"');
      const timer = setInterval(() => response.write('x'), interval);
      response.on('close', () => clearInterval(timer));
      // Bounded whatever the client does: the answer ends after five seconds at most.
      const end = setTimeout(() => {
        clearInterval(timer);
        response.end('"}');
      }, 5_000);
      response.on('close', () => clearTimeout(end));
    };
  },

  /** A 200 whose body is not JSON at all. */
  invalidJson(): Fault {
    return (_hit, response) =>
      sendText(response, 200, '{"id": "case-1", oops this is not json', { 'content-type': 'application/json' });
  },

  /** The HTML error page a reverse proxy (nginx) sends when Kibana is down. */
  htmlBadGateway(): Fault {
    return (_hit, response) =>
      sendText(
        response,
        502,
        '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
        { 'content-type': 'text/html' },
      );
  },

  /** Kibana while it starts: a plain-text 503 with Retry-After (seconds). */
  kibanaStarting(retryAfter: string): Fault {
    return (_hit, response) =>
      sendText(response, 503, 'Kibana server is not ready yet', {
        'content-type': 'text/plain; charset=utf-8',
        'retry-after': retryAfter,
      });
  },

  /** Kibana's rate limiter: a JSON 429 with Retry-After. */
  tooManyRequests(retryAfter: string): Fault {
    return (_hit, response) =>
      sendJson(
        response,
        429,
        { statusCode: 429, error: 'Too Many Requests', message: 'Too many requests, try again later' },
        { 'retry-after': retryAfter },
      );
  },

  /** The 409 Kibana gives for a case configuration update with a stale version. */
  staleConfigurationVersion(): Fault {
    return (_hit, response) =>
      sendJson(response, 409, {
        statusCode: 409,
        error: 'Conflict',
        message: 'This case configuration has been updated. Please refresh before saving additional updates.',
      });
  },

  /**
   * A JSON body of `size` bytes, written in chunks with backpressure, with or without a
   * content-length. Stops as soon as the client goes away; `bodyBytesSent` says how far it got.
   */
  largeBody(size: number, declared: boolean): Fault {
    return (_hit, response) => {
      const sent = counter(response);
      const head = '{"id":"case-1","blob":"';
      const tail = '"}';
      const chunk = Buffer.alloc(64 * 1024, 'x');
      response.writeHead(200, {
        'content-type': 'application/json',
        ...(declared ? { 'content-length': String(size) } : {}),
      });
      let remaining = size - head.length - tail.length;
      let closed = false;
      response.on('close', () => {
        closed = true;
      });
      const account = (bytes: number) => {
        sent.bodyBytesSent += bytes;
      };
      response.write(head);
      account(head.length);
      const pump = () => {
        while (!closed && remaining > 0) {
          const part = remaining >= chunk.length ? chunk : chunk.subarray(0, remaining);
          remaining -= part.length;
          account(part.length);
          if (!response.write(part)) {
            response.once('drain', pump);
            return;
          }
        }
        if (!closed) {
          account(tail.length);
          response.end(tail);
        }
      };
      pump();
    };
  },

  /**
   * A JSON body of `size` bytes (`{"blob":"xxx…"}`), compressed with `encoding` as it is sent, chunk
   * by chunk, so the server never holds more than a chunk of it and stops when the client goes away.
   * `bodyBytesSent` counts the bytes offered to the compressor, before compression.
   */
  compressedStream(encoding: BombEncoding, size: number, status = 200): Fault {
    return (_hit, response) => {
      const sent = counter(response);
      response.writeHead(status, { 'content-type': 'application/json', 'content-encoding': encoding });
      const source = jsonOfSize(size, (bytes) => {
        sent.bodyBytesSent += bytes;
      });
      const stream = source.pipe(compressor(encoding));
      stream.pipe(response);
      response.on('close', () => {
        source.destroy();
        stream.destroy();
      });
    };
  },

  /** A precompressed body, sent with its compressed length as content-length. */
  compressed(encoding: BombEncoding, bytes: Buffer, status = 200): Fault {
    return (_hit, response) => {
      response.writeHead(status, {
        'content-type': 'application/json',
        'content-encoding': encoding,
        'content-length': String(bytes.length),
      });
      response.end(bytes);
    };
  },

  /** A redirect to `location`, with the HTML body a web server sends along. */
  redirect(status: number, location: string): Fault {
    return (_hit, response) =>
      sendText(response, status, `<html><body>Redirecting to <a href="${location}">${location}</a></body></html>`, {
        location,
        'content-type': 'text/html',
      });
  },

  /** Headers after `headerDelay` ms, then a JSON body whose last byte comes `bodyTime` ms later. */
  slowAnswer(headerDelay: number, bodyTime: number): Fault {
    return (_hit, response) => {
      const timers: ReturnType<typeof setTimeout>[] = [];
      response.on('close', () => timers.forEach(clearTimeout));
      timers.push(
        setTimeout(() => {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.write('{"id":"case-1",');
          timers.push(setTimeout(() => response.end('"title":"Disk full on db-1"}'), bodyTime));
        }, headerDelay),
      );
    };
  },

  /** `first` for the first `count` attempts of each client, then `then`. */
  times(count: number, first: Fault, then: Fault): Fault {
    return (hit, response, attempt) => (attempt < count ? first(hit, response, attempt) : then(hit, response, attempt));
  },
};

export type BombEncoding = 'gzip' | 'br';

function compressor(encoding: BombEncoding): zlib.Gzip | zlib.BrotliCompress {
  // Brotli's fastest level keeps a large bomb quick to make; the ratio on repeated bytes stays huge.
  return encoding === 'gzip'
    ? zlib.createGzip({ level: 9 })
    : zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1 } });
}

/** `{"blob":"xxx…"}` of `size` bytes, as a stream of 1 MiB chunks made on demand. */
function jsonOfSize(size: number, onChunk: (bytes: number) => void = () => undefined): Readable {
  const head = Buffer.from('{"blob":"');
  const tail = Buffer.from('"}');
  const chunk = Buffer.alloc(1024 * 1024, 'x');
  let remaining = size - head.length - tail.length;
  let started = false;
  return new Readable({
    read() {
      if (!started) {
        started = true;
        onChunk(head.length);
        this.push(head);
        return;
      }
      if (remaining <= 0) {
        onChunk(tail.length);
        this.push(tail);
        this.push(null);
        return;
      }
      const part = remaining >= chunk.length ? chunk : chunk.subarray(0, remaining);
      remaining -= part.length;
      onChunk(part.length);
      this.push(part);
    },
  });
}

/** A JSON body of `size` bytes, compressed; only the compressed bytes are ever held in memory. */
export async function compressedJson(encoding: BombEncoding, size: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of jsonOfSize(size).pipe(compressor(encoding))) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

/** Peak growth of heap plus off-heap buffers while `work` runs, sampled every 5 ms. */
export async function peakMemory<T>(work: () => Promise<T>): Promise<{ value: T; peak: number }> {
  const size = () => {
    const usage = process.memoryUsage();
    return usage.heapUsed + usage.external;
  };
  const base = size();
  let peak = 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, size() - base);
  }, 5);
  try {
    const value = await work();
    peak = Math.max(peak, size() - base);
    return { value, peak };
  } finally {
    clearInterval(timer);
  }
}

const TRACKED = ['TCPSocketWrap', 'TCPServerWrap', 'TLSWrap', 'Timeout'] as const;
export type ResourceCounts = Record<(typeof TRACKED)[number], number>;

/** How many sockets, servers and timers the process holds now. */
export function activeResources(): ResourceCounts {
  const counts = Object.fromEntries(TRACKED.map((name) => [name, 0])) as ResourceCounts;
  for (const name of process.getActiveResourcesInfo()) if (name in counts) counts[name as keyof ResourceCounts]++;
  return counts;
}

/**
 * Waits (at most `limit` ms) until the process holds no more sockets, servers or timers than in
 * `before`; answers what is still extra, empty when nothing is.
 */
export async function leftOpen(before: ResourceCounts, limit = 3_000): Promise<Partial<ResourceCounts>> {
  const started = Date.now();
  for (;;) {
    const now = activeResources();
    const extra: Partial<ResourceCounts> = {};
    for (const name of TRACKED) if (now[name] > before[name]) extra[name] = now[name] - before[name];
    if (Object.keys(extra).length === 0 || Date.now() - started >= limit) return extra;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
