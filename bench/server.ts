/**
 * The loopback Kibana stand-in, run in its own process so its CPU never counts against the client:
 * GET /api/cases/{caseId} answers the ~1.5 KB case, POST /api/cases echoes the body, and
 * GET /api/cases/_find pages through generated cases. Listens on 127.0.0.1 only; exits when the
 * parent says `stop` or goes away.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { findPage, type Fixtures } from './fixtures.js';

const fixtures = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Fixtures;
const caseBody = Buffer.from(fixtures.caseJson);
const FIND_TOTAL = Number(process.argv[3] ?? 10_000);
const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

function send(response: http.ServerResponse, status: number, body: Buffer | string): void {
  response.writeHead(status, { ...JSON_HEADERS, 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

const server = http.createServer({ keepAliveTimeout: 60_000 }, (request, response) => {
  const url = request.url ?? '/';
  if (request.method === 'POST' && url === '/api/cases') {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => send(response, 200, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    return;
  }
  if (request.method === 'GET' && url.startsWith('/api/cases/_find')) {
    const query = new URL(url, 'http://127.0.0.1').searchParams;
    const page = Number(query.get('page') ?? 1);
    const perPage = Number(query.get('perPage') ?? 20);
    send(response, 200, findPage(fixtures.caseJson, page, perPage, FIND_TOTAL));
    return;
  }
  if (request.method === 'GET' && url.startsWith('/api/cases/')) {
    request.resume();
    send(response, 200, caseBody);
    return;
  }
  request.resume();
  send(
    response,
    404,
    JSON.stringify({ statusCode: 404, error: 'Not Found', message: `no route for ${request.method} ${url}` }),
  );
});
server.headersTimeout = 60_000;

server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});

function stop(): void {
  server.closeAllConnections();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1000).unref();
}
process.on('message', (message) => {
  if (message === 'stop') stop();
});
process.on('disconnect', stop);
process.on('SIGTERM', stop);
