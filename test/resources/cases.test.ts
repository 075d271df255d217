import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ArgumentError,
  ConflictError,
  KibanaClient,
  NotFoundError,
  PayloadTooLargeError,
  RequestAbortedError,
  ResultWindowError,
  ServiceUnavailableError,
  type CallOptions,
  type Schemas,
} from '../../src/index.node.js';
import {
  recordingClient,
  requestExample,
  responseExample,
  type RecordedRequest,
  type Reply,
  expectIdsRefused,
  expectRead,
  expectWrite,
} from '../helpers/recorder.js';
import { validateRequestBody, validateResponse } from '../spec/helpers.js';

const CASE_ID = '31cdada0-02c1-11ed-85f2-4f7c222ca2fa';
const COMMENT_ID = '8af6ac20-74f6-11ea-b83a-553aecdb28b6';
const CONNECTOR_ID = '09f8c0b0-0eda-11ed-bd18-65557fe66949';
const ALERT_ID = '09f0c261e39e36351d75995b78bb83673774d1bc2cca9df2d15f0e5c0a99a540';
const CONFIGURATION_ID = '4a97a440-e1cd-11ec-be9b-9b1838238ee6';

const example = <T>(operationId: string, status = 200, name?: string) =>
  responseExample(operationId, status, name) as T;

/** A full documented case under another id, for the paging data sets. */
function caseWithId(id: string): Schemas['Case'] {
  return { ...example<Schemas['Case']>('getCase'), id };
}

const STALE_CASE = responseExample('updateCases', 409, 'staleVersion');
const STALE_CONFIGURATION = responseExample('updateCaseConfiguration', 409, 'conflict');

describe('cases.create', () => {
  it('POSTs /api/cases with the body and returns the created case', async () => {
    const recorder = recordingClient();
    const body = requestExample('createCase') as Parameters<KibanaClient['cases']['create']>[0];
    expect(validateRequestBody('createCase', body)).toEqual([]);
    recorder.reply({ body: responseExample('createCase') });
    const created = await recorder.kibana.cases.create(body);
    expectWrite(recorder.last, 'POST', '/api/cases', body);
    expect(recorder.last.query.toString()).toBe('');
    expect(created).toEqual(responseExample('createCase'));
    expect(created.id).toBe('66b9aa00-94fa-11ea-9f74-e7e108796192');
    expect(created.version).toBe('WzUzMiwxXQ==');
    expect(created.status).toBe('open');
    expect(created.connector.type).toBe('.none');
    expect(created.tags).toEqual(['phishing', 'social engineering', 'bubblegum']);
  });

  it('refuses a body that is not an object without sending', async () => {
    const { kibana, requests } = recordingClient();
    await expect(kibana.cases.create(undefined as never)).rejects.toMatchObject({
      name: 'ArgumentError',
      argument: 'body',
    });
    await expect(kibana.cases.create([] as never)).rejects.toMatchObject({ name: 'ArgumentError', argument: 'body' });
    expect(requests).toHaveLength(0);
  });
});

describe('cases.get', () => {
  it('GETs /api/cases/{caseId} and returns the case with its comments', async () => {
    const recorder = recordingClient();
    recorder.reply({ body: responseExample('getCase') });
    const found = await recorder.kibana.cases.get(CASE_ID);
    expectRead(recorder.last, `/api/cases/${CASE_ID}`);
    expect(found).toEqual(responseExample('getCase'));
    expect(found.id).toBe(CASE_ID);
    expect(found.version).toBe('WzM2LDFd');
    expect(found.title).toBe('Case title 1');
    expect(found.status).toBe('open');
    expect(found.comments![0]?.type).toBe('user');
    expect(found.customFields?.[1]).toEqual({
      key: 'fcc6840d-eb14-42df-8aaf-232201a705ec',
      type: 'toggle',
      value: null,
    });
  });

  it('returns an in-progress observability case with an alert attachment', async () => {
    const { kibana, reply } = recordingClient();
    reply({ body: responseExample('getCase', 200, 'getObservabilityCaseResponse') });
    const found = await kibana.cases.get('c3ff7550-def1-4e90-b6bc-c9969a4a09b1');
    expect(found.status).toBe('in-progress');
    expect(found.owner).toBe('observability');
    const alert = found.comments![0];
    expect(alert?.type).toBe('alert');
    if (alert?.type === 'alert') expect(alert.rule.name).toBe('Observability rule');
  });

  it('encodes the id as one path segment', async () => {
    const recorder = recordingClient();
    await recorder.kibana.cases.get('a/b c?');
    expect(recorder.last.path).toBe('/api/cases/a%2Fb%20c%3F');
  });

  it('throws NotFoundError on 404', async () => {
    const { kibana, reply } = recordingClient();
    reply({
      status: 404,
      body: { statusCode: 404, error: 'Not Found', message: 'Saved object [cases/nope] not found' },
    });
    const error = await kibana.cases.get('nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).kibanaMessage).toBe('Saved object [cases/nope] not found');
  });
});

describe('cases.find', () => {
  it('GETs /api/cases/_find without a query string when no query is given', async () => {
    const recorder = recordingClient();
    recorder.reply({ body: responseExample('findCases') });
    const page = await recorder.kibana.cases.find();
    expectRead(recorder.last, '/api/cases/_find');
    expect(page).toEqual(responseExample('findCases'));
    expect(page.total).toBe(1);
    expect(page.per_page).toBe(5);
    expect(page.count_open_cases).toBe(1);
    expect(page.cases[0]?.title).toBe('Case title');
  });

  it('sends camelCase paging, scalars, and arrays as repeated keys', async () => {
    const recorder = recordingClient();
    recorder.reply({ body: responseExample('findCases') });
    await recorder.kibana.cases.find({
      status: 'in-progress',
      severity: 'high',
      tags: ['db', 'prod'],
      owner: ['cases', 'securitySolution'],
      search: 'disk full',
      searchFields: ['title', 'description'],
      sortField: 'updatedAt',
      sortOrder: 'asc',
      page: 2,
      perPage: 50,
      from: 'now-1d',
      assignees: 'none',
    });
    expectRead(
      recorder.last,
      '/api/cases/_find',
      'status=in-progress&severity=high&tags=db&tags=prod&owner=cases&owner=securitySolution&search=disk+full&searchFields=title&searchFields=description&sortField=updatedAt&sortOrder=asc&page=2&perPage=50&from=now-1d&assignees=none',
    );
  });

  it('refuses a query that is not an object', async () => {
    const { kibana, requests } = recordingClient();
    await expect(kibana.cases.find('status:open' as never)).rejects.toMatchObject({
      name: 'ArgumentError',
      argument: 'query',
    });
    expect(requests).toHaveLength(0);
  });
});

/** Answers `_find` from a data set, reading page and perPage from the query as Kibana would. */
function pagedCases(total: number, items: (index: number) => unknown = (index) => caseWithId(`case-${index}`)) {
  return (request: RecordedRequest): Reply => {
    const page = Number(request.query.get('page'));
    const perPage = Number(request.query.get('perPage'));
    const start = (page - 1) * perPage;
    const cases = Array.from({ length: Math.max(0, Math.min(perPage, total - start)) }, (_, i) => items(start + i));
    return {
      body: {
        page,
        per_page: perPage,
        total,
        cases,
        count_open_cases: total,
        count_in_progress_cases: 0,
        count_closed_cases: 0,
      },
    };
  };
}

describe('cases.iterate', () => {
  it('pages 100 at a time from page 1 and stops at the total', async () => {
    const { kibana, requests, reply } = recordingClient();
    reply(pagedCases(250));
    const ids: string[] = [];
    for await (const found of kibana.cases.iterate({ status: 'open', tags: ['db'] })) ids.push(found.id);
    expect(ids).toEqual(Array.from({ length: 250 }, (_, i) => `case-${i}`));
    expect(requests).toHaveLength(3);
    for (const [index, request] of requests.entries()) {
      expectRead(request, '/api/cases/_find', `status=open&tags=db&page=${index + 1}&perPage=100`);
    }
  });

  it('stops on an empty page even when the total says more', async () => {
    const { kibana, requests, reply } = recordingClient();
    reply((request) => {
      const page = Number(request.query.get('page'));
      return {
        body: {
          page,
          per_page: 2,
          total: 999,
          cases: page === 1 ? [caseWithId('a'), caseWithId('b')] : [],
          count_open_cases: 0,
          count_in_progress_cases: 0,
          count_closed_cases: 0,
        },
      };
    });
    const ids: string[] = [];
    for await (const found of kibana.cases.iterate({ perPage: 2 })) ids.push(found.id);
    expect(ids).toEqual(['a', 'b']);
    expect(requests.map((r) => r.query.toString())).toEqual(['perPage=2&page=1', 'perPage=2&page=2']);
  });

  it('starts at query.page and counts the skipped pages against the total', async () => {
    const { kibana, requests, reply } = recordingClient();
    reply(pagedCases(25));
    const ids: string[] = [];
    for await (const found of kibana.cases.iterate({ page: 2, perPage: 10 })) ids.push(found.id);
    expect(ids).toEqual(Array.from({ length: 15 }, (_, i) => `case-${i + 10}`));
    expect(requests.map((r) => r.query.get('page'))).toEqual(['2', '3']);
  });

  it('yields 10,000 of 10,050 cases, then throws ResultWindowError without asking for page 101', async () => {
    const { kibana, requests, reply } = recordingClient();
    // Only ids: the test is about paging, and 10,000 full cases would only slow it down.
    reply(pagedCases(10_050, (index) => ({ id: `case-${index}` })));
    let seen = 0;
    let last = '';
    const error = await (async () => {
      for await (const found of kibana.cases.iterate({ perPage: 100 })) {
        seen++;
        last = found.id;
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResultWindowError);
    expect(error).toMatchObject({ total: 10_050, yielded: 10_000 });
    expect((error as Error).message).toContain('/api/cases/_find matched 10050 results');
    expect(seen).toBe(10_000);
    expect(last).toBe('case-9999');
    expect(requests).toHaveLength(100);
    expect(requests.at(-1)?.query.get('page')).toBe('100');
    expect(requests.some((r) => r.query.get('page') === '101')).toBe(false);
  });

  it('rejects with RequestAbortedError when the signal aborts mid-iteration, and sends nothing more', async () => {
    const { kibana, requests, reply } = recordingClient();
    reply(pagedCases(250));
    const controller = new AbortController();
    let seen = 0;
    const error = await (async () => {
      for await (const _ of kibana.cases.iterate({}, { signal: controller.signal })) {
        if (++seen === 150) controller.abort();
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestAbortedError);
    expect(seen).toBe(200);
    expect(requests).toHaveLength(2);
  });

  it('refuses a first page past the 10,000-result window at the call, before any request', async () => {
    const { kibana, requests, reply } = recordingClient();
    reply(pagedCases(20_000, (index) => ({ id: `case-${index}` })));
    expect(() => kibana.cases.iterate({ page: 101, perPage: 100 })).toThrow(
      expect.objectContaining({ name: 'ArgumentError', argument: 'query.page' }),
    );
    expect(() => kibana.cases.iterate({ page: 101 })).toThrow(ArgumentError);
    expect(requests).toHaveLength(0);
    // The last page inside the window is allowed, and the next one is never asked for.
    const error = await (async () => {
      for await (const _ of kibana.cases.iterate({ page: 100, perPage: 100 }));
    })().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ResultWindowError', total: 20_000, yielded: 100 });
    expect(requests.map((r) => r.query.get('page'))).toEqual(['100']);
  });

  it('refuses bad paging values at the call', () => {
    const { kibana, requests } = recordingClient();
    expect(() => kibana.cases.iterate({ perPage: 0 })).toThrow(
      expect.objectContaining({ name: 'ArgumentError', argument: 'query.perPage' }),
    );
    expect(() => kibana.cases.iterate({ perPage: 2.5 })).toThrow(
      expect.objectContaining({ argument: 'query.perPage' }),
    );
    expect(() => kibana.cases.iterate({ page: 0 })).toThrow(
      expect.objectContaining({ name: 'ArgumentError', argument: 'query.page' }),
    );
    expect(() => kibana.cases.iterate('open' as never)).toThrow(expect.objectContaining({ argument: 'query' }));
    expect(requests).toHaveLength(0);
  });
});

describe('cases.getAlerts', () => {
  it('GETs /api/cases/{caseId}/alerts and returns the attached alerts', async () => {
    const recorder = recordingClient();
    recorder.reply({ body: responseExample('getCaseAlerts') });
    const alerts = await recorder.kibana.cases.getAlerts(CASE_ID);
    expectRead(recorder.last, `/api/cases/${CASE_ID}/alerts`);
    expect(alerts).toEqual(responseExample('getCaseAlerts'));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.index).toBe('.alerts-observability.logs.alerts-default');
    expect(alerts[0]?.attached_at).toBe('2022-07-25T20:09:40.963Z');
  });
});

describe('cases.getCasesByAlert', () => {
  it('GETs /api/cases/alerts/{alertId} and returns the related cases', async () => {
    const recorder = recordingClient();
    recorder.reply({ body: responseExample('getCasesByAlert') });
    const related = await recorder.kibana.cases.getCasesByAlert(ALERT_ID);
    expectRead(recorder.last, `/api/cases/alerts/${ALERT_ID}`);
    expect(related).toEqual([{ id: '06116b80-e1c3-11ec-be9b-9b1838238ee6', title: 'security_case' }]);
  });

  it('sends the owner filter', async () => {
    const recorder = recordingClient();
    recorder.reply({ body: [] });
    await recorder.kibana.cases.getCasesByAlert(ALERT_ID, { owner: 'securitySolution' });
    expectRead(recorder.last, `/api/cases/alerts/${ALERT_ID}`, 'owner=securitySolution');
  });
});

describe('cases.deleteComments and cases.deleteComment', () => {
  it('DELETE /api/cases/{caseId}/comments with no body, resolving to undefined on 204', async () => {
    const recorder = recordingClient();
    recorder.reply({ status: 204 });
    await expect(recorder.kibana.cases.deleteComments(CASE_ID)).resolves.toBeUndefined();
    expectWrite(recorder.last, 'DELETE', `/api/cases/${CASE_ID}/comments`);
    expect(recorder.last.query.toString()).toBe('');
  });

  it('DELETE /api/cases/{caseId}/comments/{commentId}', async () => {
    const recorder = recordingClient();
    recorder.reply({ status: 204 });
    await expect(recorder.kibana.cases.deleteComment(CASE_ID, COMMENT_ID)).resolves.toBeUndefined();
    expectWrite(recorder.last, 'DELETE', `/api/cases/${CASE_ID}/comments/${COMMENT_ID}`);
    expect(recorder.last.query.toString()).toBe('');
  });

  it('throws NotFoundError for an unknown comment', async () => {
    const { kibana, reply } = recordingClient();
    reply({
      status: 404,
      body: { statusCode: 404, error: 'Not Found', message: 'Saved object [cases-comments/x] not found' },
    });
    await expect(kibana.cases.deleteComment(CASE_ID, 'x')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('cases.push', () => {
  it('POSTs an empty JSON object to _push and returns the pushed case', async () => {
    const recorder = recordingClient();
    recorder.reply({ body: responseExample('pushCase') });
    const pushed = await recorder.kibana.cases.push('b917f300-0ed9-11ed-bd18-65557fe66949', CONNECTOR_ID);
    expectWrite(
      recorder.last,
      'POST',
      `/api/cases/b917f300-0ed9-11ed-bd18-65557fe66949/connector/${CONNECTOR_ID}/_push`,
      {},
    );
    expect(recorder.last.body).toEqual(requestExample('pushCase'));
    expect(validateRequestBody('pushCase', recorder.last.body)).toEqual([]);
    expect(pushed).toEqual(responseExample('pushCase'));
    expect(pushed.external_service?.external_title).toBe('ES-554');
    expect(pushed.external_service?.connector_id).toBe(CONNECTOR_ID);
    expect(pushed.connector.type).toBe('.jira');
    if (pushed.connector.type === '.jira') expect(pushed.connector.fields?.issueType).toBe('10006');
  });
});

describe('cases.attachFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kibana-sdk-cases-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** The multipart form of a recorded upload, checked to be sent as multipart with kbn-xsrf. */
  async function uploaded(request: RecordedRequest) {
    expect(request.method).toBe('POST');
    expect(request.headers['kbn-xsrf']).toBe('true');
    expect(request.headers['elastic-api-version']).toBeUndefined();
    // fetch writes the multipart content type with its boundary; a type set by the SDK would lack it.
    expect(request.headers['content-type']).toBeUndefined();
    expect(request.query.toString()).toBe('');
    expect(request.body).toBeInstanceOf(FormData);
    const form = request.body as FormData;
    expect([...form.keys()]).toEqual(['file', 'filename']);
    const file = form.get('file');
    expect(file).toBeInstanceOf(File);
    return {
      name: (file as File).name,
      type: (file as File).type,
      content: await (file as File).text(),
      filename: form.get('filename'),
    };
  }

  it('POSTs a string as multipart/form-data to /api/cases/{caseId}/files and returns the case', async () => {
    const recorder = recordingClient();
    recorder.reply({ body: responseExample('addCaseFile') });
    const result = await recorder.kibana.cases.attachFile(CASE_ID, { file: 'disk is full\n', fileName: 'notes.txt' });
    expect(recorder.last.path).toBe(`/api/cases/${CASE_ID}/files`);
    expect(await uploaded(recorder.last)).toEqual({
      name: 'notes.txt',
      type: 'text/plain',
      content: 'disk is full\n',
      filename: 'notes',
    });
    expect(result).toEqual(responseExample('addCaseFile'));
    expect(result.version).toBe('WzIzMzgsMV0=');
    expect(result.customFields?.[1]?.value).toBe(true);
  });

  it('puts the file name and content type in the part headers on the wire', async () => {
    const recorder = recordingClient();
    await recorder.kibana.cases.attachFile(CASE_ID, {
      file: 'a,b\n1,2\n',
      fileName: 'table.csv',
      filename: 'Quarterly table',
    });
    const wire = new Response(recorder.last.body as FormData);
    expect(wire.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
    const text = await wire.text();
    expect(text).toContain(
      'Content-Disposition: form-data; name="file"; filename="table.csv"\r\nContent-Type: text/csv\r\n\r\na,b\n1,2\n',
    );
    expect(text).toContain('Content-Disposition: form-data; name="filename"\r\n\r\nQuarterly table\r\n');
  });

  it('sends a Uint8Array with the type of its extension', async () => {
    const recorder = recordingClient();
    const bytes = new TextEncoder().encode('{"ok":true}');
    await recorder.kibana.cases.attachFile(CASE_ID, { file: bytes, fileName: 'result.json', filename: 'result' });
    expect(await uploaded(recorder.last)).toEqual({
      name: 'result.json',
      type: 'application/json',
      content: '{"ok":true}',
      filename: 'result',
    });
  });

  it('sends an untyped Blob with the type of its extension, and keeps a typed one', async () => {
    const { kibana, requests } = recordingClient();
    await kibana.cases.attachFile(CASE_ID, { file: new Blob(['<svg/>']), fileName: 'logo.svg' });
    await kibana.cases.attachFile(CASE_ID, {
      file: new Blob(['hi'], { type: 'text/markdown' }),
      fileName: 'readme.txt',
    });
    expect(await uploaded(requests[0]!)).toEqual({
      name: 'logo.svg',
      type: 'image/svg+xml',
      content: '<svg/>',
      filename: 'logo',
    });
    expect(await uploaded(requests[1]!)).toEqual({
      name: 'readme.txt',
      type: 'text/markdown',
      content: 'hi',
      filename: 'readme',
    });
  });

  it('lets contentType override the type of a typed Blob', async () => {
    const recorder = recordingClient();
    await recorder.kibana.cases.attachFile(CASE_ID, {
      file: new Blob(['a,b'], { type: 'text/plain' }),
      fileName: 'data.csv',
      contentType: 'text/csv',
    });
    expect(await uploaded(recorder.last)).toMatchObject({ name: 'data.csv', type: 'text/csv', content: 'a,b' });
  });

  it('takes the name and type of a File', async () => {
    const recorder = recordingClient();
    await recorder.kibana.cases.attachFile(CASE_ID, {
      file: new File(['PNG'], 'screenshot.png', { type: 'image/png' }),
    });
    expect(await uploaded(recorder.last)).toEqual({
      name: 'screenshot.png',
      type: 'image/png',
      content: 'PNG',
      filename: 'screenshot',
    });
  });

  it('reads a Node Readable stream', async () => {
    const recorder = recordingClient();
    await recorder.kibana.cases.attachFile(CASE_ID, {
      file: Readable.from([Buffer.from('line 1\n'), Buffer.from('line 2\n')]),
      fileName: 'app.log',
    });
    expect(await uploaded(recorder.last)).toEqual({
      name: 'app.log',
      type: 'text/plain',
      content: 'line 1\nline 2\n',
      filename: 'app',
    });
  });

  it('reads a web ReadableStream, and does not retry it', async () => {
    const { kibana, requests, reply } = recordingClient({ maxRetries: 2, retry: { initialDelay: 1, maxDelay: 1 } });
    const stream = () => new Blob(['col\n1\n']).stream();
    await kibana.cases.attachFile(CASE_ID, { file: stream(), fileName: 'rows.csv', filename: 'Rows' });
    expect(await uploaded(requests[0]!)).toEqual({
      name: 'rows.csv',
      type: 'text/csv',
      content: 'col\n1\n',
      filename: 'Rows',
    });
    reply({ status: 503, body: { statusCode: 503, error: 'Service Unavailable', message: 'busy' } });
    await expect(
      kibana.cases.attachFile(CASE_ID, { file: stream(), fileName: 'rows.csv' }, { retryNonIdempotent: true }),
    ).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(requests).toHaveLength(2);
  });

  it('reads { path } from disk, taking the name and type from the path', async () => {
    const path = join(dir, 'report.pdf');
    await writeFile(path, '%PDF-1.4 test');
    const { kibana, requests } = recordingClient();
    await kibana.cases.attachFile(CASE_ID, { file: { path } });
    await kibana.cases.attachFile(CASE_ID, { file: { path }, filename: 'Incident report' });
    expect(await uploaded(requests[0]!)).toEqual({
      name: 'report.pdf',
      type: 'application/pdf',
      content: '%PDF-1.4 test',
      filename: 'report',
    });
    expect(await uploaded(requests[1]!)).toEqual({
      name: 'report.pdf',
      type: 'application/pdf',
      content: '%PDF-1.4 test',
      filename: 'Incident report',
    });
  });

  it('names a Node file stream after its path', async () => {
    const path = join(dir, 'trace.json');
    await writeFile(path, '{"spans":[]}');
    const recorder = recordingClient();
    await recorder.kibana.cases.attachFile(CASE_ID, { file: createReadStream(path) });
    expect(await uploaded(recorder.last)).toEqual({
      name: 'trace.json',
      type: 'application/json',
      content: '{"spans":[]}',
      filename: 'trace',
    });
  });

  it('refuses a path that cannot be read, and a missing file, without sending', async () => {
    const { kibana, requests } = recordingClient();
    await expect(kibana.cases.attachFile(CASE_ID, { file: { path: join(dir, 'missing.txt') } })).rejects.toMatchObject({
      name: 'ArgumentError',
      argument: 'upload.file.path',
    });
    await expect(kibana.cases.attachFile(CASE_ID, { file: undefined as never })).rejects.toMatchObject({
      name: 'ArgumentError',
      argument: 'upload.file',
    });
    await expect(kibana.cases.attachFile(CASE_ID, { file: 'x', filename: '' })).rejects.toMatchObject({
      name: 'ArgumentError',
      argument: 'upload.filename',
    });
    await expect(kibana.cases.attachFile(CASE_ID, { file: 'x', fileName: '' })).rejects.toMatchObject({
      name: 'ArgumentError',
      argument: 'upload.fileName',
    });
    await expect(kibana.cases.attachFile(CASE_ID, null as never)).rejects.toMatchObject({
      name: 'ArgumentError',
      argument: 'upload',
    });
    expect(requests).toHaveLength(0);
  });

  it('does not retry a stream upload answered 503, even with retryNonIdempotent', async () => {
    const { kibana, requests, reply } = recordingClient({ maxRetries: 2, retry: { initialDelay: 1, maxDelay: 1 } });
    reply({ status: 503, body: { statusCode: 503, error: 'Service Unavailable', message: 'Kibana is starting' } });
    const upload = kibana.cases.attachFile(
      CASE_ID,
      { file: Readable.from([Buffer.from('log')]), fileName: 'a.log' },
      { retryNonIdempotent: true },
    );
    await expect(upload).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(requests).toHaveLength(1);
  });

  it('retries a Blob upload answered 503 when retryNonIdempotent is set, sending the same file again', async () => {
    const { kibana, requests, reply } = recordingClient({ maxRetries: 2, retry: { initialDelay: 1, maxDelay: 1 } });
    reply(() =>
      requests.length < 3
        ? { status: 503, body: { statusCode: 503, error: 'Service Unavailable', message: 'busy' } }
        : { body: responseExample('addCaseFile') },
    );
    const result = await kibana.cases.attachFile(
      CASE_ID,
      { file: new Blob(['log']), fileName: 'a.log' },
      { retryNonIdempotent: true },
    );
    expect(result.id).toBe('293f1bc0-74f6-11ea-b83a-553aecdb28b6');
    expect(requests).toHaveLength(3);
    for (const request of requests)
      expect(await uploaded(request)).toEqual({ name: 'a.log', type: 'text/plain', content: 'log', filename: 'a' });
  });

  it('does not retry a Blob upload without retryNonIdempotent', async () => {
    const { kibana, requests, reply } = recordingClient({ maxRetries: 2, retry: { initialDelay: 1, maxDelay: 1 } });
    reply({ status: 503, body: { statusCode: 503, error: 'Service Unavailable', message: 'busy' } });
    await expect(
      kibana.cases.attachFile(CASE_ID, { file: new Blob(['log']), fileName: 'a.log' }),
    ).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(requests).toHaveLength(1);
  });

  it('throws PayloadTooLargeError on 413, naming the 1 MB default limit', async () => {
    const { kibana, reply } = recordingClient();
    reply({
      status: 413,
      body: {
        statusCode: 413,
        error: 'Request Entity Too Large',
        message: 'Payload content length greater than maximum allowed: 1048576',
      },
    });
    const error = await kibana.cases
      .attachFile(CASE_ID, { file: new Uint8Array(2 * 1024 * 1024), fileName: 'big.zip' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect((error as PayloadTooLargeError).statusCode).toBe(413);
    expect((error as Error).message).toContain('1 MB');
    expect((error as Error).message).toContain('POST /api/cases/{caseId}/files failed with 413');
  });
});

describe('cases.findUserActions', () => {
  it('GETs /api/cases/{caseId}/user_actions/_find and returns the activity page', async () => {
    const recorder = recordingClient();
    recorder.reply({ body: responseExample('findCaseUserActions') });
    const page = await recorder.kibana.cases.findUserActions(CASE_ID);
    expectRead(recorder.last, `/api/cases/${CASE_ID}/user_actions/_find`);
    expect(page).toEqual(responseExample('findCaseUserActions'));
    expect(page.total).toBe(3);
    expect(page.perPage).toBe(20);
    const created = page.userActions[0];
    expect(created?.type).toBe('create_case');
    if (created?.type === 'create_case') expect(created.payload.title).toBe('Case title 1');
  });

  it('sends paging, sort order and types (repeated)', async () => {
    const recorder = recordingClient();
    recorder.reply({ body: { page: 2, perPage: 10, total: 0, userActions: [] } });
    await recorder.kibana.cases.findUserActions(CASE_ID, {
      page: 2,
      perPage: 10,
      sortOrder: 'desc',
      types: ['status', 'comment'],
    });
    expectRead(
      recorder.last,
      `/api/cases/${CASE_ID}/user_actions/_find`,
      'page=2&perPage=10&sortOrder=desc&types=status&types=comment',
    );
  });
});

describe('cases.iterateUserActions', () => {
  const action = (id: string) => ({
    ...example<{ userActions: Schemas['CaseUserAction'][] }>('findCaseUserActions').userActions[0]!,
    id,
  });
  const pagedActions =
    (total: number) =>
    (request: RecordedRequest): Reply => {
      const page = Number(request.query.get('page'));
      const perPage = Number(request.query.get('perPage'));
      const start = (page - 1) * perPage;
      return {
        body: {
          page,
          perPage,
          total,
          userActions: Array.from({ length: Math.max(0, Math.min(perPage, total - start)) }, (_, i) =>
            action(`ua-${start + i}`),
          ),
        },
      };
    };

  it('pages 100 at a time and stops at the total', async () => {
    const { kibana, requests, reply } = recordingClient();
    reply(pagedActions(130));
    const ids: string[] = [];
    for await (const found of kibana.cases.iterateUserActions(CASE_ID, { sortOrder: 'asc', types: ['status'] }))
      ids.push(found.id);
    expect(ids).toEqual(Array.from({ length: 130 }, (_, i) => `ua-${i}`));
    expect(requests).toHaveLength(2);
    for (const [index, request] of requests.entries()) {
      expectRead(
        request,
        `/api/cases/${CASE_ID}/user_actions/_find`,
        `sortOrder=asc&types=status&page=${index + 1}&perPage=100`,
      );
    }
  });

  it('stops on an empty page, starts at query.page, and throws ResultWindowError past the window', async () => {
    const { kibana, requests, reply } = recordingClient();
    reply((request) => ({
      body: {
        page: 1,
        perPage: 100,
        total: 50_000,
        userActions: request.query.get('page') === '1' ? [] : [action('x')],
      },
    }));
    for await (const _ of kibana.cases.iterateUserActions(CASE_ID, { perPage: 100 }))
      throw new Error('nothing to yield');
    expect(requests).toHaveLength(1);

    reply(pagedActions(10_001));
    const ids: string[] = [];
    const error = await (async () => {
      for await (const found of kibana.cases.iterateUserActions(CASE_ID, { page: 99, perPage: 100 }))
        ids.push(found.id);
    })().catch((e: unknown) => e);
    expect(ids).toHaveLength(200);
    expect(ids[0]).toBe('ua-9800');
    expect(error).toMatchObject({ name: 'ResultWindowError', total: 10_001, yielded: 200 });
    expect(requests.slice(1).map((r) => r.query.get('page'))).toEqual(['99', '100']);
  });

  it('refuses a missing case id and a page past the window at the call', () => {
    const { kibana, requests } = recordingClient();
    expect(() => kibana.cases.iterateUserActions('')).toThrow(
      expect.objectContaining({ name: 'ArgumentError', argument: 'caseId' }),
    );
    expect(() => kibana.cases.iterateUserActions(CASE_ID, { page: 201, perPage: 50 })).toThrow(
      expect.objectContaining({ argument: 'query.page' }),
    );
    expect(() => kibana.cases.iterateUserActions(CASE_ID, { perPage: -1 })).toThrow(
      expect.objectContaining({ argument: 'query.perPage' }),
    );
    expect(requests).toHaveLength(0);
  });
});

describe('cases.createConfiguration', () => {
  it('POSTs /api/cases/configure and returns the stored settings', async () => {
    const recorder = recordingClient();
    const body = requestExample('setCaseConfiguration') as Parameters<KibanaClient['cases']['createConfiguration']>[0];
    expect(validateRequestBody('setCaseConfiguration', body)).toEqual([]);
    recorder.reply({ body: responseExample('setCaseConfiguration') });
    const stored = await recorder.kibana.cases.createConfiguration(body);
    expectWrite(recorder.last, 'POST', '/api/cases/configure', body);
    expect(recorder.last.query.toString()).toBe('');
    expect(stored).toEqual(responseExample('setCaseConfiguration'));
    expect(stored.id).toBe(CONFIGURATION_ID);
    expect(stored.version).toBe('WzIwNzMsMV0=');
    expect(stored.closure_type).toBe('close-by-user');
    expect(stored.templates[0]?.name).toBe('template-1');
  });

  it('sends the ServiceNow example as is', async () => {
    const recorder = recordingClient();
    const body = requestExample('setCaseConfiguration', 'setCaseConfigurationServiceNowRequest') as Parameters<
      KibanaClient['cases']['createConfiguration']
    >[0];
    recorder.reply({ body: responseExample('setCaseConfiguration', 200, 'setCaseConfigurationServiceNowResponse') });
    const stored = await recorder.kibana.cases.createConfiguration(body);
    expectWrite(recorder.last, 'POST', '/api/cases/configure', body);
    expect(stored.connector.type).toBe('.servicenow');
    expect(stored.mappings.map((m) => m.target)).toEqual(['short_description', 'description', 'work_notes']);
  });
});

describe('cases.updateConfiguration', () => {
  it('PATCHes /api/cases/configure/{configurationId} and returns the updated settings', async () => {
    const recorder = recordingClient();
    const body = requestExample('updateCaseConfiguration') as Parameters<
      KibanaClient['cases']['updateConfiguration']
    >[1];
    expect(validateRequestBody('updateCaseConfiguration', body)).toEqual([]);
    recorder.reply({ body: responseExample('updateCaseConfiguration') });
    const updated = await recorder.kibana.cases.updateConfiguration(CONFIGURATION_ID, body);
    expectWrite(recorder.last, 'PATCH', `/api/cases/configure/${CONFIGURATION_ID}`, body);
    expect(recorder.last.query.toString()).toBe('');
    expect(updated).toEqual(responseExample('updateCaseConfiguration'));
    expect(updated.version).toBe('WzI2LDNd');
    expect(updated.customFields[0]?.required).toBe(true);
  });

  it('throws ConflictError on a stale version', async () => {
    const { kibana, requests, reply } = recordingClient();
    reply({ status: 409, body: STALE_CONFIGURATION });
    const error = await kibana.cases.updateConfiguration(CONFIGURATION_ID, { version: 'old' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).kibanaMessage).toBe(
      'This configuration has been updated. Please refresh before saving additional updates.',
    );
    expect(requests).toHaveLength(1);
  });

  it('refuses a missing body without sending', async () => {
    const { kibana, requests } = recordingClient();
    await expect(kibana.cases.updateConfiguration(CONFIGURATION_ID, undefined as never)).rejects.toMatchObject({
      name: 'ArgumentError',
      argument: 'body',
    });
    expect(requests).toHaveLength(0);
  });
});

/** Answers PATCH /api/cases with 409 the first `conflicts` times, GETs with the case at version `WzIsMV0=`. */
function conflictingCases(conflicts: number) {
  let patches = 0;
  return (request: RecordedRequest): Reply => {
    if (request.method === 'GET')
      return {
        body: { ...example<Schemas['Case']>('getCase'), id: request.path.split('/').pop(), version: 'WzIsMV0=' },
      };
    if (++patches <= conflicts) return { status: 409, body: STALE_CASE };
    return { body: responseExample('updateCases') };
  };
}

describe('cases.update', () => {
  it('PATCHes /api/cases with { cases } and returns the updated cases', async () => {
    const recorder = recordingClient();
    const body = requestExample('updateCases') as { cases: Parameters<KibanaClient['cases']['update']>[0] };
    expect(validateRequestBody('updateCases', body)).toEqual([]);
    recorder.reply({ body: responseExample('updateCases') });
    const updated = await recorder.kibana.cases.update(body.cases);
    expectWrite(recorder.last, 'PATCH', '/api/cases', body);
    expect(recorder.last.query.toString()).toBe('');
    expect(updated).toEqual(responseExample('updateCases'));
    expect(updated[0]?.version).toBe('WzM3LDFd');
    expect(updated[0]?.status).toBe('closed');
    expect(updated[0]?.closed_by?.username).toBe('elastic');
  });

  it('without retryOnConflict, throws ConflictError after exactly one request', async () => {
    const { kibana, requests, reply } = recordingClient();
    reply(conflictingCases(Infinity));
    const error = await kibana.cases
      .update([{ id: CASE_ID, version: 'WzM2LDFd', status: 'closed' }])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).statusCode).toBe(409);
    expect((error as ConflictError).body).toEqual(STALE_CASE);
    expect((error as Error).message).not.toContain('attempts');
    expect(requests.map((r) => r.method)).toEqual(['PATCH']);
  });

  it('with retryOnConflict, re-reads the case after a 409 and PATCHes again with the new version', async () => {
    const { kibana, requests, reply } = recordingClient();
    reply(conflictingCases(1));
    const updated = await kibana.cases.update(
      [{ id: CASE_ID, version: 'WzM2LDFd', status: 'closed', tags: ['resolved'] }],
      { retryOnConflict: 1 },
    );
    expect(updated).toEqual(responseExample('updateCases'));
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'PATCH /api/cases',
      `GET /api/cases/${CASE_ID}`,
      'PATCH /api/cases',
    ]);
    expectWrite(requests[0]!, 'PATCH', '/api/cases', {
      cases: [{ id: CASE_ID, version: 'WzM2LDFd', status: 'closed', tags: ['resolved'] }],
    });
    expectRead(requests[1]!, `/api/cases/${CASE_ID}`);
    expectWrite(requests[2]!, 'PATCH', '/api/cases', {
      cases: [{ id: CASE_ID, version: 'WzIsMV0=', status: 'closed', tags: ['resolved'] }],
    });
  });

  it('re-reads every case of the call, keeping each change with its case', async () => {
    const { kibana, requests, reply } = recordingClient();
    reply(conflictingCases(1));
    await kibana.cases.update(
      [
        { id: 'a', version: 'v-a', title: 'A' },
        { id: 'b', version: 'v-b', severity: 'high' },
      ],
      { retryOnConflict: 3, space: 'ops' },
    );
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'PATCH /s/ops/api/cases',
      'GET /s/ops/api/cases/a',
      'GET /s/ops/api/cases/b',
      'PATCH /s/ops/api/cases',
    ]);
    expect(requests[3]!.body).toEqual({
      cases: [
        { id: 'a', version: 'WzIsMV0=', title: 'A' },
        { id: 'b', version: 'WzIsMV0=', severity: 'high' },
      ],
    });
  });

  it('with retryOnConflict: 2 and a case that keeps changing, gives up after 3 PATCHes and 2 GETs', async () => {
    const { kibana, requests, reply } = recordingClient();
    reply(conflictingCases(Infinity));
    const error = await kibana.cases
      .update([{ id: CASE_ID, version: 'WzM2LDFd', status: 'closed' }], { retryOnConflict: 2 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toContain(`case ${CASE_ID} changed again on each of 3 attempts`);
    expect((error as ConflictError).statusCode).toBe(409);
    expect(requests.map((r) => r.method)).toEqual(['PATCH', 'GET', 'PATCH', 'GET', 'PATCH']);
  });

  it('does not re-read on errors other than 409', async () => {
    const { kibana, requests, reply } = recordingClient();
    reply({ status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'invalid status' } });
    await expect(
      kibana.cases.update([{ id: CASE_ID, version: 'v1', title: 'x' }], { retryOnConflict: 2 }),
    ).rejects.toMatchObject({ name: 'BadRequestError' });
    expect(requests).toHaveLength(1);
  });

  it('does not change the caller changes', async () => {
    const { kibana, reply } = recordingClient();
    reply(conflictingCases(1));
    const changes = [{ id: CASE_ID, version: 'WzM2LDFd', title: 'x' }];
    await kibana.cases.update(changes, { retryOnConflict: 1 });
    expect(changes).toEqual([{ id: CASE_ID, version: 'WzM2LDFd', title: 'x' }]);
  });

  it('refuses an empty list, more than 100 changes, a change without id or version, and a bad retryOnConflict', async () => {
    const { kibana, requests } = recordingClient();
    const many = Array.from({ length: 101 }, (_, i) => ({ id: `c${i}`, version: 'v' }));
    await expect(kibana.cases.update([])).rejects.toMatchObject({ name: 'ArgumentError', argument: 'cases' });
    await expect(kibana.cases.update(many)).rejects.toMatchObject({ name: 'ArgumentError', argument: 'cases' });
    await expect(kibana.cases.update({ id: 'a', version: 'v' } as never)).rejects.toMatchObject({ argument: 'cases' });
    await expect(kibana.cases.update([{ id: '', version: 'v' }])).rejects.toMatchObject({ argument: 'cases[0].id' });
    await expect(kibana.cases.update([{ id: 'a', version: 'v' }, { id: 'b' } as never])).rejects.toMatchObject({
      argument: 'cases[1].version',
    });
    await expect(kibana.cases.update([{ id: 'a', version: 'v' }], { retryOnConflict: -1 })).rejects.toMatchObject({
      argument: 'options.retryOnConflict',
    });
    await expect(kibana.cases.update([{ id: 'a', version: 'v' }], { retryOnConflict: 1.5 })).rejects.toMatchObject({
      argument: 'options.retryOnConflict',
    });
    expect(requests).toHaveLength(0);
  });
});

describe('cases.close and cases.reopen', () => {
  it('close reads the current version, then sends status closed, and returns the case', async () => {
    const { kibana, requests, reply } = recordingClient();
    reply((request) =>
      request.method === 'GET' ? { body: responseExample('getCase') } : { body: responseExample('updateCases') },
    );
    const closed = await kibana.cases.close(CASE_ID);
    expect(requests).toHaveLength(2);
    expectRead(requests[0]!, `/api/cases/${CASE_ID}`);
    expectWrite(requests[1]!, 'PATCH', '/api/cases', {
      cases: [{ id: CASE_ID, version: 'WzM2LDFd', status: 'closed' }],
    });
    expect(closed).toEqual(example<Schemas['Case'][]>('updateCases')[0]);
    expect(closed.status).toBe('closed');
  });

  it('reopen with a version sends status open without reading first', async () => {
    const recorder = recordingClient();
    const reopened = { ...example<Schemas['Case']>('getCase'), version: 'WzM4LDFd' };
    recorder.reply({ body: [reopened] });
    const result = await recorder.kibana.cases.reopen(CASE_ID, { version: 'WzM3LDFd' });
    expectWrite(recorder.last, 'PATCH', '/api/cases', {
      cases: [{ id: CASE_ID, version: 'WzM3LDFd', status: 'open' }],
    });
    expect(result.status).toBe('open');
    expect(result.version).toBe('WzM4LDFd');
  });

  it('reopen reads the version when none is given', async () => {
    const { kibana, requests, reply } = recordingClient();
    reply((request) =>
      request.method === 'GET'
        ? { body: { ...example<Schemas['Case']>('getCase'), version: 'WzUsMV0=' } }
        : { body: responseExample('updateCases') },
    );
    await kibana.cases.reopen(CASE_ID, { space: 'ops' });
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /s/ops/api/cases/${CASE_ID}`,
      'PATCH /s/ops/api/cases',
    ]);
    expect(requests[1]!.body).toEqual({ cases: [{ id: CASE_ID, version: 'WzUsMV0=', status: 'open' }] });
  });

  it('close with retryOnConflict re-reads after a 409', async () => {
    const { kibana, requests, reply } = recordingClient();
    reply(conflictingCases(1));
    await kibana.cases.close(CASE_ID, { version: 'WzM2LDFd', retryOnConflict: 1 });
    expect(requests.map((r) => r.method)).toEqual(['PATCH', 'GET', 'PATCH']);
    expect(requests[2]!.body).toEqual({ cases: [{ id: CASE_ID, version: 'WzIsMV0=', status: 'closed' }] });
  });

  it('close without retryOnConflict throws ConflictError after the read and one PATCH', async () => {
    const { kibana, requests, reply } = recordingClient();
    reply(conflictingCases(Infinity));
    await expect(kibana.cases.close(CASE_ID)).rejects.toBeInstanceOf(ConflictError);
    expect(requests.map((r) => r.method)).toEqual(['GET', 'PATCH']);
  });

  it('refuses an empty version and a bad retryOnConflict before reading', async () => {
    const { kibana, requests } = recordingClient();
    await expect(kibana.cases.close(CASE_ID, { version: '' })).rejects.toMatchObject({
      name: 'ArgumentError',
      argument: 'options.version',
    });
    await expect(kibana.cases.reopen(CASE_ID, { retryOnConflict: 11 })).rejects.toMatchObject({
      name: 'ArgumentError',
      argument: 'options.retryOnConflict',
    });
    expect(requests).toHaveLength(0);
  });
});

describe('cases.delete', () => {
  it('DELETEs /api/cases with the ids as one JSON array value', async () => {
    const recorder = recordingClient();
    recorder.reply({ status: 204 });
    await expect(recorder.kibana.cases.delete(['a', 'b'])).resolves.toBeUndefined();
    expectWrite(recorder.last, 'DELETE', '/api/cases');
    expect([...recorder.last.query.entries()]).toEqual([['ids', '["a","b"]']]);
  });

  it('percent-encodes the JSON array in the URL', async () => {
    const urls: string[] = [];
    const fetch = async (input: RequestInfo | URL): Promise<Response> => {
      urls.push(String(input));
      return new Response(null, { status: 204 });
    };
    const kibana = new KibanaClient({
      url: 'http://kibana.test:5601',
      auth: { apiKey: 'test-key' },
      maxRetries: 0,
      fetch,
    });
    await kibana.cases.delete(['2c4ee3e0-7a1b-11ee-a8a6-9d3c1d2ca8e4', 'id with "quote"&amp']);
    await kibana.space('ops').cases.delete(['x']);
    expect(urls).toEqual([
      'http://kibana.test:5601/api/cases?ids=%5B%222c4ee3e0-7a1b-11ee-a8a6-9d3c1d2ca8e4%22%2C%22id%20with%20%5C%22quote%5C%22%26amp%22%5D',
      'http://kibana.test:5601/s/ops/api/cases?ids=%5B%22x%22%5D',
    ]);
  });

  it('accepts 100 ids and refuses 101, an empty list and empty ids without sending', async () => {
    const { kibana, requests, reply } = recordingClient();
    reply({ status: 204 });
    const ids = Array.from({ length: 101 }, (_, i) => `c${i}`);
    await expect(kibana.cases.delete(ids)).rejects.toMatchObject({ name: 'ArgumentError', argument: 'ids' });
    await expect(kibana.cases.delete([])).rejects.toMatchObject({ name: 'ArgumentError', argument: 'ids' });
    await expect(kibana.cases.delete('a' as never)).rejects.toMatchObject({ name: 'ArgumentError', argument: 'ids' });
    await expect(kibana.cases.delete(['a', ''])).rejects.toMatchObject({ name: 'ArgumentError', argument: 'ids[1]' });
    expect(requests).toHaveLength(0);
    await kibana.cases.delete(ids.slice(0, 100));
    expect(requests).toHaveLength(1);
    expect(JSON.parse(requests[0]!.query.get('ids')!)).toEqual(ids.slice(0, 100));
  });

  it('throws NotFoundError when a case does not exist', async () => {
    const { kibana, reply } = recordingClient();
    reply({
      status: 404,
      body: { statusCode: 404, error: 'Not Found', message: 'Saved object [cases/nope] not found' },
    });
    await expect(kibana.cases.delete(['nope'])).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('cases.addComment', () => {
  it('POSTs a user comment to /api/cases/{caseId}/comments and returns the case', async () => {
    const recorder = recordingClient();
    const body = requestExample('addCaseComment', 'addUserComment') as Parameters<
      KibanaClient['cases']['addComment']
    >[1];
    expect(validateRequestBody('addCaseComment', body)).toEqual([]);
    recorder.reply({ body: responseExample('addCaseComment') });
    const result = await recorder.kibana.cases.addComment('293f1bc0-74f6-11ea-b83a-553aecdb28b6', body);
    expectWrite(recorder.last, 'POST', '/api/cases/293f1bc0-74f6-11ea-b83a-553aecdb28b6/comments', body);
    expect(recorder.last.query.toString()).toBe('');
    expect(result).toEqual(responseExample('addCaseComment'));
    expect(result.totalComment).toBe(1);
    const comment = result.comments![0];
    expect(comment?.type).toBe('user');
    if (comment?.type === 'user') expect(comment.comment).toBe('A new comment.');
  });

  it('POSTs alerts', async () => {
    const recorder = recordingClient();
    const body = requestExample('addCaseComment', 'addAlerts') as Parameters<KibanaClient['cases']['addComment']>[1];
    expect(validateRequestBody('addCaseComment', body)).toEqual([]);
    recorder.reply({ body: responseExample('addCaseComment') });
    await recorder.kibana.cases.addComment(CASE_ID, body);
    expectWrite(recorder.last, 'POST', `/api/cases/${CASE_ID}/comments`, body);
  });

  it('refuses a missing body without sending', async () => {
    const { kibana, requests } = recordingClient();
    await expect(kibana.cases.addComment(CASE_ID, 'text' as never)).rejects.toMatchObject({
      name: 'ArgumentError',
      argument: 'body',
    });
    expect(requests).toHaveLength(0);
  });
});

/** Answers PATCH comments with 409 the first `conflicts` times, GET comment with version `WzIsMV0=`. */
function conflictingComments(conflicts: number) {
  let patches = 0;
  return (request: RecordedRequest): Reply => {
    if (request.method === 'GET')
      return { body: { ...example<Schemas['CaseComment']>('getCaseComment'), version: 'WzIsMV0=' } };
    if (++patches <= conflicts)
      return {
        status: 409,
        body: {
          statusCode: 409,
          error: 'Conflict',
          message: 'This comment has been updated. Please refresh before saving additional updates.',
        },
      };
    return { body: responseExample('updateCaseComment') };
  };
}

describe('cases.updateComment', () => {
  const body = requestExample('updateCaseComment') as Parameters<KibanaClient['cases']['updateComment']>[1];

  it('PATCHes /api/cases/{caseId}/comments with the change and returns the case', async () => {
    const recorder = recordingClient();
    expect(validateRequestBody('updateCaseComment', body)).toEqual([]);
    recorder.reply({ body: responseExample('updateCaseComment') });
    const result = await recorder.kibana.cases.updateComment('293f1bc0-74f6-11ea-b83a-553aecdb28b6', body);
    expectWrite(recorder.last, 'PATCH', '/api/cases/293f1bc0-74f6-11ea-b83a-553aecdb28b6/comments', body);
    expect(recorder.last.query.toString()).toBe('');
    expect(result).toEqual(responseExample('updateCaseComment'));
    expect(result.version).toBe('WzIzNDAsMV0=');
    const comment = result.comments![0];
    if (comment?.type !== 'user') throw new Error('expected a user comment');
    expect(comment.comment).toBe('An updated comment.');
  });

  it('without retryOnConflict, throws ConflictError after exactly one request', async () => {
    const { kibana, requests, reply } = recordingClient();
    reply(conflictingComments(Infinity));
    await expect(kibana.cases.updateComment(CASE_ID, body)).rejects.toBeInstanceOf(ConflictError);
    expect(requests).toHaveLength(1);
  });

  it('with retryOnConflict, re-reads the comment and PATCHes again with its new version', async () => {
    const { kibana, requests, reply } = recordingClient();
    reply(conflictingComments(1));
    const result = await kibana.cases.updateComment(CASE_ID, body, { retryOnConflict: 1 });
    expect(result.id).toBe('293f1bc0-74f6-11ea-b83a-553aecdb28b6');
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `PATCH /api/cases/${CASE_ID}/comments`,
      `GET /api/cases/${CASE_ID}/comments/${COMMENT_ID}`,
      `PATCH /api/cases/${CASE_ID}/comments`,
    ]);
    expectRead(requests[1]!, `/api/cases/${CASE_ID}/comments/${COMMENT_ID}`);
    expectWrite(requests[2]!, 'PATCH', `/api/cases/${CASE_ID}/comments`, { ...body, version: 'WzIsMV0=' });
  });

  it('with retryOnConflict: 2 and a comment that keeps changing, gives up after 3 PATCHes and 2 GETs', async () => {
    const { kibana, requests, reply } = recordingClient();
    reply(conflictingComments(Infinity));
    const error = await kibana.cases.updateComment(CASE_ID, body, { retryOnConflict: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toContain(
      `comment ${COMMENT_ID} of case ${CASE_ID} changed again on each of 3 attempts`,
    );
    expect(requests.map((r) => r.method)).toEqual(['PATCH', 'GET', 'PATCH', 'GET', 'PATCH']);
  });

  it('refuses a change without id or version, without sending', async () => {
    const { kibana, requests } = recordingClient();
    await expect(kibana.cases.updateComment(CASE_ID, { ...body, id: '' })).rejects.toMatchObject({
      name: 'ArgumentError',
      argument: 'body.id',
    });
    await expect(kibana.cases.updateComment(CASE_ID, { ...body, version: undefined } as never)).rejects.toMatchObject({
      name: 'ArgumentError',
      argument: 'body.version',
    });
    await expect(kibana.cases.updateComment(CASE_ID, null as never)).rejects.toMatchObject({
      name: 'ArgumentError',
      argument: 'body',
    });
    expect(requests).toHaveLength(0);
  });
});

describe('cases.getComment', () => {
  it('GETs /api/cases/{caseId}/comments/{commentId} and returns the attachment', async () => {
    const recorder = recordingClient();
    recorder.reply({ body: responseExample('getCaseComment') });
    const comment = await recorder.kibana.cases.getComment(CASE_ID, '73362370-ab1a-11ec-985f-97e55adae8b9');
    expectRead(recorder.last, `/api/cases/${CASE_ID}/comments/73362370-ab1a-11ec-985f-97e55adae8b9`);
    expect(comment).toEqual(responseExample('getCaseComment'));
    expect(comment.version).toBe('WzMwNDgsMV0=');
    expect(comment.type).toBe('alert');
    if (comment.type === 'alert')
      expect(comment.rule).toEqual({ id: '94d80550-aaf4-11ec-985f-97e55adae8b9', name: 'security_rule' });
  });
});

describe('cases.findComments', () => {
  it('GETs /api/cases/{caseId}/comments/_find and returns a page of attachments', async () => {
    const recorder = recordingClient();
    recorder.reply({ body: responseExample('findCaseComments') });
    const page = await recorder.kibana.cases.findComments(CASE_ID);
    expectRead(recorder.last, `/api/cases/${CASE_ID}/comments/_find`);
    expect(page).toEqual(responseExample('findCaseComments'));
    expect(page.total).toBe(2);
    expect(page.comments.map((c) => c.type)).toEqual(['user', 'alert']);
  });

  it('sends paging and sort order', async () => {
    const recorder = recordingClient();
    recorder.reply({ body: { page: 3, per_page: 5, total: 0, comments: [] } });
    await recorder.kibana.cases.findComments(CASE_ID, { page: 3, perPage: 5, sortOrder: 'asc' });
    expectRead(recorder.last, `/api/cases/${CASE_ID}/comments/_find`, 'page=3&perPage=5&sortOrder=asc');
  });
});

describe('cases.iterateComments', () => {
  const comment = (id: string) => ({ ...example<Schemas['CaseComment']>('getCaseComment'), id });
  const pagedComments =
    (total: number) =>
    (request: RecordedRequest): Reply => {
      const page = Number(request.query.get('page'));
      const perPage = Number(request.query.get('perPage'));
      const start = (page - 1) * perPage;
      return {
        body: {
          page,
          per_page: perPage,
          total,
          comments: Array.from({ length: Math.max(0, Math.min(perPage, total - start)) }, (_, i) =>
            comment(`cm-${start + i}`),
          ),
        },
      };
    };

  it('pages 100 at a time and stops at the total', async () => {
    const { kibana, requests, reply } = recordingClient();
    reply(pagedComments(200));
    const ids: string[] = [];
    for await (const found of kibana.cases.iterateComments(CASE_ID, { sortOrder: 'desc' })) ids.push(found.id);
    expect(ids).toEqual(Array.from({ length: 200 }, (_, i) => `cm-${i}`));
    expect(requests).toHaveLength(2);
    for (const [index, request] of requests.entries()) {
      expectRead(request, `/api/cases/${CASE_ID}/comments/_find`, `sortOrder=desc&page=${index + 1}&perPage=100`);
    }
  });

  it('stops on an empty page and throws ResultWindowError past the window', async () => {
    const { kibana, requests, reply } = recordingClient();
    reply({ body: { page: 1, per_page: 100, total: 5, comments: [] } });
    const none: string[] = [];
    for await (const found of kibana.cases.iterateComments(CASE_ID)) none.push(found.id);
    expect(none).toEqual([]);
    expect(requests).toHaveLength(1);

    reply(pagedComments(10_500));
    let seen = 0;
    const error = await (async () => {
      for await (const _ of kibana.cases.iterateComments(CASE_ID, { perPage: 100 }, { space: 'ops' })) seen++;
    })().catch((e: unknown) => e);
    expect(seen).toBe(10_000);
    expect(error).toMatchObject({ name: 'ResultWindowError', total: 10_500, yielded: 10_000 });
    expect(requests.slice(1).map((r) => `${r.path}?${r.query.toString()}`)).toEqual(
      Array.from({ length: 100 }, (_, i) => `/s/ops/api/cases/${CASE_ID}/comments/_find?perPage=100&page=${i + 1}`),
    );
  });

  it('refuses a page size above the 100 Kibana serves, before any request', () => {
    const { kibana, requests } = recordingClient();
    expect(() => kibana.cases.iterateComments(CASE_ID, { perPage: 2500 })).toThrow(
      'Invalid argument query.perPage: expected a whole number from 1 to 100, got 2500',
    );
    expect(() => kibana.cases.iterate({ perPage: 101 })).toThrow(
      expect.objectContaining({ argument: 'query.perPage' }),
    );
    expect(requests).toHaveLength(0);
  });

  it('refuses a missing case id and a page past the window at the call', () => {
    const { kibana, requests } = recordingClient();
    expect(() => kibana.cases.iterateComments(undefined as never)).toThrow(
      expect.objectContaining({ name: 'ArgumentError', argument: 'caseId' }),
    );
    expect(() => kibana.cases.iterateComments(CASE_ID, { page: 1001, perPage: 10 })).toThrow(
      expect.objectContaining({ argument: 'query.page' }),
    );
    expect(requests).toHaveLength(0);
  });
});

describe('cases.getConfiguration', () => {
  it('GETs /api/cases/configure and returns the settings of each owner', async () => {
    const recorder = recordingClient();
    recorder.reply({ body: responseExample('getCaseConfiguration') });
    const settings = await recorder.kibana.cases.getConfiguration();
    expectRead(recorder.last, '/api/cases/configure');
    expect(settings).toEqual(responseExample('getCaseConfiguration'));
    expect(settings[0]?.id).toBe(CONFIGURATION_ID);
    expect(settings[0]?.connector.name).toBe('my-jira-connector');
    expect(settings[0]?.customFields[0]?.label).toBe('my-text-field');
  });

  it('sends the owners as repeated keys', async () => {
    const recorder = recordingClient();
    recorder.reply({ body: [] });
    await recorder.kibana.cases.getConfiguration({ owner: ['cases', 'observability'] });
    expectRead(recorder.last, '/api/cases/configure', 'owner=cases&owner=observability');
  });
});

describe('cases.findConnectors', () => {
  it('GETs /api/cases/configure/connectors/_find and returns the connectors', async () => {
    const recorder = recordingClient();
    recorder.reply({ body: responseExample('findCaseConnectors') });
    const connectors = await recorder.kibana.cases.findConnectors();
    expectRead(recorder.last, '/api/cases/configure/connectors/_find');
    expect(connectors).toEqual(responseExample('findCaseConnectors'));
    expect(connectors[0]?.actionTypeId).toBe('.jira');
    expect(connectors[0]?.isMissingSecrets).toBe(false);
  });
});

describe('cases.getReporters', () => {
  it('GETs /api/cases/reporters and returns the users', async () => {
    const recorder = recordingClient();
    recorder.reply({ body: responseExample('getCaseReporters') });
    const reporters = await recorder.kibana.cases.getReporters({ owner: 'cases' });
    expectRead(recorder.last, '/api/cases/reporters', 'owner=cases');
    expect(reporters).toEqual(responseExample('getCaseReporters'));
    expect(reporters.map((r) => r.username)).toEqual(['elastic', 'ahunley']);
    expect(reporters[1]?.full_name).toBe('Alan Hunley');
  });
});

describe('cases.getTags', () => {
  it('GETs /api/cases/tags and returns the tags', async () => {
    const recorder = recordingClient();
    recorder.reply({ body: responseExample('getCaseTags') });
    const tags = await recorder.kibana.cases.getTags();
    expectRead(recorder.last, '/api/cases/tags');
    expect(tags).toEqual(['observability', 'tag 1']);
  });

  it('sends the owner filter', async () => {
    const recorder = recordingClient();
    recorder.reply({ body: ['observability'] });
    const tags = await recorder.kibana.cases.getTags({ owner: ['observability', 'cases'] });
    expectRead(recorder.last, '/api/cases/tags', 'owner=observability&owner=cases');
    expect(tags).toEqual(['observability']);
  });
});

describe('documented answers', () => {
  it('the examples the tests answer with match the spec schemas', () => {
    for (const operationId of [
      'createCase',
      'getCase',
      'findCases',
      'updateCases',
      'pushCase',
      'addCaseFile',
      'findCaseUserActions',
      'getCaseComment',
      'findCaseComments',
    ]) {
      expect(validateResponse(operationId, 200, responseExample(operationId)), operationId).toEqual([]);
    }
  });
});

describe('cases in a space', () => {
  // Every method, once through kibana.space('ops'), once with { space: 'ops' } per call, and once back to the default space.
  const caseBody = requestExample('createCase') as Parameters<KibanaClient['cases']['create']>[0];
  const drain = async (items: AsyncIterable<unknown>) => {
    for await (const _ of items);
  };
  const calls: [
    name: string,
    call: (k: KibanaClient, options?: CallOptions) => Promise<unknown>,
    method: string,
    path: string,
  ][] = [
    ['create', (k, o) => k.cases.create(caseBody, o), 'POST', '/api/cases'],
    ['get', (k, o) => k.cases.get('c1', o), 'GET', '/api/cases/c1'],
    ['find', (k, o) => k.cases.find({ perPage: 1 }, o), 'GET', '/api/cases/_find'],
    ['iterate', (k, o) => drain(k.cases.iterate({}, o)), 'GET', '/api/cases/_find'],
    ['getAlerts', (k, o) => k.cases.getAlerts('c1', o), 'GET', '/api/cases/c1/alerts'],
    ['getCasesByAlert', (k, o) => k.cases.getCasesByAlert('a1', {}, o), 'GET', '/api/cases/alerts/a1'],
    ['deleteComments', (k, o) => k.cases.deleteComments('c1', o), 'DELETE', '/api/cases/c1/comments'],
    ['deleteComment', (k, o) => k.cases.deleteComment('c1', 'm1', o), 'DELETE', '/api/cases/c1/comments/m1'],
    ['push', (k, o) => k.cases.push('c1', 'k1', o), 'POST', '/api/cases/c1/connector/k1/_push'],
    [
      'attachFile',
      (k, o) => k.cases.attachFile('c1', { file: 'x', fileName: 'x.txt' }, o),
      'POST',
      '/api/cases/c1/files',
    ],
    ['findUserActions', (k, o) => k.cases.findUserActions('c1', {}, o), 'GET', '/api/cases/c1/user_actions/_find'],
    [
      'iterateUserActions',
      (k, o) => drain(k.cases.iterateUserActions('c1', {}, o)),
      'GET',
      '/api/cases/c1/user_actions/_find',
    ],
    [
      'createConfiguration',
      (k, o) =>
        k.cases.createConfiguration(
          {
            owner: 'cases',
            connector: { id: 'none', name: 'none', type: '.none', fields: null },
            closure_type: 'close-by-user',
          },
          o,
        ),
      'POST',
      '/api/cases/configure',
    ],
    [
      'updateConfiguration',
      (k, o) => k.cases.updateConfiguration('cfg1', { version: 'v1' }, o),
      'PATCH',
      '/api/cases/configure/cfg1',
    ],
    ['update', (k, o) => k.cases.update([{ id: 'c1', version: 'v1', title: 't' }], o), 'PATCH', '/api/cases'],
    ['close', (k, o) => k.cases.close('c1', { ...o, version: 'v1' }), 'PATCH', '/api/cases'],
    ['reopen', (k, o) => k.cases.reopen('c1', { ...o, version: 'v1' }), 'PATCH', '/api/cases'],
    ['delete', (k, o) => k.cases.delete(['c1'], o), 'DELETE', '/api/cases'],
    [
      'addComment',
      (k, o) => k.cases.addComment('c1', { type: 'user', comment: 'hi', owner: 'cases' }, o),
      'POST',
      '/api/cases/c1/comments',
    ],
    [
      'updateComment',
      (k, o) =>
        k.cases.updateComment('c1', { id: 'm1', version: 'v1', type: 'user', comment: 'hi', owner: 'cases' }, o),
      'PATCH',
      '/api/cases/c1/comments',
    ],
    ['getComment', (k, o) => k.cases.getComment('c1', 'm1', o), 'GET', '/api/cases/c1/comments/m1'],
    ['findComments', (k, o) => k.cases.findComments('c1', {}, o), 'GET', '/api/cases/c1/comments/_find'],
    ['iterateComments', (k, o) => drain(k.cases.iterateComments('c1', {}, o)), 'GET', '/api/cases/c1/comments/_find'],
    ['getConfiguration', (k, o) => k.cases.getConfiguration({}, o), 'GET', '/api/cases/configure'],
    ['findConnectors', (k, o) => k.cases.findConnectors(o), 'GET', '/api/cases/configure/connectors/_find'],
    ['getReporters', (k, o) => k.cases.getReporters({}, o), 'GET', '/api/cases/reporters'],
    ['getTags', (k, o) => k.cases.getTags({}, o), 'GET', '/api/cases/tags'],
  ];

  it.each(calls)('%s goes to /s/ops through kibana.space and through options.space', async (_, call, method, path) => {
    const { kibana, requests, reply } = recordingClient();
    // An answer every method can read: the update methods take the array, iterate ends on the empty page.
    reply((request) =>
      request.method === 'PATCH' && request.path.endsWith('/api/cases')
        ? { body: [caseWithId('c1')] }
        : request.method === 'DELETE'
          ? { status: 204 }
          : { body: { total: 0, cases: [], userActions: [], comments: [] } },
    );
    await call(kibana.space('ops'));
    await call(kibana, { space: 'ops' });
    await call(kibana, { space: 'default' });
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `${method} /s/ops${path}`,
      `${method} /s/ops${path}`,
      `${method} ${path}`,
    ]);
    for (const request of requests) expect(request.headers['kbn-xsrf']).toBe(method === 'GET' ? undefined : 'true');
  });
});

describe('cases argument errors', () => {
  const calls: [name: string, argument: string, call: (k: KibanaClient, id: string) => Promise<unknown>][] = [
    ['get', 'caseId', (k, id) => k.cases.get(id)],
    ['getAlerts', 'caseId', (k, id) => k.cases.getAlerts(id)],
    ['getCasesByAlert', 'alertId', (k, id) => k.cases.getCasesByAlert(id)],
    ['deleteComments', 'caseId', (k, id) => k.cases.deleteComments(id)],
    ['deleteComment (case)', 'caseId', (k, id) => k.cases.deleteComment(id, 'm1')],
    ['deleteComment (comment)', 'commentId', (k, id) => k.cases.deleteComment('c1', id)],
    ['push (case)', 'caseId', (k, id) => k.cases.push(id, 'k1')],
    ['push (connector)', 'connectorId', (k, id) => k.cases.push('c1', id)],
    ['attachFile', 'caseId', (k, id) => k.cases.attachFile(id, { file: 'x' })],
    ['findUserActions', 'caseId', (k, id) => k.cases.findUserActions(id)],
    ['iterateUserActions', 'caseId', async (k, id) => k.cases.iterateUserActions(id)],
    ['updateConfiguration', 'configurationId', (k, id) => k.cases.updateConfiguration(id, { version: 'v1' })],
    ['close', 'caseId', (k, id) => k.cases.close(id)],
    ['reopen', 'caseId', (k, id) => k.cases.reopen(id, { version: 'v1' })],
    ['addComment', 'caseId', (k, id) => k.cases.addComment(id, { type: 'user', comment: 'hi', owner: 'cases' })],
    [
      'updateComment',
      'caseId',
      (k, id) => k.cases.updateComment(id, { id: 'm1', version: 'v1', type: 'user', comment: 'hi', owner: 'cases' }),
    ],
    ['getComment (case)', 'caseId', (k, id) => k.cases.getComment(id, 'm1')],
    ['getComment (comment)', 'commentId', (k, id) => k.cases.getComment('c1', id)],
    ['findComments', 'caseId', (k, id) => k.cases.findComments(id)],
    ['iterateComments', 'caseId', async (k, id) => k.cases.iterateComments(id)],
  ];

  it.each(calls)('%s: a missing or empty %s is an ArgumentError and nothing is sent', async (_, argument, call) => {
    await expectIdsRefused(argument, call);
  });

  it('refuses unknown call options without sending', async () => {
    const { kibana, requests } = recordingClient();
    await expect(kibana.cases.get('c1', { retryOnConflict: 1 } as never)).rejects.toMatchObject({
      name: 'ArgumentError',
      argument: 'options.retryOnConflict',
    });
    await expect(kibana.cases.findConnectors({ version: 'v1' } as never)).rejects.toMatchObject({
      name: 'ArgumentError',
      argument: 'options.version',
    });
    expect(requests).toHaveLength(0);
  });
});
