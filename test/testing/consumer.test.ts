// How an application's test suite uses kibana-sdk/testing: msw's setupServer with the mock's
// handlers, the SDK pointed at the mock's URL, reset between tests. Only the package's public entry
// points are imported (the main Node entry and the testing entry).
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  BadRequestError,
  ConflictError,
  KibanaClient,
  NotFoundError,
  UnauthorizedError,
  type Schemas,
} from '../../src/index.node.js';
import { createKibanaMock } from '../../src/testing/index.js';

const mock = createKibanaMock();
const server = setupServer(...mock.handlers);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mock.reset());
afterAll(() => server.close());

const kibana = new KibanaClient({ url: mock.url, auth: { apiKey: 'ZGVtbzpzZWNyZXQ=' }, maxRetries: 0 });
const ops = kibana.space('ops');

/** The application code under test: the "noisy alert" runbook. */
async function handleNoisyAlert(client: KibanaClient, space: string, alertId: string) {
  const { data } = await client.rules.find({ filter: 'alert.attributes.enabled: true', sort_field: 'name' });
  const rule = data[0];
  if (!rule) throw new Error('no enabled rule');
  await client.rules.muteAlert(rule.id, alertId);
  const scoped = client.space(space);
  const [connector] = await scoped.cases.findConnectors();
  if (!connector) throw new Error(`no case connector in ${space}`);
  const created = await scoped.cases.create({
    title: `Noisy alert ${alertId}`,
    description: `Muted ${alertId} of ${rule.name}`,
    owner: 'cases',
    tags: ['noisy-alert'],
    connector: {
      id: connector.id,
      name: connector.name,
      type: connector.actionTypeId,
      fields: null,
    } as Schemas['CaseConnector'],
    settings: { syncAlerts: false },
  });
  await scoped.cases.attachFile(created.id, { file: `alert ${alertId} of ${rule.name}`, fileName: `${alertId}.txt` });
  const pushed = await scoped.cases.push(created.id, connector.id);
  const activity = await scoped.cases.findUserActions(created.id, { sortOrder: 'asc' });
  return { rule, created, pushed, activity };
}

describe('the noisy-alert runbook against the mock', () => {
  it('checks health, mutes the alert, opens, documents and pushes a case in the space', async () => {
    expect((await kibana.rules.health()).alerting_framework_health.execution_health.status).toBe('ok');
    const { rule, created, pushed, activity } = await handleNoisyAlert(kibana, 'ops', 'host-7');
    expect(rule.name).toBe('my alert');
    expect((await kibana.rules.get(rule.id)).muted_alert_ids).toEqual(['host-7']);
    expect(created).toMatchObject({
      title: 'Noisy alert host-7',
      status: 'open',
      owner: 'cases',
      connector: { name: 'Ops Jira', type: '.jira' },
    });
    expect(pushed.external_service).toMatchObject({
      connector_name: 'Ops Jira',
      external_title: 'OPS-1',
      external_url: 'https://ops.atlassian.net/browse/OPS-1',
    });
    expect(pushed.comments).toHaveLength(1);
    expect(pushed.comments![0]).toMatchObject({
      type: 'externalReference',
      externalReferenceAttachmentTypeId: '.files',
    });
    expect(activity.userActions.map((action) => action.type)).toEqual(['create_case', 'comment', 'pushed']);
    expect((await ops.cases.find({ tags: ['noisy-alert'] })).total).toBe(1);
    expect((await kibana.cases.find()).total).toBe(0);
  });

  it('closes the case on push when the space’s case settings say close-by-pushing', async () => {
    await ops.cases.createConfiguration({
      owner: 'cases',
      closure_type: 'close-by-pushing',
      connector: { id: 'none', name: 'none', type: '.none', fields: null },
    });
    const { pushed, activity } = await handleNoisyAlert(kibana, 'ops', 'host-8');
    expect(pushed.status).toBe('closed');
    expect(activity.userActions.map((action) => action.type)).toEqual(['create_case', 'comment', 'pushed', 'status']);
  });

  it('starts each test from the seed', async () => {
    expect((await kibana.rules.find()).data.every((rule) => rule.muted_alert_ids.length === 0)).toBe(true);
    expect((await ops.cases.find()).total).toBe(0);
  });
});

describe('failures the runbook must handle', () => {
  it('without credentials: 401', async () => {
    const response = await fetch(`${mock.url}/api/alerting/rules/_find`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: '[security_exception]: unable to authenticate user',
    });
    const strict = createKibanaMock({
      url: 'http://strict.kibana.test',
      auth: { username: 'runbook', password: 'right' },
    });
    server.use(...strict.handlers);
    const wrong = new KibanaClient({
      url: strict.url,
      auth: { username: 'runbook', password: 'wrong' },
      maxRetries: 0,
    });
    await expect(wrong.rules.health()).rejects.toBeInstanceOf(UnauthorizedError);
    server.resetHandlers();
  });

  it('without kbn-xsrf on a write: 400', async () => {
    const response = await fetch(`${mock.url}/s/ops/api/cases`, {
      method: 'POST',
      headers: { authorization: 'ApiKey ZGVtbzpzZWNyZXQ=', 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 't',
        description: 'd',
        owner: 'cases',
        tags: [],
        connector: { id: 'none', name: 'none', type: '.none', fields: null },
        settings: { syncAlerts: false },
      }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'Request must contain a kbn-xsrf header.',
    });
    expect((await ops.cases.find()).total).toBe(0);
  });

  it('with a stale version: ConflictError, and nothing changes', async () => {
    const { created } = await handleNoisyAlert(kibana, 'ops', 'host-9');
    const error = await ops.cases
      .update([{ id: created.id, version: created.version, severity: 'critical' }])
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).kibanaMessage).toMatch(
      /has been updated\. Please refresh before saving additional updates\.$/,
    );
    expect((await ops.cases.get(created.id)).severity).toBe('low');
  });

  it('with an unknown id: NotFoundError with Kibana’s message', async () => {
    const error = await ops.cases.push('missing-case', 'missing-connector').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).kibanaMessage).toBe('Saved object [cases/missing-case] not found');
    await expect(kibana.rules.muteAlert('missing-rule', 'host-1')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('in the wrong space: the case and the connector are not there', async () => {
    const { created } = await handleNoisyAlert(kibana, 'ops', 'host-10');
    await expect(kibana.cases.get(created.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      kibana.space('marketing').cases.attachFile(created.id, { file: 'x', fileName: 'x.txt' }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(handleNoisyAlert(kibana, 'marketing', 'host-11')).rejects.toThrow('no case connector in marketing');
  });

  it('with an invalid body: BadRequestError naming the field', async () => {
    const error = await ops.cases
      .create({
        title: 'x'.repeat(200),
        description: 'd',
        owner: 'cases',
        tags: [],
        connector: { id: 'none', name: 'none', type: '.none', fields: null },
        settings: { syncAlerts: false },
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).kibanaMessage).toBe(
      '[request body.title]: value has length [200] but it must have a maximum length of [160].',
    );
  });
});
