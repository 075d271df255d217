// Type-check benchmark: 30 typed calls through the SDK. The same 30 operations are written with bare
// openapi-fetch in openapi-fetch-consumer.ts; keep the two files in step (same operations, bodies,
// queries and result fields read).
import { KibanaClient } from '../../src/index.js';

const kibana = new KibanaClient({ url: 'https://kibana.example.com:5601', auth: { apiKey: 'key' } });
const log: unknown[] = [];

export async function consumer(caseId: string, ruleId: string, connectorId: string): Promise<unknown[]> {
  // Cases (10)
  const created = await kibana.cases.create({
    title: 'Disk full on db-1',
    description: 'The data volume of db-1 is full.',
    owner: 'cases',
    tags: ['db', 'disk'],
    connector: { id: 'none', name: 'none', type: '.none', fields: null },
    settings: { syncAlerts: true },
    severity: 'high',
  });
  log.push(created.id, created.version);
  const one = await kibana.cases.get(caseId);
  log.push(one.title, one.status);
  const found = await kibana.cases.find({ status: 'open', tags: ['db'], perPage: 20, sortOrder: 'desc' });
  log.push(found.total, found.cases[0]?.id);
  const alerts = await kibana.cases.getAlerts(caseId);
  log.push(alerts[0]?.id);
  const byAlert = await kibana.cases.getCasesByAlert('alert-1', { owner: 'cases' });
  log.push(byAlert[0]?.title);
  const pushed = await kibana.cases.push(caseId, connectorId);
  log.push(pushed.external_service);
  const actions = await kibana.cases.findUserActions(caseId, { page: 1, perPage: 50, sortOrder: 'asc' });
  log.push(actions.total, actions.userActions[0]?.type);
  const commented = await kibana.cases.addComment(caseId, {
    type: 'user',
    owner: 'cases',
    comment: 'Volume extended.',
  });
  log.push(commented.totalComment);
  const comment = await kibana.cases.getComment(caseId, 'comment-1');
  log.push(comment.id, comment.type);
  const tags = await kibana.cases.getTags({ owner: 'cases' });
  log.push(tags[0]);

  // Alerting rules (7)
  const health = await kibana.rules.health();
  log.push(health.is_sufficiently_secure, health.has_permanent_encryption_key);
  const rules = await kibana.rules.find({ per_page: 20, search: 'cpu', sort_order: 'asc' });
  log.push(rules.total, rules.data[0]?.name);
  const rule = await kibana.rules.get(ruleId);
  log.push(rule.enabled, rule.schedule.interval);
  const newRule = await kibana.rules.create(
    {
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
    { id: 'cpu-rule' },
  );
  log.push(newRule.id);
  const updated = await kibana.rules.update(ruleId, {
    name: 'cpu',
    schedule: { interval: '5m' },
    tags: ['cpu', 'production'],
  });
  log.push(updated.updated_at);
  await kibana.rules.enable(ruleId);
  await kibana.rules.muteAlert(ruleId, 'alert-1');

  // Connectors (6)
  const connector = await kibana.connectors.get(connectorId);
  log.push(connector.name, connector.connector_type_id);
  const newConnector = await kibana.connectors.create(
    { name: 'my-connector', connector_type_id: '.index', config: { index: 'test-index' } },
    { id: 'ops-index' },
  );
  log.push(newConnector.id);
  const renamed = await kibana.connectors.update(connectorId, {
    name: 'updated-connector',
    config: { index: 'updated-index' },
  });
  log.push(renamed.name);
  const connectors = await kibana.connectors.list();
  log.push(connectors[0]?.referenced_by_count);
  const types = await kibana.connectors.types({ feature_id: 'alerting' });
  log.push(types[0]?.id);
  const ran = await kibana.connectors.run(connectorId, {
    params: { documents: [{ id: 'my_doc_id', message: 'hello, world' }] },
  });
  log.push(ran.status);

  // APM (7)
  const configurations = await kibana.apm.agentConfiguration.list();
  log.push(configurations.configurations[0]?.settings);
  const configuration = await kibana.apm.agentConfiguration.get({ name: 'node', environment: 'prod' });
  log.push(configuration.etag);
  const applied = await kibana.apm.agentConfiguration.search({
    service: { name: 'node', environment: 'prod' },
    mark_as_applied_by_agent: true,
  });
  log.push(applied);
  const key = await kibana.apm.agentKeys.create({ name: 'rum-key', privileges: ['event:write'] });
  log.push(key.agentKey.encoded);
  const annotation = await kibana.apm.annotations.create('checkout', {
    '@timestamp': '2024-01-01T00:00:00.000Z',
    service: { version: '1.2.0', environment: 'prod' },
    message: 'Deployed 1.2.0',
    tags: ['deploy'],
  });
  log.push(annotation._id);
  const annotations = await kibana.apm.annotations.search('checkout', {
    environment: 'prod',
    start: 'now-1d',
    end: 'now',
  });
  log.push(annotations.annotations[0]?.text);
  const sourcemaps = await kibana.apm.sourcemaps.list({ page: 1, perPage: 20 });
  log.push(sourcemaps.artifacts[0]?.identifier);
  return log;
}
