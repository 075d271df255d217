// Type-level tests of kibana.apm. Vitest type-checks this file (nothing runs): an assertion fails by not
// compiling, or by a `@ts-expect-error` that finds no error.
import { Readable } from 'node:stream';
import { describe, expectTypeOf, it } from 'vitest';
import type { FileInput, KibanaClient, KibanaPromise, Schemas } from '../../src/index.node.js';
import type {
  ApmAgentConfigurationApi,
  ApmAgentKeysApi,
  ApmAnnotationsApi,
  ApmServerSchemaApi,
  ApmSourceMapsApi,
  SourceMapUpload,
} from '../../src/resources/apm.js';

declare const kibana: KibanaClient;
const apm = kibana.apm;

describe('kibana.apm structure', () => {
  it('has one sub-API per area', () => {
    expectTypeOf(apm.agentConfiguration).toEqualTypeOf<ApmAgentConfigurationApi>();
    expectTypeOf(apm.agentKeys).toEqualTypeOf<ApmAgentKeysApi>();
    expectTypeOf(apm.annotations).toEqualTypeOf<ApmAnnotationsApi>();
    expectTypeOf(apm.serverSchema).toEqualTypeOf<ApmServerSchemaApi>();
    expectTypeOf(apm.sourcemaps).toEqualTypeOf<ApmSourceMapsApi>();
    expectTypeOf(kibana.space('ops').apm).toEqualTypeOf(apm);
  });
});

describe('apm.agentConfiguration', () => {
  it('save() requires service and settings, string settings, a boolean overwrite, and resolves to void', () => {
    expectTypeOf(
      apm.agentConfiguration.save(
        { service: { name: 'frontend' }, settings: { transaction_sample_rate: '0.4' } },
        { overwrite: true },
      ),
    ).toEqualTypeOf<KibanaPromise<void>>();
    // @ts-expect-error settings is required
    void apm.agentConfiguration.save({ service: { name: 'frontend' } });
    // @ts-expect-error service is required
    void apm.agentConfiguration.save({ settings: {} });
    // @ts-expect-error every setting value is a string
    void apm.agentConfiguration.save({ service: {}, settings: { transaction_sample_rate: 0.4 } });
    // @ts-expect-error overwrite is a boolean
    void apm.agentConfiguration.save({ service: {}, settings: {} }, { overwrite: 'yes' });
    // @ts-expect-error the query has no such parameter
    void apm.agentConfiguration.save({ service: {}, settings: {} }, { force: true });
  });

  it('list() answers the configurations with their documented fields', async () => {
    const { configurations } = await apm.agentConfiguration.list();
    const first = configurations[0]!;
    expectTypeOf(first.etag).toEqualTypeOf<string>();
    expectTypeOf(first['@timestamp']).toEqualTypeOf<number>();
    expectTypeOf(first.applied_by_agent).toEqualTypeOf<boolean | undefined>();
    expectTypeOf(first.settings).toEqualTypeOf<Schemas['ApmAgentConfigurationSettings']>();
    expectTypeOf(first.service.environment).toEqualTypeOf<string | undefined>();
    // @ts-expect-error list() takes no query, only call options
    void apm.agentConfiguration.list({ name: 'frontend' });
  });

  it('get() takes name and environment and answers the configuration with its id', async () => {
    const found = await apm.agentConfiguration.get({ name: 'frontend', environment: 'production' });
    expectTypeOf(found.id).toEqualTypeOf<string>();
    expectTypeOf(found.etag).toEqualTypeOf<string>();
    expectTypeOf(apm.agentConfiguration.get)
      .parameter(0)
      .toEqualTypeOf<{ name?: string; environment?: string } | undefined>();
    // @ts-expect-error the query has no serviceName
    void apm.agentConfiguration.get({ serviceName: 'frontend' });
  });

  it('delete() requires the service and answers the delete result', async () => {
    const deleted = await apm.agentConfiguration.delete({ service: { name: 'frontend', environment: 'production' } });
    expectTypeOf(deleted.result).toEqualTypeOf<string>();
    expectTypeOf(deleted._shards).toEqualTypeOf<{ total: number; successful: number; failed: number } | undefined>();
    // @ts-expect-error service is required
    void apm.agentConfiguration.delete({});
    // @ts-expect-error delete() takes the body, not a service name
    void apm.agentConfiguration.delete('frontend');
  });

  it('search() requires the service and answers a possibly empty hit', async () => {
    const hit = await apm.agentConfiguration.search({
      service: { name: 'node' },
      etag: 'abc',
      mark_as_applied_by_agent: true,
    });
    expectTypeOf(hit._source).toEqualTypeOf<Schemas['ApmAgentConfiguration'] | undefined>();
    expectTypeOf(hit._score).toEqualTypeOf<number | undefined>();
    // @ts-expect-error service is required
    void apm.agentConfiguration.search({ etag: 'abc' });
    // @ts-expect-error mark_as_applied_by_agent is a boolean
    void apm.agentConfiguration.search({ service: {}, mark_as_applied_by_agent: 'true' });
  });

  it('agentName() takes the service name and answers an optional agentName', async () => {
    const { agentName } = await apm.agentConfiguration.agentName('frontend');
    expectTypeOf(agentName).toEqualTypeOf<string | undefined>();
    // @ts-expect-error the service name is required
    void apm.agentConfiguration.agentName();
    // @ts-expect-error the service name is a string, not a query object
    void apm.agentConfiguration.agentName({ serviceName: 'frontend' });
  });

  it('environments() takes an optional serviceName and answers the environments', async () => {
    const { environments } = await apm.agentConfiguration.environments({ serviceName: 'frontend' });
    expectTypeOf(environments[0]!.alreadyConfigured).toEqualTypeOf<boolean>();
    expectTypeOf(environments[0]!.name).toEqualTypeOf<string>();
    expectTypeOf(apm.agentConfiguration.environments()).resolves.toEqualTypeOf<Schemas['ApmServiceEnvironmentList']>();
    // @ts-expect-error serviceName is a string
    void apm.agentConfiguration.environments({ serviceName: 1 });
  });
});

describe('apm.agentKeys', () => {
  it('create() requires name and known privileges, and answers the key', async () => {
    const { agentKey } = await apm.agentKeys.create({
      name: 'apm-key',
      privileges: ['event:write', 'config_agent:read'],
    });
    expectTypeOf(agentKey.encoded).toEqualTypeOf<string>();
    expectTypeOf(agentKey.api_key).toEqualTypeOf<string>();
    expectTypeOf(agentKey.expiration).toEqualTypeOf<number | undefined>();
    // @ts-expect-error privileges are event:write or config_agent:read
    void apm.agentKeys.create({ name: 'apm-key', privileges: ['event:read'] });
    // @ts-expect-error name is required
    void apm.agentKeys.create({ privileges: ['event:write'] });
    // @ts-expect-error privileges is required
    void apm.agentKeys.create({ name: 'apm-key' });
  });
});

describe('apm.annotations', () => {
  it('create() requires the service name, @timestamp and service.version', async () => {
    const created = await apm.annotations.create('opbeans-java', {
      '@timestamp': '2020-05-08T10:31:30.452Z',
      service: { version: '1.2' },
      tags: ['release'],
    });
    expectTypeOf(created._id).toEqualTypeOf<string>();
    expectTypeOf(created._source.annotation.type).toEqualTypeOf<string>();
    expectTypeOf(created._source.tags).toEqualTypeOf<string[]>();
    // @ts-expect-error service.version is required
    void apm.annotations.create('opbeans-java', { '@timestamp': '2020-05-08T10:31:30.452Z', service: {} });
    // @ts-expect-error @timestamp is required
    void apm.annotations.create('opbeans-java', { service: { version: '1.2' } });
    // @ts-expect-error the service name comes first
    void apm.annotations.create({ '@timestamp': 'now', service: { version: '1.2' } });
  });

  it('search() answers version annotations', async () => {
    const { annotations } = await apm.annotations.search('opbeans-java', {
      start: '2024-10-01T00:00:00.000Z',
      end: '2024-10-02T00:00:00.000Z',
      environment: 'ENVIRONMENT_ALL',
    });
    expectTypeOf(annotations[0]!.type).toEqualTypeOf<'version'>();
    expectTypeOf(annotations[0]!['@timestamp']).toEqualTypeOf<number>();
    // @ts-expect-error start is an ISO string, not a Date
    void apm.annotations.search('opbeans-java', { start: new Date() });
    // @ts-expect-error the service name is required
    void apm.annotations.search();
  });
});

describe('apm.serverSchema', () => {
  it('save() takes the schema object and resolves to void', () => {
    expectTypeOf(apm.serverSchema.save({ schema: { 'apm-server.host': '0.0.0.0:8200' } })).toEqualTypeOf<
      KibanaPromise<void>
    >();
    // @ts-expect-error the schema is an object
    void apm.serverSchema.save({ schema: 'apm-server.host: 0.0.0.0:8200' });
    // @ts-expect-error the body is required
    void apm.serverSchema.save();
  });
});

describe('apm.sourcemaps', () => {
  const fields = { serviceName: 'foo', serviceVersion: '1.0.0', bundleFilepath: '/static/js/main.chunk.js' };

  it('list() takes numeric paging and answers decoded source maps', async () => {
    const page = await apm.sourcemaps.list({ page: 1, perPage: 20 });
    expectTypeOf(page.total).toEqualTypeOf<number | undefined>();
    const artifact = page.artifacts[0]!;
    expectTypeOf(artifact.id).toEqualTypeOf<string>();
    expectTypeOf(artifact.body.bundleFilepath).toEqualTypeOf<string>();
    expectTypeOf(artifact.body.sourceMap.mappings).toEqualTypeOf<string>();
    // @ts-expect-error page is a number
    void apm.sourcemaps.list({ page: '2' });
  });

  it('upload() accepts every file form and a source map object', () => {
    void apm.sourcemaps.upload({ ...fields, sourcemap: '{"version":3}' });
    void apm.sourcemaps.upload({ ...fields, sourcemap: new Uint8Array() });
    void apm.sourcemaps.upload({ ...fields, sourcemap: new ArrayBuffer(0) });
    void apm.sourcemaps.upload({ ...fields, sourcemap: new Blob([]) });
    void apm.sourcemaps.upload({ ...fields, sourcemap: new File([], 'main.js.map') });
    void apm.sourcemaps.upload({ ...fields, sourcemap: new Blob([]).stream() });
    void apm.sourcemaps.upload({ ...fields, sourcemap: Readable.from([]) });
    void apm.sourcemaps.upload({ ...fields, sourcemap: { path: './main.js.map' } });
    void apm.sourcemaps.upload({ ...fields, sourcemap: { version: 3, sources: ['App.js'], mappings: 'AAAA' } });
    expectTypeOf<SourceMapUpload['sourcemap']>().toEqualTypeOf<FileInput | Schemas['ApmSourceMapContent']>();
  });

  it('upload() refuses other values and missing fields', () => {
    // @ts-expect-error a number is no source map
    void apm.sourcemaps.upload({ ...fields, sourcemap: 3 });
    // @ts-expect-error a source map object needs mappings
    void apm.sourcemaps.upload({ ...fields, sourcemap: { version: 3, sources: [] } });
    // @ts-expect-error serviceVersion is required
    void apm.sourcemaps.upload({ serviceName: 'foo', bundleFilepath: '/b.js', sourcemap: '{}' });
    void apm.sourcemaps.upload({
      // @ts-expect-error the multipart field names are not the argument's names
      service_name: 'foo',
      service_version: '1',
      bundle_filepath: '/b.js',
      sourcemap: '{}',
    });
  });

  it('upload() answers the artifact, with its compressed body', async () => {
    const uploaded = await apm.sourcemaps.upload(
      { ...fields, sourcemap: '{}' },
      { retryNonIdempotent: true, space: 'ops' },
    );
    expectTypeOf(uploaded.body).toEqualTypeOf<string>();
    expectTypeOf(uploaded.identifier).toEqualTypeOf<string>();
    expectTypeOf(uploaded.encodedSize).toEqualTypeOf<number>();
  });

  it('delete() takes the artifact id and resolves to void', () => {
    expectTypeOf(apm.sourcemaps.delete('apm:foo-1.0.0-abc')).toEqualTypeOf<KibanaPromise<void>>();
    // @ts-expect-error the id is a string
    void apm.sourcemaps.delete(7);
    // @ts-expect-error unknown call option
    void apm.sourcemaps.delete('apm:foo', { spaces: 'ops' });
  });
});
