// Type-level tests of kibana.connectors. Vitest type-checks this file (nothing here runs): an
// assertion fails by not compiling, or by a `@ts-expect-error` that finds no error.
import { describe, expectTypeOf, it } from 'vitest';
import type { Connector, KibanaClient, Schemas } from '../../src/index.node.js';

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
