import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KibanaClient, ResponseError } from '../../src/index.node.js';
import { RawHeaders } from '../../src/transport/undici-exchange.js';
import { startServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let kibana: KibanaClient;

beforeAll(async () => {
  server = await startServer();
  kibana = new KibanaClient({ url: server.url, auth: { apiKey: 'k' }, transport: 'undici', maxRetries: 0 });
});
afterAll(async () => {
  await kibana.close();
  await server.close();
});

describe('RawHeaders', () => {
  const headers = new RawHeaders(
    [
      'Content-Type',
      'application/json',
      'Warning',
      '299 Kibana "a"',
      'warning',
      '299 Kibana "b"',
      'Set-Cookie',
      's=1',
    ].map((text) => Buffer.from(text, 'latin1')),
  );

  it('finds a header whatever the case of its name, and joins repeated ones', () => {
    expect(headers.get('content-type')).toBe('application/json');
    expect(headers.get('CONTENT-TYPE')).toBe('application/json');
    expect(headers.get('warning')).toBe('299 Kibana "a", 299 Kibana "b"');
    expect(headers.get('content-length')).toBeNull();
  });

  it('gives every header but set-cookie as a record of lower-case names', () => {
    expect(headers.toRecord()).toEqual({
      'content-type': 'application/json',
      warning: '299 Kibana "a", 299 Kibana "b"',
    });
  });
});

describe('undici transport: the answer as the dispatch handler gathers it', () => {
  it('joins a body sent in many chunks, with a character split between two of them', async () => {
    const text = JSON.stringify({ id: 'c1', title: `caf${'é'.repeat(2000)}` });
    const bytes = Buffer.from(text, 'utf8');
    server.handle((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      // 3-byte slices cut every two-byte "é" in half somewhere.
      let offset = 0;
      const next = () => {
        if (offset >= bytes.length) return res.end();
        res.write(bytes.subarray(offset, offset + 3));
        offset += 3;
        setImmediate(next);
      };
      next();
    });
    await expect(kibana.cases.get('c1')).resolves.toEqual(JSON.parse(text));
  });

  it('reads JSON that starts with a byte order mark', async () => {
    server.handle((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"id":"c1"}')]));
    });
    await expect(kibana.cases.get('c1')).resolves.toEqual({ id: 'c1' });
  });

  it('waits past an informational 103 answer for the real one', async () => {
    server.handle((_, res) => {
      res.writeEarlyHints({ link: '</style.css>; rel=preload; as=style' });
      res.writeHead(200, { 'content-type': 'application/json', 'x-answer': 'final' });
      res.end('{"id":"c1"}');
    });
    const { data, status, headers } = await kibana.cases.get('c1').withResponse();
    expect(data).toEqual({ id: 'c1' });
    expect(status).toBe(200);
    expect(headers.get('X-Answer')).toBe('final');
  });

  it("keeps an error answer's headers and body", async () => {
    server.handle((_, res) => {
      res.writeHead(404, [
        ['content-type', 'application/json'],
        ['set-cookie', 'sid=secret'],
        ['x-trace', 'a'],
        ['x-trace', 'b'],
      ]);
      res.end('{"statusCode":404,"error":"Not Found","message":"Case c1 not found"}');
    });
    const error = await kibana.cases.get('c1').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResponseError);
    expect((error as ResponseError).statusCode).toBe(404);
    expect((error as ResponseError).message).toContain('Case c1 not found');
    const { headers } = error as ResponseError;
    expect(headers).toMatchObject({ 'content-type': 'application/json', 'x-trace': 'a, b' });
    expect(headers).not.toHaveProperty('set-cookie');
  });

  it('answers an empty 204 with nothing, and the connection serves the next call', async () => {
    server.handle((request, res) => {
      if (request.method === 'DELETE') {
        res.writeHead(204);
        res.end();
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"id":"c1"}');
      }
    });
    // One connection: a second one would mean the 204's connection was not given back.
    const single = new KibanaClient({ url: server.url, auth: { apiKey: 'k' }, connections: 1, maxRetries: 0 });
    await expect(single.connectors.delete('c1')).resolves.toBeUndefined();
    await expect(single.cases.get('c1')).resolves.toEqual({ id: 'c1' });
    await single.close();
    const [deleted, read] = server.requests.slice(-2);
    expect(deleted?.method).toBe('DELETE');
    expect(read?.remotePort).toBe(deleted?.remotePort);
  });
});
