import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A request as a loopback test server received it. */
export interface ServerRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The client port: the same port for two requests means the connection was reused. */
  remotePort: number;
}

export type Handler = (request: ServerRequest, response: http.ServerResponse) => void;

export interface TestServer {
  url: string;
  requests: ServerRequest[];
  /** Connections opened since the server started. */
  connections: number;
  handle(handler: Handler): void;
  close(): Promise<void>;
}

/** Sends `body` as JSON with `status`. */
export function json(
  response: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

/** A node:http (or node:https with `tls`) server on 127.0.0.1 that records requests. */
export async function startServer(
  handler: Handler = (_, response) => json(response, 200, {}),
  tls?: { key: string; cert: string },
): Promise<TestServer> {
  let current = handler;
  const requests: ServerRequest[] = [];
  const sockets = new Set<Socket>();
  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        remotePort: req.socket.remotePort ?? 0,
      };
      requests.push(request);
      current(request, res);
    });
  };
  const server = tls ? https.createServer(tls, listener) : http.createServer(listener);
  const state = { connections: 0 };
  server.on(tls ? 'secureConnection' : 'connection', (socket: Socket) => {
    state.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    get connections() {
      return state.connections;
    },
    handle(next) {
      current = next;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A throwaway CA and a server certificate signed by it, made with openssl: for 127.0.0.1 unless
 * `subjectAltName` names another host (e.g. `DNS:kibana.other.example`, for a wrong-host check).
 */
export function makeCertificates(subjectAltName = 'IP:127.0.0.1'): {
  ca: string;
  caFingerprint: string;
  key: string;
  cert: string;
} {
  const dir = mkdtempSync(path.join(tmpdir(), 'kibana-sdk-tls-'));
  try {
    const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
    const days = ['-days', '2'];
    run(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'ca.key',
      '-out',
      'ca.crt',
      ...days,
      '-subj',
      '/CN=kibana-sdk test CA',
    );
    const commonName = subjectAltName.replace(/^[A-Z]+:/, '');
    run(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'server.key',
      '-out',
      'server.csr',
      '-subj',
      `/CN=${commonName}`,
    );
    writeFileSync(path.join(dir, 'ext.cnf'), `subjectAltName=${subjectAltName}\n`);
    run(
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'server.crt',
      ...days,
      '-extfile',
      'ext.cnf',
    );
    const fingerprint =
      run('x509', '-in', 'ca.crt', '-noout', '-fingerprint', '-sha256').toString().trim().split('=')[1] ?? '';
    return {
      ca: readFileSync(path.join(dir, 'ca.crt'), 'utf8'),
      caFingerprint: fingerprint,
      key: readFileSync(path.join(dir, 'server.key'), 'utf8'),
      cert: readFileSync(path.join(dir, 'server.crt'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
