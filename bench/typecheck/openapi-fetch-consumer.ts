// Type-check benchmark: the 30 operations of sdk-consumer.ts written with bare openapi-fetch over the
// same generated types. Keep the two files in step (same operations, bodies, queries and result
// fields read).
import createClient from 'openapi-fetch';
import type { paths } from '../../generated/kibana.js';

const client = createClient<paths>({
  baseUrl: 'https://kibana.example.com:5601',
  headers: { authorization: 'ApiKey key', 'kbn-xsrf': 'true' },
});
const log: unknown[] = [];

export async function consumer(caseId: string, ruleId: string, connectorId: string): Promise<unknown[]> {
  // Cases (10)
  const { data: created } = await client.POST('/api/cases', {
    body: {
      title: 'Disk full on db-1',
      description: 'The data volume of db-1 is full.',
      owner: 'cases',
      tags: ['db', 'disk'],
      // openapi-fetch 0.17's Writable<> drops properties typed `null` (NonNullable<null> is never, which
      // "extends $Read"), so the `fields: null` Kibana requires for the `.none` connector needs a cast.
      connector: { id: 'none', name: 'none', type: '.none', fields: null as never },
      settings: { syncAlerts: true },
      severity: 'high',
    },
  });
  log.push(created?.id, created?.version);
  const { data: one } = await client.GET('/api/cases/{caseId}', { params: { path: { caseId } } });
  log.push(one?.title, one?.status);
  const { data: found } = await client.GET('/api/cases/_find', {
    params: { query: { status: 'open', tags: ['db'], perPage: 20, sortOrder: 'desc' } },
  });
  log.push(found?.total, found?.cases[0]?.id);
  const { data: alerts } = await client.GET('/api/cases/{caseId}/alerts', { params: { path: { caseId } } });
  log.push(alerts?.[0]?.id);
  const { data: byAlert } = await client.GET('/api/cases/alerts/{alertId}', {
    params: { path: { alertId: 'alert-1' }, query: { owner: 'cases' } },
  });
  log.push(byAlert?.[0]?.title);
  const { data: pushed } = await client.POST('/api/cases/{caseId}/connector/{connectorId}/_push', {
    params: { path: { caseId, connectorId } },
    body: {},
  });
  log.push(pushed?.external_service);
  const { data: actions } = await client.GET('/api/cases/{caseId}/user_actions/_find', {
    params: { path: { caseId }, query: { page: 1, perPage: 50, sortOrder: 'asc' } },
  });
  log.push(actions?.total, actions?.userActions[0]?.type);
  const { data: commented } = await client.POST('/api/cases/{caseId}/comments', {
    params: { path: { caseId } },
    body: { type: 'user', owner: 'cases', comment: 'Volume extended.' },
  });
  log.push(commented?.totalComment);
  const { data: comment } = await client.GET('/api/cases/{caseId}/comments/{commentId}', {
    params: { path: { caseId, commentId: 'comment-1' } },
  });
  log.push(comment?.id, comment?.type);
  const { data: tags } = await client.GET('/api/cases/tags', { params: { query: { owner: 'cases' } } });
  log.push(tags?.[0]);

  // Alerting rules (7)
  const { data: health } = await client.GET('/api/alerting/_health');
  log.push(health?.is_sufficiently_secure, health?.has_permanent_encryption_key);
  const { data: rules } = await client.GET('/api/alerting/rules/_find', {
    params: { query: { per_page: 20, search: 'cpu', sort_order: 'asc' } },
  });
  log.push(rules?.total, rules?.data[0]?.name);
  const { data: rule } = await client.GET('/api/alerting/rule/{id}', { params: { path: { id: ruleId } } });
  log.push(rule?.enabled, rule?.schedule.interval);
  const { data: newRule } = await client.POST('/api/alerting/rule/{id}', {
    params: { path: { id: 'cpu-rule' } },
    body: {
      name: 'cpu',
      rule_type_id: '.index-threshold',
      consumer: 'alerts',
      schedule: { interval: '1m' },
      tags: ['cpu'],
      params: {
        index: ['metrics-*'],
        threshold: [90],
        thresholdComparator: '>',
        timeField: '@timestamp',
        timeWindowSize: 5,
        timeWindowUnit: 'm',
      },
    },
  });
  log.push(newRule?.id);
  const { data: updated } = await client.PUT('/api/alerting/rule/{id}', {
    params: { path: { id: ruleId } },
    body: { name: 'cpu', schedule: { interval: '5m' }, tags: ['cpu', 'production'] },
  });
  log.push(updated?.updated_at);
  await client.POST('/api/alerting/rule/{id}/_enable', { params: { path: { id: ruleId } } });
  await client.POST('/api/alerting/rule/{rule_id}/alert/{alert_id}/_mute', {
    params: { path: { rule_id: ruleId, alert_id: 'alert-1' } },
  });

  // Connectors (6)
  const { data: connector } = await client.GET('/api/actions/connector/{id}', {
    params: { path: { id: connectorId } },
  });
  log.push(connector?.name, connector?.connector_type_id);
  const { data: newConnector } = await client.POST('/api/actions/connector/{id}', {
    params: { path: { id: 'ops-index' } },
    body: { name: 'my-connector', connector_type_id: '.index', config: { index: 'test-index' } },
  });
  log.push(newConnector?.id);
  const { data: renamed } = await client.PUT('/api/actions/connector/{id}', {
    params: { path: { id: connectorId } },
    body: { name: 'updated-connector', config: { index: 'updated-index' } },
  });
  log.push(renamed?.name);
  const { data: connectors } = await client.GET('/api/actions/connectors');
  log.push(connectors?.[0]?.referenced_by_count);
  const { data: types } = await client.GET('/api/actions/connector_types', {
    params: { query: { feature_id: 'alerting' } },
  });
  log.push(types?.[0]?.id);
  const { data: ran } = await client.POST('/api/actions/connector/{id}/_execute', {
    params: { path: { id: connectorId } },
    body: { params: { documents: [{ id: 'my_doc_id', message: 'hello, world' }] } },
  });
  log.push(ran?.status);

  // APM (7)
  const { data: configurations } = await client.GET('/api/apm/settings/agent-configuration');
  log.push(configurations?.configurations[0]?.settings);
  const { data: configuration } = await client.GET('/api/apm/settings/agent-configuration/view', {
    params: { query: { name: 'node', environment: 'prod' } },
  });
  log.push(configuration?.etag);
  const { data: applied } = await client.POST('/api/apm/settings/agent-configuration/search', {
    body: { service: { name: 'node', environment: 'prod' }, mark_as_applied_by_agent: true },
  });
  log.push(applied);
  const { data: key } = await client.POST('/api/apm/agent_keys', {
    body: { name: 'rum-key', privileges: ['event:write'] },
  });
  log.push(key?.agentKey.encoded);
  const { data: annotation } = await client.POST('/api/apm/services/{serviceName}/annotation', {
    params: { path: { serviceName: 'checkout' } },
    body: {
      '@timestamp': '2024-01-01T00:00:00.000Z',
      service: { version: '1.2.0', environment: 'prod' },
      message: 'Deployed 1.2.0',
      tags: ['deploy'],
    },
  });
  log.push(annotation?._id);
  const { data: annotations } = await client.GET('/api/apm/services/{serviceName}/annotation/search', {
    params: { path: { serviceName: 'checkout' }, query: { environment: 'prod', start: 'now-1d', end: 'now' } },
  });
  log.push(annotations?.annotations[0]?.text);
  const { data: sourcemaps } = await client.GET('/api/apm/sourcemaps', { params: { query: { page: 1, perPage: 20 } } });
  log.push(sourcemaps?.artifacts[0]?.identifier);
  return log;
}
