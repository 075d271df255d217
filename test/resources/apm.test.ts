// kibana.apm against a recording fetch: the exact request of every APM operation (method, path, space
// prefix, query, Kibana's headers, body), the typed result answered from the spec's examples, the
// multipart form of source map uploads, and the argument checks that keep bad calls from being sent.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArgumentError, NotFoundError, ServiceUnavailableError } from '../../src/index.node.js';
import { recordingClient, requestExample, responseExample, type RecordedRequest } from '../helpers/recorder.js';
import { validateRequestBody, validateResponse } from '../spec/helpers.js';

const API_VERSION = '2023-10-31';

/** The headers every APM call must carry: the API version always, `kbn-xsrf` only on writes. */
function expectKibanaHeaders(request: RecordedRequest, kind: 'read' | 'write'): void {
  expect(request.headers['elastic-api-version']).toBe(API_VERSION);
  if (kind === 'write') expect(request.headers['kbn-xsrf']).toBe('true');
  else expect(request.headers).not.toHaveProperty('kbn-xsrf');
}

function expectJsonBody(request: RecordedRequest, operationId: string, body: unknown): void {
  expect(request.headers['content-type']).toBe('application/json');
  expect(request.body).toEqual(body);
  expect(validateRequestBody(operationId, request.body)).toEqual([]);
}

function expectNoBody(request: RecordedRequest): void {
  expect(request.body).toBeUndefined();
  expect(request.headers).not.toHaveProperty('content-type');
}

function queryOf(request: RecordedRequest): Record<string, string> {
  return Object.fromEntries(request.query.entries());
}

describe('kibana.apm.agentConfiguration', () => {
  it('save() PUTs the configuration as JSON and resolves to nothing', async () => {
    const r = recordingClient();
    const body = requestExample('saveAgentConfiguration', 'frontendProduction') as Parameters<
      typeof r.kibana.apm.agentConfiguration.save
    >[0];
    r.reply({ body: responseExample('saveAgentConfiguration') });
    const result = await r.kibana.apm.agentConfiguration.save(body);
    expect(result).toBeUndefined();
    const { last } = r;
    expect(last.method).toBe('PUT');
    expect(last.path).toBe('/api/apm/settings/agent-configuration');
    expect(queryOf(last)).toEqual({});
    expectKibanaHeaders(last, 'write');
    expectJsonBody(last, 'saveAgentConfiguration', {
      agent_name: 'nodejs',
      service: { name: 'frontend', environment: 'production' },
      settings: { transaction_sample_rate: '0.4', capture_body: 'off', transaction_max_spans: '500' },
    });
  });

  it('save() sends overwrite=true in the query, under a space prefix', async () => {
    const r = recordingClient();
    await r.kibana
      .space('ops')
      .apm.agentConfiguration.save(
        { service: { name: 'frontend' }, settings: { capture_body: 'all' } },
        { overwrite: true },
      );
    expect(r.last.path).toBe('/s/ops/api/apm/settings/agent-configuration');
    expect(r.last.query.toString()).toBe('overwrite=true');
    expect(r.last.body).toEqual({ service: { name: 'frontend' }, settings: { capture_body: 'all' } });
  });

  it('list() GETs every configuration', async () => {
    const r = recordingClient();
    r.reply({ body: responseExample('getAgentConfigurations') });
    const result = await r.kibana.apm.agentConfiguration.list();
    const { last } = r;
    expect(last.method).toBe('GET');
    expect(last.path).toBe('/api/apm/settings/agent-configuration');
    expect(queryOf(last)).toEqual({});
    expectKibanaHeaders(last, 'read');
    expectNoBody(last);
    expect(result.configurations).toHaveLength(2);
    expect(result.configurations[0]?.service).toEqual({ name: 'opbeans-go', environment: 'production' });
    expect(result.configurations[0]?.etag).toBe('1e58c178efeebae15c25c539da740d21dee422fc');
    expect(result.configurations[1]?.applied_by_agent).toBe(true);
    expect(result.configurations[1]?.settings).toEqual({ transaction_sample_rate: '0.5' });
  });

  it('list() honours { space } per call', async () => {
    const r = recordingClient();
    r.reply({ body: { configurations: [] } });
    await r.kibana.apm.agentConfiguration.list({ space: 'ops' });
    expect(r.last.path).toBe('/s/ops/api/apm/settings/agent-configuration');
  });

  it('get() GETs /view with name and environment', async () => {
    const r = recordingClient();
    r.reply({ body: responseExample('getAgentConfiguration') });
    const result = await r.kibana.apm.agentConfiguration.get({ name: 'frontend', environment: 'production' });
    const { last } = r;
    expect(last.method).toBe('GET');
    expect(last.path).toBe('/api/apm/settings/agent-configuration/view');
    expect(queryOf(last)).toEqual({ name: 'frontend', environment: 'production' });
    expectKibanaHeaders(last, 'read');
    expectNoBody(last);
    expect(result.id).toBe('CIaqXXABmQCdPphWj8EJ');
    expect(result.settings.transaction_max_spans).toBe('500');
    expect(result['@timestamp']).toBe(1730194190636);
  });

  it('get() without a query reads the catch-all configuration, under a space prefix', async () => {
    const r = recordingClient();
    r.reply({ body: responseExample('getAgentConfiguration') });
    await r.kibana.space('ops').apm.agentConfiguration.get();
    expect(r.last.path).toBe('/s/ops/api/apm/settings/agent-configuration/view');
    expect(r.last.query.toString()).toBe('');
  });

  it('get() turns a 404 into NotFoundError', async () => {
    const r = recordingClient();
    r.reply({ status: 404, body: { statusCode: 404, error: 'Not Found', message: 'Agent configuration not found' } });
    await expect(r.kibana.apm.agentConfiguration.get({ name: 'missing' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('delete() sends DELETE with the service as a JSON body', async () => {
    const r = recordingClient();
    r.reply({ body: responseExample('deleteAgentConfiguration') });
    const body = requestExample('deleteAgentConfiguration') as Parameters<
      typeof r.kibana.apm.agentConfiguration.delete
    >[0];
    const result = await r.kibana.apm.agentConfiguration.delete(body);
    const { last } = r;
    expect(last.method).toBe('DELETE');
    expect(last.path).toBe('/api/apm/settings/agent-configuration');
    expect(queryOf(last)).toEqual({});
    expectKibanaHeaders(last, 'write');
    expectJsonBody(last, 'deleteAgentConfiguration', { service: { name: 'frontend', environment: 'production' } });
    expect(result.result).toBe('deleted');
    expect(result._id).toBe('CIaqXXABmQCdPphWj8EJ');
    expect(result._shards).toEqual({ total: 1, successful: 1, failed: 0 });
  });

  it('delete() honours { space } per call', async () => {
    const r = recordingClient();
    await r.kibana.apm.agentConfiguration.delete({ service: {} }, { space: 'ops' });
    expect(r.last.path).toBe('/s/ops/api/apm/settings/agent-configuration');
    expect(r.last.body).toEqual({ service: {} });
  });

  it('search() POSTs the lookup and answers the hit', async () => {
    const r = recordingClient();
    r.reply({ body: responseExample('searchAgentConfiguration') });
    const body = requestExample('searchAgentConfiguration') as Parameters<
      typeof r.kibana.apm.agentConfiguration.search
    >[0];
    const result = await r.kibana.apm.agentConfiguration.search(body);
    const { last } = r;
    expect(last.method).toBe('POST');
    expect(last.path).toBe('/api/apm/settings/agent-configuration/search');
    expect(queryOf(last)).toEqual({});
    expectKibanaHeaders(last, 'write');
    expectJsonBody(last, 'searchAgentConfiguration', {
      etag: '0bc3b5ebf18fba8163fe4c96f491e3767a358f85',
      mark_as_applied_by_agent: true,
      service: { environment: 'prod', name: 'node' },
    });
    expect(result._score).toBe(42);
    expect(result._source?.service).toEqual({ environment: 'prod', name: 'node' });
    expect(result._source?.applied_by_agent).toBe(true);
  });

  it('search() answers {} when no configuration applies, under a space prefix', async () => {
    const r = recordingClient();
    r.reply({ body: responseExample('searchAgentConfiguration', 200, 'noConfiguration') });
    const result = await r.kibana.space('ops').apm.agentConfiguration.search({ service: { name: 'nothing' } });
    expect(r.last.path).toBe('/s/ops/api/apm/settings/agent-configuration/search');
    expect(result).toEqual({});
  });

  it('agentName() GETs agent_name with serviceName in the query', async () => {
    const r = recordingClient();
    r.reply({ body: responseExample('getAgentNameForService') });
    const result = await r.kibana.apm.agentConfiguration.agentName('my service/1');
    const { last } = r;
    expect(last.method).toBe('GET');
    expect(last.path).toBe('/api/apm/settings/agent-configuration/agent_name');
    expect(queryOf(last)).toEqual({ serviceName: 'my service/1' });
    expectKibanaHeaders(last, 'read');
    expectNoBody(last);
    expect(result.agentName).toBe('nodejs');
  });

  it('agentName() honours { space } per call', async () => {
    const r = recordingClient();
    await r.kibana.apm.agentConfiguration.agentName('node', { space: 'ops' });
    expect(r.last.path).toBe('/s/ops/api/apm/settings/agent-configuration/agent_name');
  });

  it('environments() GETs environments, with serviceName when given', async () => {
    const r = recordingClient();
    r.reply({ body: responseExample('getEnvironmentsForService') });
    const result = await r.kibana.apm.agentConfiguration.environments({ serviceName: 'frontend' });
    const { last } = r;
    expect(last.method).toBe('GET');
    expect(last.path).toBe('/api/apm/settings/agent-configuration/environments');
    expect(queryOf(last)).toEqual({ serviceName: 'frontend' });
    expectKibanaHeaders(last, 'read');
    expectNoBody(last);
    expect(result.environments).toEqual([{ alreadyConfigured: true, name: 'ALL_OPTION_VALUE' }]);
  });

  it('environments() without a query lists every service, under a space prefix', async () => {
    const r = recordingClient();
    r.reply({ body: { environments: [] } });
    await r.kibana.space('ops').apm.agentConfiguration.environments();
    expect(r.last.path).toBe('/s/ops/api/apm/settings/agent-configuration/environments');
    expect(r.last.query.toString()).toBe('');
  });
});

describe('kibana.apm.agentKeys', () => {
  it('create() POSTs the key request and answers the key', async () => {
    const r = recordingClient();
    r.reply({ body: responseExample('createAgentKey', 200, 'created') });
    const body = requestExample('createAgentKey', 'ingestAndConfig') as Parameters<
      typeof r.kibana.apm.agentKeys.create
    >[0];
    const result = await r.kibana.apm.agentKeys.create(body);
    const { last } = r;
    expect(last.method).toBe('POST');
    expect(last.path).toBe('/api/apm/agent_keys');
    expect(queryOf(last)).toEqual({});
    expectKibanaHeaders(last, 'write');
    expectJsonBody(last, 'createAgentKey', { name: 'apm-key', privileges: ['event:write', 'config_agent:read'] });
    expect(result.agentKey.id).toBe('3DCLmn0B3ZMhLUa7WBG9');
    expect(result.agentKey.encoded).toBe('M0RDTG1uMEIzWk1oTFVhN1dCRzk6UGpHbG9DR09UemFacjhpbFVQdmtqQQ==');
    expect(result.agentKey.expiration).toBeUndefined();
  });

  it('create() goes under a space prefix', async () => {
    const r = recordingClient();
    r.reply({ body: responseExample('createAgentKey') });
    const result = await r.kibana.space('ops').apm.agentKeys.create({ name: 'k', privileges: ['event:write'] });
    expect(r.last.path).toBe('/s/ops/api/apm/agent_keys');
    expect(result.agentKey.expiration).toBe(42);
  });
});

describe('kibana.apm.annotations', () => {
  it('create() POSTs the annotation under the encoded service name', async () => {
    const r = recordingClient();
    r.reply({ body: responseExample('createAnnotation', 200, 'deployment') });
    const body = requestExample('createAnnotation', 'deployment') as Parameters<
      typeof r.kibana.apm.annotations.create
    >[1];
    const result = await r.kibana.apm.annotations.create('opbeans java', body);
    const { last } = r;
    expect(last.method).toBe('POST');
    expect(last.path).toBe('/api/apm/services/opbeans%20java/annotation');
    expect(queryOf(last)).toEqual({});
    expectKibanaHeaders(last, 'write');
    expectJsonBody(last, 'createAnnotation', {
      '@timestamp': '2020-05-08T10:31:30.452Z',
      service: { version: '1.2' },
      message: 'Deployment 1.2',
    });
    expect(result._id).toBe('Lc9I93EBh6DbmkeV7nFX');
    expect(result._source.annotation.type).toBe('deployment');
    expect(result._source.tags).toEqual(['apm']);
    expect(result._source.service.name).toBe('opbeans-java');
  });

  it('create() goes under a space prefix', async () => {
    const r = recordingClient();
    await r.kibana
      .space('ops')
      .apm.annotations.create('opbeans-java', { '@timestamp': '2024-01-01T00:00:00.000Z', service: { version: '2' } });
    expect(r.last.path).toBe('/s/ops/api/apm/services/opbeans-java/annotation');
  });

  it('search() GETs annotation/search with the time range', async () => {
    const r = recordingClient();
    r.reply({ body: responseExample('searchAnnotations') });
    const result = await r.kibana.apm.annotations.search('opbeans-java', {
      environment: 'ENVIRONMENT_ALL',
      start: '2024-10-01T00:00:00.000Z',
      end: '2024-10-02T00:00:00.000Z',
    });
    const { last } = r;
    expect(last.method).toBe('GET');
    expect(last.path).toBe('/api/apm/services/opbeans-java/annotation/search');
    expect(queryOf(last)).toEqual({
      environment: 'ENVIRONMENT_ALL',
      start: '2024-10-01T00:00:00.000Z',
      end: '2024-10-02T00:00:00.000Z',
    });
    expectKibanaHeaders(last, 'read');
    expectNoBody(last);
    expect(result.annotations).toEqual([{ '@timestamp': 42, id: 'string', text: 'string', type: 'version' }]);
  });

  it('search() without a query, with { space } per call', async () => {
    const r = recordingClient();
    r.reply({ body: { annotations: [] } });
    const result = await r.kibana.apm.annotations.search('opbeans-java', undefined, { space: 'ops' });
    expect(r.last.path).toBe('/s/ops/api/apm/services/opbeans-java/annotation/search');
    expect(r.last.query.toString()).toBe('');
    expect(result.annotations).toEqual([]);
  });
});

describe('kibana.apm.serverSchema', () => {
  it('save() POSTs the schema and resolves to nothing', async () => {
    const r = recordingClient();
    r.reply({ body: responseExample('saveApmServerSchema') });
    const body = requestExample('saveApmServerSchema') as Parameters<typeof r.kibana.apm.serverSchema.save>[0];
    const result = await r.kibana.apm.serverSchema.save(body);
    expect(result).toBeUndefined();
    const { last } = r;
    expect(last.method).toBe('POST');
    expect(last.path).toBe('/api/apm/fleet/apm_server_schema');
    expect(queryOf(last)).toEqual({});
    expectKibanaHeaders(last, 'write');
    expectJsonBody(last, 'saveApmServerSchema', { schema: { foo: 'bar' } });
  });

  it('save() goes under a space prefix', async () => {
    const r = recordingClient();
    await r.kibana.space('ops').apm.serverSchema.save({ schema: { 'apm-server.host': '0.0.0.0:8200' } });
    expect(r.last.path).toBe('/s/ops/api/apm/fleet/apm_server_schema');
    expect(r.last.body).toEqual({ schema: { 'apm-server.host': '0.0.0.0:8200' } });
  });
});

const SOURCE_MAP = {
  version: 3,
  file: 'static/js/main.chunk.js',
  sources: ['src/index.css', 'src/App.js'],
  sourcesContent: ['body {}', null],
  names: ['App'],
  mappings: 'AAAA,SAASA',
  sourceRoot: '',
};
const SOURCE_MAP_TEXT = JSON.stringify(SOURCE_MAP);

/** The form fields of a recorded upload, and how the form goes on the wire. */
async function uploadedForm(request: RecordedRequest) {
  expect(request.body).toBeInstanceOf(FormData);
  const form = request.body as FormData;
  const file = form.get('sourcemap');
  expect(file).toBeInstanceOf(File);
  const wire = new Response(form);
  return {
    names: [...form.keys()],
    fields: {
      service_name: form.get('service_name'),
      service_version: form.get('service_version'),
      bundle_filepath: form.get('bundle_filepath'),
    },
    file: file as File,
    content: await (file as File).text(),
    wireType: wire.headers.get('content-type') ?? '',
    wireText: await wire.text(),
  };
}

describe('kibana.apm.sourcemaps', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kibana-sdk-apm-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('list() GETs a page of source maps', async () => {
    const r = recordingClient();
    r.reply({ body: responseExample('getSourceMaps', 200, 'oneSourceMap') });
    const result = await r.kibana.apm.sourcemaps.list({ page: 2, perPage: 5 });
    const { last } = r;
    expect(last.method).toBe('GET');
    expect(last.path).toBe('/api/apm/sourcemaps');
    expect(last.query.toString()).toBe('page=2&perPage=5');
    expectKibanaHeaders(last, 'read');
    expectNoBody(last);
    expect(result.total).toBe(1);
    expect(result.artifacts[0]?.id).toBe(
      'apm:foo-1.0.0-644fd5a997d1ddd90ee131ba18e2b3d03931d89dd1fe4599143c0b3264b3e456',
    );
    expect(result.artifacts[0]?.body.bundleFilepath).toBe('/test/e2e/general-usecase/bundle.js');
    expect(result.artifacts[0]?.body.sourceMap.sourcesContent).toEqual(['content', null]);
  });

  it('iterate() pages through every source map, 100 per page, and stops at total', async () => {
    const r = recordingClient();
    const example = responseExample('getSourceMaps', 200, 'oneSourceMap') as { artifacts: Array<{ id: string }> };
    const artifact = example.artifacts[0]!;
    r.reply((request) => {
      const page = Number(request.query.get('page'));
      const count = page < 3 ? 100 : 50;
      return {
        body: {
          total: 250,
          artifacts: Array.from({ length: count }, (_, i) => ({ ...artifact, id: `map-${page}-${i}` })),
        },
      };
    });
    const ids: string[] = [];
    for await (const map of r.kibana.apm.sourcemaps.iterate()) ids.push(map.id);
    expect(ids).toHaveLength(250);
    expect(ids[100]).toBe('map-2-0');
    expect(r.requests.map((request) => request.query.toString())).toEqual([
      'page=1&perPage=100',
      'page=2&perPage=100',
      'page=3&perPage=100',
    ]);
  });

  it('iterate() without total (older Kibana) ends at an empty page', async () => {
    const r = recordingClient();
    r.reply((request) => ({
      body: { artifacts: request.query.get('page') === '1' ? [{ id: 'a' }, { id: 'b' }] : [] },
    }));
    const ids: string[] = [];
    for await (const map of r.kibana.apm.sourcemaps.iterate({ perPage: 2 })) ids.push(map.id);
    expect(ids).toEqual(['a', 'b']);
    expect(r.requests).toHaveLength(2);
  });

  it('iterate() refuses a start past the result window before any request', () => {
    const r = recordingClient();
    expect(() => r.kibana.apm.sourcemaps.iterate({ page: 101, perPage: 100 })).toThrow(ArgumentError);
    expect(r.requests).toHaveLength(0);
  });

  it('list() without a query, under a space prefix', async () => {
    const r = recordingClient();
    r.reply({ body: { artifacts: [] } });
    const result = await r.kibana.space('ops').apm.sourcemaps.list();
    expect(r.last.path).toBe('/s/ops/api/apm/sourcemaps');
    expect(r.last.query.toString()).toBe('');
    expect(result.artifacts).toEqual([]);
  });

  it('upload() POSTs multipart/form-data with the three fields and the file, and answers the artifact', async () => {
    const r = recordingClient();
    r.reply({ body: responseExample('uploadSourceMap', 200, 'uploaded') });
    const result = await r.kibana.apm.sourcemaps.upload({
      serviceName: 'foo',
      serviceVersion: '1.0.0',
      bundleFilepath: '/static/js/main.chunk.js',
      sourcemap: SOURCE_MAP_TEXT,
    });
    const { last } = r;
    expect(last.method).toBe('POST');
    expect(last.path).toBe('/api/apm/sourcemaps');
    expect(queryOf(last)).toEqual({});
    expectKibanaHeaders(last, 'write');
    // No content-type of the SDK's own: fetch writes multipart/form-data with the boundary it chose.
    expect(last.headers).not.toHaveProperty('content-type');
    const form = await uploadedForm(last);
    expect(form.names).toEqual(['service_name', 'service_version', 'bundle_filepath', 'sourcemap']);
    expect(form.fields).toEqual({
      service_name: 'foo',
      service_version: '1.0.0',
      bundle_filepath: '/static/js/main.chunk.js',
    });
    expect(form.file.name).toBe('main.chunk.js.map');
    expect(form.file.type).toBe('application/json');
    expect(form.content).toBe(SOURCE_MAP_TEXT);
    expect(form.wireType).toMatch(/^multipart\/form-data; boundary=/);
    expect(form.wireText).toContain(
      `Content-Disposition: form-data; name="sourcemap"; filename="main.chunk.js.map"\r\nContent-Type: application/json\r\n\r\n${SOURCE_MAP_TEXT}`,
    );
    expect(form.wireText).toContain('Content-Disposition: form-data; name="service_name"\r\n\r\nfoo\r\n');
    expect(result.identifier).toBe('foo-1.0.0');
    expect(result.compressionAlgorithm).toBe('zlib');
    expect(result.body).toBe('eJyFkkFvwjAMhf9KlTNoTRlj6m2ncdm0w24TQmkwbaQ0iRwXDVX973PasgEDjVMiP7/4++zkw0VyJQ==');
    expect(validateResponse('uploadSourceMap', 200, result)).toEqual([]);
  });

  it('upload() sends Uint8Array bytes as they are', async () => {
    const r = recordingClient();
    const bytes = new TextEncoder().encode(SOURCE_MAP_TEXT);
    await r.kibana.apm.sourcemaps.upload({
      serviceName: 'foo',
      serviceVersion: '1.0.0',
      bundleFilepath: 'https://cdn.example.com/js/app.min.js?v=7#x',
      sourcemap: bytes,
    });
    const form = await uploadedForm(r.last);
    expect(form.fields.bundle_filepath).toBe('https://cdn.example.com/js/app.min.js?v=7#x');
    expect(form.file.name).toBe('app.min.js.map');
    expect(form.file.type).toBe('application/json');
    expect(new Uint8Array(await form.file.arrayBuffer())).toEqual(bytes);
  });

  it('upload() turns a source map object into its JSON text', async () => {
    const r = recordingClient();
    await r.kibana.apm.sourcemaps.upload({
      serviceName: 'foo',
      serviceVersion: '1.0.0',
      bundleFilepath: '/bundle.js',
      sourcemap: SOURCE_MAP,
    });
    const form = await uploadedForm(r.last);
    expect(form.file.name).toBe('bundle.js.map');
    expect(form.file.type).toBe('application/json');
    expect(form.content).toBe(SOURCE_MAP_TEXT);
    expect(JSON.parse(form.content)).toEqual(SOURCE_MAP);
  });

  it('upload() reads a Node Readable stream', async () => {
    const r = recordingClient();
    const half = Math.floor(SOURCE_MAP_TEXT.length / 2);
    const stream = Readable.from([
      Buffer.from(SOURCE_MAP_TEXT.slice(0, half)),
      Buffer.from(SOURCE_MAP_TEXT.slice(half)),
    ]);
    await r.kibana.apm.sourcemaps.upload({
      serviceName: 'foo',
      serviceVersion: '1.0.0',
      bundleFilepath: '/static/js/main.chunk.js',
      sourcemap: stream,
    });
    const form = await uploadedForm(r.last);
    expect(form.fields).toEqual({
      service_name: 'foo',
      service_version: '1.0.0',
      bundle_filepath: '/static/js/main.chunk.js',
    });
    expect(form.file.name).toBe('main.chunk.js.map');
    expect(form.file.type).toBe('application/json');
    expect(form.content).toBe(SOURCE_MAP_TEXT);
  });

  it('upload() reads { path } from disk', async () => {
    const r = recordingClient();
    const path = join(dir, 'main.chunk.js.map');
    await writeFile(path, SOURCE_MAP_TEXT);
    await r.kibana.apm.sourcemaps.upload({
      serviceName: 'foo',
      serviceVersion: '2.0.0',
      bundleFilepath: '/static/js/main.chunk.js',
      sourcemap: { path },
    });
    const form = await uploadedForm(r.last);
    expect(form.fields.service_version).toBe('2.0.0');
    expect(form.file.name).toBe('main.chunk.js.map');
    expect(form.file.type).toBe('application/json');
    expect(form.content).toBe(SOURCE_MAP_TEXT);
  });

  it('upload() labels a Blob of another type as JSON, and names the file sourcemap.json without a bundle basename', async () => {
    const r = recordingClient();
    await r.kibana.apm.sourcemaps.upload({
      serviceName: 'foo',
      serviceVersion: '1.0.0',
      bundleFilepath: '/static/',
      sourcemap: new Blob([SOURCE_MAP_TEXT], { type: 'text/plain' }),
    });
    const form = await uploadedForm(r.last);
    expect(form.file.name).toBe('sourcemap.json');
    expect(form.file.type).toBe('application/json');
    expect(form.content).toBe(SOURCE_MAP_TEXT);
  });

  it('upload() goes under a space prefix, per client and per call', async () => {
    const r = recordingClient();
    const upload = { serviceName: 'foo', serviceVersion: '1.0.0', bundleFilepath: '/b.js', sourcemap: SOURCE_MAP };
    await r.kibana.space('ops').apm.sourcemaps.upload(upload);
    await r.kibana.apm.sourcemaps.upload(upload, { space: 'dev' });
    expect(r.requests.map((request) => request.path)).toEqual([
      '/s/ops/api/apm/sourcemaps',
      '/s/dev/api/apm/sourcemaps',
    ]);
  });

  it('upload() of a stream answered 503 is sent once, even with retryNonIdempotent', async () => {
    const r = recordingClient({ maxRetries: 2, retry: { initialDelay: 1, maxDelay: 1 } });
    r.reply({ status: 503, body: { statusCode: 503, error: 'Service Unavailable', message: 'Kibana is starting' } });
    const upload = r.kibana.apm.sourcemaps.upload(
      {
        serviceName: 'foo',
        serviceVersion: '1.0.0',
        bundleFilepath: '/b.js',
        sourcemap: Readable.from([Buffer.from(SOURCE_MAP_TEXT)]),
      },
      { retryNonIdempotent: true },
    );
    await expect(upload).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(r.requests).toHaveLength(1);
  });

  it('upload() of a web ReadableStream answered 503 is sent once too', async () => {
    const r = recordingClient({ maxRetries: 2, retry: { initialDelay: 1, maxDelay: 1 } });
    r.reply({ status: 503, body: { statusCode: 503, error: 'Service Unavailable', message: 'Kibana is starting' } });
    const stream = new Blob([SOURCE_MAP_TEXT]).stream();
    await expect(
      r.kibana.apm.sourcemaps.upload(
        { serviceName: 'foo', serviceVersion: '1.0.0', bundleFilepath: '/b.js', sourcemap: stream },
        { retryNonIdempotent: true },
      ),
    ).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(r.requests).toHaveLength(1);
  });

  it('upload() of a Blob is retried after 503 with retryNonIdempotent, sending the same form each time', async () => {
    const r = recordingClient({ maxRetries: 2, retry: { initialDelay: 1, maxDelay: 1 } });
    r.reply((request) =>
      r.requests.indexOf(request) < 2
        ? { status: 503, body: { statusCode: 503, error: 'Service Unavailable', message: 'Kibana is starting' } }
        : { body: responseExample('uploadSourceMap', 200, 'uploaded') },
    );
    const result = await r.kibana.apm.sourcemaps.upload(
      {
        serviceName: 'foo',
        serviceVersion: '1.0.0',
        bundleFilepath: '/b.js',
        sourcemap: new Blob([SOURCE_MAP_TEXT], { type: 'application/json' }),
      },
      { retryNonIdempotent: true },
    );
    expect(r.requests).toHaveLength(3);
    for (const request of r.requests) {
      const form = await uploadedForm(request);
      expect(form.fields).toEqual({ service_name: 'foo', service_version: '1.0.0', bundle_filepath: '/b.js' });
      expect(form.content).toBe(SOURCE_MAP_TEXT);
    }
    expect(result.identifier).toBe('foo-1.0.0');
  });

  it('upload() of a Blob is not retried without retryNonIdempotent', async () => {
    const r = recordingClient({ maxRetries: 2, retry: { initialDelay: 1, maxDelay: 1 } });
    r.reply({ status: 503, body: { statusCode: 503, error: 'Service Unavailable', message: 'Kibana is starting' } });
    await expect(
      r.kibana.apm.sourcemaps.upload({
        serviceName: 'foo',
        serviceVersion: '1.0.0',
        bundleFilepath: '/b.js',
        sourcemap: new Blob([SOURCE_MAP_TEXT]),
      }),
    ).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(r.requests).toHaveLength(1);
  });

  it('delete() sends DELETE with the encoded artifact id and resolves to nothing', async () => {
    const r = recordingClient();
    r.reply({ body: responseExample('deleteSourceMap') });
    const result = await r.kibana.apm.sourcemaps.delete(
      'apm:foo-1.0.0-644fd5a997d1ddd90ee131ba18e2b3d03931d89dd1fe4599143c0b3264b3e456',
    );
    expect(result).toBeUndefined();
    const { last } = r;
    expect(last.method).toBe('DELETE');
    expect(last.path).toBe(
      '/api/apm/sourcemaps/apm%3Afoo-1.0.0-644fd5a997d1ddd90ee131ba18e2b3d03931d89dd1fe4599143c0b3264b3e456',
    );
    expect(queryOf(last)).toEqual({});
    expectKibanaHeaders(last, 'write');
    expectNoBody(last);
  });

  it('delete() goes under a space prefix', async () => {
    const r = recordingClient();
    await r.kibana.space('ops').apm.sourcemaps.delete('apm:foo-1');
    expect(r.last.path).toBe('/s/ops/api/apm/sourcemaps/apm%3Afoo-1');
  });
});

describe('kibana.apm argument errors', () => {
  const upload = { serviceName: 'foo', serviceVersion: '1.0.0', bundleFilepath: '/b.js', sourcemap: SOURCE_MAP_TEXT };

  /** Runs a call that must fail before sending anything, and returns the argument it blamed. */
  async function rejectedArgument(
    call: (kibana: ReturnType<typeof recordingClient>['kibana']) => Promise<unknown>,
  ): Promise<string> {
    const r = recordingClient();
    const error: unknown = await call(r.kibana).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(ArgumentError);
    expect(r.requests.length).toBe(0);
    return (error as ArgumentError).argument;
  }

  it('refuses a missing or empty serviceName for agentName()', async () => {
    expect(await rejectedArgument((k) => k.apm.agentConfiguration.agentName(''))).toBe('serviceName');
    expect(await rejectedArgument((k) => k.apm.agentConfiguration.agentName(undefined as unknown as string))).toBe(
      'serviceName',
    );
  });

  it('refuses a missing or empty serviceName for annotations', async () => {
    expect(
      await rejectedArgument((k) => k.apm.annotations.create('', { '@timestamp': 't', service: { version: '1' } })),
    ).toBe('serviceName');
    expect(await rejectedArgument((k) => k.apm.annotations.search(undefined as unknown as string))).toBe('serviceName');
  });

  it('refuses a missing or empty source map id', async () => {
    expect(await rejectedArgument((k) => k.apm.sourcemaps.delete(''))).toBe('id');
    expect(await rejectedArgument((k) => k.apm.sourcemaps.delete(undefined as unknown as string))).toBe('id');
  });

  it('refuses bodies that are not objects', async () => {
    expect(await rejectedArgument((k) => k.apm.agentConfiguration.save(undefined as never))).toBe('body');
    expect(await rejectedArgument((k) => k.apm.agentConfiguration.delete(null as never))).toBe('body');
    expect(await rejectedArgument((k) => k.apm.agentConfiguration.search([] as never))).toBe('body');
    expect(await rejectedArgument((k) => k.apm.agentKeys.create('key' as never))).toBe('body');
    expect(await rejectedArgument((k) => k.apm.annotations.create('svc', undefined as never))).toBe('body');
    expect(await rejectedArgument((k) => k.apm.serverSchema.save(undefined as never))).toBe('body');
  });

  it('refuses queries that are not objects', async () => {
    expect(
      await rejectedArgument((k) => k.apm.agentConfiguration.save({ service: {}, settings: {} }, 'overwrite' as never)),
    ).toBe('query');
    expect(await rejectedArgument((k) => k.apm.agentConfiguration.get('frontend' as never))).toBe('query');
    expect(await rejectedArgument((k) => k.apm.sourcemaps.list(3 as never))).toBe('query');
  });

  it('refuses an upload without its fields or its source map', async () => {
    expect(await rejectedArgument((k) => k.apm.sourcemaps.upload(undefined as never))).toBe('upload');
    expect(await rejectedArgument((k) => k.apm.sourcemaps.upload({ ...upload, serviceName: '' }))).toBe(
      'upload.serviceName',
    );
    expect(
      await rejectedArgument((k) =>
        k.apm.sourcemaps.upload({ ...upload, serviceVersion: undefined as unknown as string }),
      ),
    ).toBe('upload.serviceVersion');
    expect(await rejectedArgument((k) => k.apm.sourcemaps.upload({ ...upload, bundleFilepath: '' }))).toBe(
      'upload.bundleFilepath',
    );
    expect(await rejectedArgument((k) => k.apm.sourcemaps.upload({ ...upload, sourcemap: undefined as never }))).toBe(
      'upload.sourcemap',
    );
    expect(
      await rejectedArgument((k) => k.apm.sourcemaps.upload({ ...upload, sourcemap: { unrelated: true } as never })),
    ).toBe('upload.sourcemap');
    expect(
      await rejectedArgument((k) =>
        k.apm.sourcemaps.upload({ ...upload, sourcemap: { path: join(tmpdir(), 'kibana-sdk-no-such-file.map') } }),
      ),
    ).toBe('upload.sourcemap.path');
  });

  it('refuses a source map object that cannot become JSON', async () => {
    const cyclic: Record<string, unknown> = { version: 3, sources: [], mappings: '' };
    cyclic.self = cyclic;
    expect(await rejectedArgument((k) => k.apm.sourcemaps.upload({ ...upload, sourcemap: cyclic as never }))).toBe(
      'upload.sourcemap',
    );
  });
});
