// Type-level tests of kibana.connectors. Vitest type-checks this file (nothing here runs): an
// assertion fails by not compiling, or by a `@ts-expect-error` that finds no error.
import { describe, expectTypeOf, it } from 'vitest';
import type {
  Connector,
  ConnectorTypeId,
  CreateConnectorBody,
  CreateWebhookConnector,
  KibanaClient,
  RunConnectorBody,
  RunIndexParams,
  Schemas,
  UpdateConnectorBody,
  UpdateWebhookConnector,
} from '../../src/index.node.js';

declare const kibana: KibanaClient;

describe('connectors.create', () => {
  it('requires name and connector_type_id', () => {
    expectTypeOf(
      kibana.connectors.create({ name: 'log', connector_type_id: '.server-log' }),
    ).resolves.toEqualTypeOf<Connector>();
    // @ts-expect-error name is required
    void kibana.connectors.create({ connector_type_id: '.server-log' });
    // @ts-expect-error connector_type_id is required
    void kibana.connectors.create({ name: 'log' });
  });

  it('types the Bedrock secrets and leaves other types open', () => {
    void kibana.connectors.create({
      name: 'b',
      connector_type_id: '.bedrock',
      config: { apiUrl: 'https://x' },
      secrets: { accessKey: 'a', secret: 's' },
    });
    void kibana.connectors.create({
      name: 'i',
      connector_type_id: '.index',
      config: { index: 'test-index', refresh: true },
    });
    // @ts-expect-error the connector type is a string
    void kibana.connectors.create({ name: 'log', connector_type_id: 7 });
  });

  it('takes the id as an option, next to the call options', () => {
    void kibana.connectors.create({ name: 'log', connector_type_id: '.server-log' }, { id: 'ops-log', space: 'ops' });
    // @ts-expect-error the id is a string
    void kibana.connectors.create({ name: 'log', connector_type_id: '.server-log' }, { id: true });
    // @ts-expect-error not a call option
    void kibana.connectors.create({ name: 'log', connector_type_id: '.server-log' }, { connectorId: 'x' });
  });
});

describe('connectors.update and connectors.run', () => {
  it('update requires name and cannot change the type', () => {
    expectTypeOf(kibana.connectors.update('c1', { name: 'renamed' })).resolves.toEqualTypeOf<Connector>();
    // @ts-expect-error name is required
    void kibana.connectors.update('c1', { config: {} });
    // @ts-expect-error the connector type cannot change
    void kibana.connectors.update('c1', { name: 'n', connector_type_id: '.email' });
    // @ts-expect-error the id comes first
    void kibana.connectors.update({ name: 'n' });
  });

  it('run requires params and answers ok or error', () => {
    expectTypeOf(kibana.connectors.run('c1', { params: { documents: [{ a: 1 }] } })).resolves.toEqualTypeOf<
      Schemas['ConnectorExecuteResult']
    >();
    expectTypeOf<Schemas['ConnectorExecuteResult']['status']>().toEqualTypeOf<'ok' | 'error'>();
    expectTypeOf<Schemas['ConnectorExecuteResult']['connector_id']>().toBeString();
    // @ts-expect-error params is required
    void kibana.connectors.run('c1', {});
    // @ts-expect-error params is an object
    void kibana.connectors.run('c1', { params: 'hello' });
  });
});

describe('connector reads', () => {
  it('get carries the documented fields', () => {
    type Connector = Awaited<ReturnType<KibanaClient['connectors']['get']>>;
    expectTypeOf<Connector['id']>().toBeString();
    expectTypeOf<Connector['connector_type_id']>().toBeString();
    expectTypeOf<Connector['is_preconfigured']>().toBeBoolean();
    expectTypeOf<Connector['is_missing_secrets']>().toEqualTypeOf<boolean | undefined>();
    // Secrets are never returned.
    expectTypeOf<Connector>().not.toHaveProperty('secrets');
  });

  it('list has reference counts; types enforce the license enum and take feature_id', () => {
    type Listed = Awaited<ReturnType<KibanaClient['connectors']['list']>>[number];
    expectTypeOf<Listed['referenced_by_count']>().toBeNumber();
    expectTypeOf<Listed['name']>().toBeString();
    type ConnectorType = Awaited<ReturnType<KibanaClient['connectors']['types']>>[number];
    expectTypeOf<ConnectorType['minimum_license_required']>().toEqualTypeOf<
      'basic' | 'standard' | 'gold' | 'platinum' | 'enterprise' | 'trial'
    >();
    expectTypeOf<ConnectorType['supported_feature_ids']>().toEqualTypeOf<string[]>();
    void kibana.connectors.types({ feature_id: 'cases' });
    // @ts-expect-error feature_id is a string
    void kibana.connectors.types({ feature_id: ['cases'] });
    // @ts-expect-error not a connector_types parameter
    void kibana.connectors.types({ featureId: 'cases' });
  });

  it('delete resolves to void and needs the id', () => {
    expectTypeOf(kibana.connectors.delete('c1')).resolves.toBeVoid();
    // @ts-expect-error the connector id is required
    void kibana.connectors.delete();
    // @ts-expect-error the connector id is required
    void kibana.connectors.get();
  });
});

describe('connector bodies typed by the connector type', () => {
  it('create infers the type from connector_type_id and takes that type’s config and secrets', () => {
    expectTypeOf(
      kibana.connectors.create({
        name: 'hook',
        connector_type_id: '.webhook',
        config: { url: 'https://hooks.example.com', method: 'post', hasAuth: true },
        secrets: { user: 'u', password: 'p' },
      }),
    ).resolves.toEqualTypeOf<Connector>();
    // @ts-expect-error a webhook is sent with post or put
    void kibana.connectors.create({ name: 'hook', connector_type_id: '.webhook', config: { method: 'get' } });
    // @ts-expect-error index belongs to the .index type, not to a webhook
    void kibana.connectors.create({ name: 'hook', connector_type_id: '.webhook', config: { index: 'logs' } });
    void kibana.connectors.create({
      name: 'jira',
      connector_type_id: '.jira',
      config: { apiUrl: 'https://jira.example.com', projectKey: 'OPS' },
      // @ts-expect-error Jira needs the account email next to the token
      secrets: { apiToken: 't' },
    });
    expectTypeOf<CreateConnectorBody<'.webhook'>>().toEqualTypeOf<CreateWebhookConnector>();
    expectTypeOf<ConnectorTypeId>().toEqualTypeOf<Schemas['ConnectorCreateRequest']['connector_type_id']>();
  });

  it('create takes a custom plugin’s connector type in the generic form, without a cast', () => {
    void kibana.connectors.create({
      name: 'pager',
      connector_type_id: '.my-plugin',
      config: { endpoint: 'https://pager.example.com', retries: 3 },
      secrets: { token: 't' },
    });
    void kibana.connectors.create({ name: 'bare', connector_type_id: '.my-plugin' });
    // @ts-expect-error the generic form still checks its own fields
    void kibana.connectors.create({ name: 'pager', connector_type_id: '.my-plugin', confg: {} });
    // @ts-expect-error config is an object
    void kibana.connectors.create({ name: 'pager', connector_type_id: '.my-plugin', config: 'x' });
    expectTypeOf<CreateConnectorBody<'.my-plugin'>['config']>().toEqualTypeOf<Schemas['ConnectorConfig'] | undefined>();
  });

  it('update takes the type as a type parameter; without it, the body of any type', () => {
    void kibana.connectors.update<'.webhook'>('c1', { name: 'hook', config: { method: 'put' } });
    // @ts-expect-error a webhook is sent with post or put
    void kibana.connectors.update<'.webhook'>('c1', { name: 'hook', config: { method: 'get' } });
    // @ts-expect-error index belongs to the .index type
    void kibana.connectors.update<'.webhook'>('c1', { name: 'hook', config: { index: 'logs' } });
    // @ts-expect-error the .index config needs its index
    void kibana.connectors.update<'.index'>('c1', { name: 'log', config: { refresh: true } });
    void kibana.connectors.update('c1', { name: 'any', config: { method: 'get', anything: 1 } });
    void kibana.connectors.update<'.my-plugin'>('c1', { name: 'pager', config: { endpoint: 'x' } });
    expectTypeOf<UpdateConnectorBody<'.webhook'>>().toEqualTypeOf<UpdateWebhookConnector>();
    expectTypeOf<UpdateConnectorBody>().toEqualTypeOf<Schemas['ConnectorUpdateRequest']>();
    expectTypeOf<UpdateConnectorBody<'.my-plugin'>>().toEqualTypeOf<Schemas['UpdateOtherConnector']>();
  });

  it('run takes the type’s params with the type parameter, any params without it', () => {
    expectTypeOf(
      kibana.connectors.run<'.index'>('c1', { params: { documents: [{ message: 'disk full' }] } }),
    ).resolves.toEqualTypeOf<Schemas['ConnectorExecuteResult']>();
    // @ts-expect-error the .index params are documents
    void kibana.connectors.run<'.index'>('c1', { params: { document: { message: 'x' } } });
    void kibana.connectors.run<'.server-log'>('c1', { params: { message: 'hi', level: 'warn' } });
    // @ts-expect-error the server log needs a message
    void kibana.connectors.run<'.server-log'>('c1', { params: { level: 'warn' } });
    void kibana.connectors.run('c1', { params: { anything: 1 } });
    void kibana.connectors.run<'.my-plugin'>('c1', { params: { anything: 1 } });
    expectTypeOf<RunConnectorBody<'.index'>>().toEqualTypeOf<{ params: RunIndexParams }>();
  });
});
