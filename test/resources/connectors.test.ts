import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  type KibanaClient,
  NotFoundError,
  ServiceUnavailableError,
  type CallOptions,
  type OperationBody,
} from '../../src/index.node.js';
import {
  recordingClient,
  requestExample,
  responseExample,
  expectIdsRefused,
  expectRead,
  expectWrite,
} from '../helpers/recorder.js';
import { validateRequestBody } from '../spec/helpers.js';

const CONNECTOR_ID = 'df770e30-8b8b-11ed-a780-3b746c987a81';

const indexConnector = requestExample(
  'createConnector',
  'createIndexConnectorRequest',
) as OperationBody<'createConnector'>;

describe('connectors.get', () => {
  it('GETs /api/actions/connector/{id} and returns the connector', async () => {
    const recorder = recordingClient();
    recorder.reply({ body: responseExample('getConnector') });
    const connector = await recorder.kibana.connectors.get(CONNECTOR_ID);
    expectRead(recorder.last, `/api/actions/connector/${CONNECTOR_ID}`);
    expect(recorder.last.query.toString()).toBe('');
    expect(connector).toEqual(responseExample('getConnector'));
    expect(connector.connector_type_id).toBe('.server-log');
    expect(connector.is_missing_secrets).toBe(false);
  });

  it('encodes the id as one path segment', async () => {
    const recorder = recordingClient();
    await recorder.kibana.connectors.get('my connector/1');
    expect(recorder.last.path).toBe('/api/actions/connector/my%20connector%2F1');
  });

  it('throws NotFoundError on 404', async () => {
    const { kibana, reply } = recordingClient();
    reply({
      status: 404,
      body: { statusCode: 404, error: 'Not Found', message: 'Saved object [action/nope] not found' },
    });
    await expect(kibana.connectors.get('nope')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('connectors.create', () => {
  it('POSTs /api/actions/connector (generated id) when no id is given', async () => {
    const recorder = recordingClient();
    expect(validateRequestBody('createConnectorWithGeneratedId', indexConnector)).toEqual([]);
    recorder.reply({ body: responseExample('createConnectorWithGeneratedId') });
    const created = await recorder.kibana.connectors.create(indexConnector);
    expectWrite(recorder.last, 'POST', '/api/actions/connector', {
      name: 'my-connector',
      connector_type_id: '.index',
      config: { index: 'test-index' },
    });
    expect(created).toEqual(responseExample('createConnectorWithGeneratedId'));
    expect(created.id).toBe('c55b6eb0-6bad-11eb-9f3b-611eebc6c3ad');
    expect(created.config).toEqual({ index: 'test-index', refresh: false, executionTimeField: null });
  });

  it('POSTs /api/actions/connector/{id} when options.id is given, secrets included', async () => {
    const recorder = recordingClient();
    const bedrock = requestExample(
      'createConnector',
      'createBedrockConnectorRequest',
    ) as OperationBody<'createConnector'>;
    expect(validateRequestBody('createConnector', bedrock)).toEqual([]);
    recorder.reply({ body: responseExample('createConnector') });
    const created = await recorder.kibana.connectors.create(bedrock, { id: 'my-bedrock', requestTimeout: 5000 });
    expectWrite(recorder.last, 'POST', '/api/actions/connector/my-bedrock', bedrock);
    expect((recorder.last.body as { secrets: unknown }).secrets).toEqual({
      accessKey: 'AKIAIOSFODNN7EXAMPLE',
      secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    });
    expect(created.name).toBe('my-connector');
  });

  it('encodes options.id as one path segment', async () => {
    const recorder = recordingClient();
    await recorder.kibana.connectors.create(indexConnector, { id: 'a/b' });
    expect(recorder.last.path).toBe('/api/actions/connector/a%2Fb');
  });

  it('refuses an empty options.id and a missing body without sending', async () => {
    const { kibana, requests } = recordingClient();
    await expect(kibana.connectors.create(indexConnector, { id: '' })).rejects.toMatchObject({
      name: 'ArgumentError',
      argument: 'options.id',
    });
    await expect(kibana.connectors.create(indexConnector, { id: null as never })).rejects.toMatchObject({
      name: 'ArgumentError',
      argument: 'options.id',
    });
    await expect(kibana.connectors.create(undefined as never, { id: 'c1' })).rejects.toMatchObject({
      name: 'ArgumentError',
      argument: 'body',
    });
    await expect(kibana.connectors.create([] as never)).rejects.toMatchObject({
      name: 'ArgumentError',
      argument: 'body',
    });
    expect(requests).toHaveLength(0);
  });

  it('throws ConflictError when the chosen id is taken', async () => {
    const { kibana, reply } = recordingClient();
    reply({ status: 409, body: { statusCode: 409, error: 'Conflict', message: 'Saved object [action/c1] conflict' } });
    await expect(kibana.connectors.create(indexConnector, { id: 'c1' })).rejects.toBeInstanceOf(ConflictError);
  });
});

describe('connectors.update', () => {
  it('PUTs /api/actions/connector/{id} with the body and returns the connector', async () => {
    const recorder = recordingClient();
    const body = requestExample('updateConnector') as OperationBody<'updateConnector'>;
    expect(validateRequestBody('updateConnector', body)).toEqual([]);
    recorder.reply({ body: responseExample('updateConnector', 200, 'updateConnectorIndexResponse') });
    const updated = await recorder.kibana.connectors.update('c55b6eb0-6bad-11eb-9f3b-611eebc6c3ad', body);
    expectWrite(recorder.last, 'PUT', '/api/actions/connector/c55b6eb0-6bad-11eb-9f3b-611eebc6c3ad', {
      name: 'updated-connector',
      config: { index: 'updated-index' },
    });
    expect(updated).toEqual(responseExample('updateConnector', 200, 'updateConnectorIndexResponse'));
    expect(updated.name).toBe('updated-connector');
  });

  it('refuses a missing body without sending', async () => {
    const { kibana, requests } = recordingClient();
    await expect(kibana.connectors.update(CONNECTOR_ID, undefined as never)).rejects.toMatchObject({
      name: 'ArgumentError',
      argument: 'body',
    });
    expect(requests).toHaveLength(0);
  });
});

describe('connectors.delete', () => {
  it('DELETEs /api/actions/connector/{id} and resolves to undefined on 204', async () => {
    const recorder = recordingClient();
    recorder.reply({ status: 204 });
    await expect(recorder.kibana.connectors.delete(CONNECTOR_ID)).resolves.toBeUndefined();
    expectWrite(recorder.last, 'DELETE', `/api/actions/connector/${CONNECTOR_ID}`);
  });
});

describe('connectors.list', () => {
  it('GETs /api/actions/connectors and returns every connector with its reference count', async () => {
    const recorder = recordingClient();
    recorder.reply({ body: responseExample('getConnectors') });
    const connectors = await recorder.kibana.connectors.list();
    expectRead(recorder.last, '/api/actions/connectors');
    expect(recorder.last.query.toString()).toBe('');
    expect(connectors).toEqual(responseExample('getConnectors'));
    expect(connectors.map((c) => [c.id, c.referenced_by_count])).toEqual([
      ['preconfigured-email-connector', 0],
      ['e07d0c80-8b8b-11ed-a780-3b746c987a81', 2],
    ]);
  });
});

describe('connectors.types', () => {
  it('GETs /api/actions/connector_types without a query string by default', async () => {
    const recorder = recordingClient();
    recorder.reply({ body: responseExample('getConnectorTypes') });
    const types = await recorder.kibana.connectors.types();
    expectRead(recorder.last, '/api/actions/connector_types');
    expect(recorder.last.query.toString()).toBe('');
    expect(types).toEqual(responseExample('getConnectorTypes'));
    expect(types.map((t) => `${t.id}:${t.minimum_license_required}`)).toEqual(['.swimlane:gold', '.server-log:basic']);
  });

  it('sends feature_id', async () => {
    const recorder = recordingClient();
    recorder.reply({ body: [] });
    await recorder.kibana.connectors.types({ feature_id: 'cases' });
    expectRead(recorder.last, '/api/actions/connector_types');
    expect(recorder.last.query.toString()).toBe('feature_id=cases');
  });

  it('refuses a query that is not an object', async () => {
    const { kibana, requests } = recordingClient();
    await expect(kibana.connectors.types('cases' as never)).rejects.toMatchObject({
      name: 'ArgumentError',
      argument: 'query',
    });
    expect(requests).toHaveLength(0);
  });
});

describe('connectors.run', () => {
  it('POSTs /api/actions/connector/{id}/_execute with { params } and returns the outcome', async () => {
    const recorder = recordingClient();
    const body = requestExample('runConnector') as OperationBody<'runConnector'>;
    expect(validateRequestBody('runConnector', body)).toEqual([]);
    recorder.reply({ body: responseExample('runConnector') });
    const outcome = await recorder.kibana.connectors.run('fd38c600-96a5-11ed-bb79-353b74189cba', body);
    expectWrite(recorder.last, 'POST', '/api/actions/connector/fd38c600-96a5-11ed-bb79-353b74189cba/_execute', {
      params: { documents: [{ id: 'my_doc_id', name: 'my_doc_name', message: 'hello, world' }] },
    });
    expect(outcome).toEqual(responseExample('runConnector'));
    expect(outcome.status).toBe('ok');
    expect(outcome.connector_id).toBe('fd38c600-96a5-11ed-bb79-353b74189cba');
  });

  it('resolves (does not throw) when the connector reports status error', async () => {
    const { kibana, reply } = recordingClient();
    reply({
      body: {
        connector_id: 'c1',
        status: 'error',
        message: 'an error occurred while running the action',
        service_message: 'index_not_found',
      },
    });
    await expect(kibana.connectors.run('c1', { params: {} })).resolves.toMatchObject({
      status: 'error',
      service_message: 'index_not_found',
    });
  });

  it('is not retried on 503 unless retryNonIdempotent is set', async () => {
    const { kibana, requests, reply } = recordingClient({ maxRetries: 2, retry: { initialDelay: 1, maxDelay: 1 } });
    reply({ status: 503, body: { statusCode: 503, error: 'Service Unavailable', message: 'busy' } });
    await expect(kibana.connectors.run('c1', { params: {} })).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(requests).toHaveLength(1);
    await expect(kibana.connectors.run('c1', { params: {} }, { retryNonIdempotent: true })).rejects.toBeInstanceOf(
      ServiceUnavailableError,
    );
    expect(requests).toHaveLength(4);
  });

  it('refuses a missing body without sending', async () => {
    const { kibana, requests } = recordingClient();
    await expect(kibana.connectors.run('c1', undefined as never)).rejects.toMatchObject({
      name: 'ArgumentError',
      argument: 'body',
    });
    expect(requests).toHaveLength(0);
  });
});

describe('connectors in a space', () => {
  // Every method, once through kibana.space('ops') and once with { space: 'ops' } per call.
  const calls: [
    name: string,
    call: (k: KibanaClient, options?: CallOptions) => Promise<unknown>,
    method: string,
    path: string,
  ][] = [
    ['get', (k, o) => k.connectors.get('c1', o), 'GET', '/api/actions/connector/c1'],
    ['create', (k, o) => k.connectors.create(indexConnector, o), 'POST', '/api/actions/connector'],
    [
      'create with id',
      (k, o) => k.connectors.create(indexConnector, { ...o, id: 'c1' }),
      'POST',
      '/api/actions/connector/c1',
    ],
    ['update', (k, o) => k.connectors.update('c1', { name: 'n' }, o), 'PUT', '/api/actions/connector/c1'],
    ['delete', (k, o) => k.connectors.delete('c1', o), 'DELETE', '/api/actions/connector/c1'],
    ['list', (k, o) => k.connectors.list(o), 'GET', '/api/actions/connectors'],
    ['types', (k, o) => k.connectors.types({ feature_id: 'alerting' }, o), 'GET', '/api/actions/connector_types'],
    ['run', (k, o) => k.connectors.run('c1', { params: {} }, o), 'POST', '/api/actions/connector/c1/_execute'],
  ];

  it.each(calls)('%s goes to /s/ops through kibana.space and through options.space', async (_, call, method, path) => {
    const { kibana, requests } = recordingClient();
    await call(kibana.space('ops'));
    await call(kibana, { space: 'ops' });
    await call(kibana, { space: 'default' });
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `${method} /s/ops${path}`,
      `${method} /s/ops${path}`,
      `${method} ${path}`,
    ]);
  });
});

describe('connectors argument errors', () => {
  const calls: [name: string, call: (k: KibanaClient, id: string) => Promise<unknown>][] = [
    ['get', (k, id) => k.connectors.get(id)],
    ['update', (k, id) => k.connectors.update(id, { name: 'n' })],
    ['delete', (k, id) => k.connectors.delete(id)],
    ['run', (k, id) => k.connectors.run(id, { params: {} })],
  ];

  it.each(calls)('%s: a missing or empty connectorId is an ArgumentError and nothing is sent', async (_, call) => {
    await expectIdsRefused('connectorId', call);
  });
});
