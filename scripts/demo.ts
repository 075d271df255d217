// A tour of kibana-sdk: check alerting health, find rules and mute a noisy alert, open a case in a
// space, attach a file, push the case to an incident system, and read the case's activity.
//
//   npm run demo                     against a mock Kibana started on a free loopback port
//   KIBANA_URL=https://kibana:5601 KIBANA_API_KEY=... npm run demo
//   KIBANA_URL=... KIBANA_USERNAME=elastic KIBANA_PASSWORD=... npm run demo
//
// Optional: DEMO_SPACE (default "ops", must exist), DEMO_RULE_ID (default: the first enabled rule),
// DEMO_ALERT_ID (default "host-1"), DEMO_CONNECTOR_ID (default: the first connector cases can push to).
// Against a real Kibana the demo leaves what it made (the case, the muted alert) in place.
import { KibanaClient, isKibanaError, type KibanaAuth, type Schemas } from '../src/index.node.js';
import { startKibanaMock, type RunningKibanaMock } from '../src/testing/index.js';

const SPACE = process.env.DEMO_SPACE ?? 'ops';
const ALERT_ID = process.env.DEMO_ALERT_ID ?? 'host-1';
const STEPS = 7;

interface Target {
  url: string;
  auth: KibanaAuth;
  label: string;
  mock?: RunningKibanaMock;
}

/** A real Kibana when its URL and credentials are in the environment, else a mock on loopback. */
async function chooseTarget(): Promise<Target> {
  const { KIBANA_URL: url, KIBANA_API_KEY: apiKey, KIBANA_USERNAME: username, KIBANA_PASSWORD: password } = process.env;
  if (url && apiKey) return { url, auth: { apiKey }, label: `Kibana at ${url} (API key)` };
  if (url && username && password)
    return { url, auth: { username, password }, label: `Kibana at ${url} (user ${username})` };
  if (url)
    console.log(
      'KIBANA_URL is set without KIBANA_API_KEY or KIBANA_USERNAME/KIBANA_PASSWORD: using a mock Kibana instead.',
    );
  const mock = await startKibanaMock();
  return {
    url: mock.url,
    auth: { username: 'elastic', password: 'changeme' },
    label: `mock Kibana at ${mock.url} (started for this run)`,
    mock,
  };
}

class StepFailed extends Error {}

let stepNumber = 0;

/** Runs one step, printing its title and what it reports; a failure ends the demo with the reason. */
async function step<T>(title: string, run: () => Promise<{ value: T; lines: string[] }>): Promise<T> {
  stepNumber++;
  console.log(`\n[${stepNumber}/${STEPS}] ${title}`);
  try {
    const { value, lines } = await run();
    for (const line of lines) console.log(`      ${line}`);
    return value;
  } catch (error) {
    const reason = error instanceof StepFailed || isKibanaError(error) ? error.message : String(error);
    console.error(`      FAILED: ${reason}`);
    throw new StepFailed(`step ${stepNumber} (${title}) failed: ${reason}`);
  }
}

function short(id: string): string {
  return id.length > 13 ? `${id.slice(0, 8)}…` : id;
}

function describeAction(action: Schemas['CaseUserAction']): string {
  switch (action.type) {
    case 'create_case':
      return `case created: ${action.payload.title}`;
    case 'comment': {
      const comment = action.payload.comment;
      if (comment.type === 'externalReference') {
        const files =
          (comment.externalReferenceMetadata as { files?: Array<{ name: string; extension?: string }> } | null)
            ?.files ?? [];
        return `file attached: ${files.map((f) => (f.extension ? `${f.name}.${f.extension}` : f.name)).join(', ') || comment.externalReferenceId}`;
      }
      return `${comment.type} comment ${action.action === 'create' ? 'added' : action.action}`;
    }
    case 'pushed':
      return `pushed to ${action.payload.externalService.connector_name}: ${action.payload.externalService.external_title}`;
    case 'status':
      return `status set to ${action.payload.status}`;
    case 'tags':
      return `tags ${action.action === 'add' ? 'added' : 'removed'}: ${action.payload.tags.join(', ')}`;
    default:
      return `${action.type} ${action.action}`;
  }
}

async function main(): Promise<void> {
  const target = await chooseTarget();
  const kibana = new KibanaClient({ url: target.url, auth: target.auth, maxRetries: 1 });
  const space = kibana.space(SPACE);
  console.log(`kibana-sdk demo against ${target.label}`);
  try {
    await step('Check alerting health', async () => {
      const health = await kibana.rules.health();
      const framework = health.alerting_framework_health;
      const statuses = `read ${framework.read_health.status}, execution ${framework.execution_health.status}, decryption ${framework.decryption_health.status}`;
      return {
        value: health,
        lines: [
          `Alerting health: ${statuses}`,
          `sufficiently secure: ${health.is_sufficiently_secure ? 'yes' : 'no'}; permanent encryption key: ${health.has_permanent_encryption_key ? 'yes' : 'no'}`,
        ],
      };
    });

    const rule = await step('Find rules', async () => {
      const found = await kibana.rules.find({ per_page: 20, sort_field: 'name', sort_order: 'asc' });
      const wanted = process.env.DEMO_RULE_ID;
      const chosen = wanted
        ? (found.data.find((r) => r.id === wanted) ?? (await kibana.rules.get(wanted)))
        : found.data.find((r) => r.enabled);
      if (!chosen) throw new StepFailed('no enabled rule to mute an alert of; create a rule or set DEMO_RULE_ID');
      const lines = [`Found ${found.total} rule(s) in the default space:`];
      for (const r of found.data)
        lines.push(
          `  - ${r.name} (${r.id}) type ${r.rule_type_id}, ${r.enabled ? 'enabled' : 'disabled'}, muted alerts: ${r.muted_alert_ids.join(', ') || 'none'}`,
        );
      lines.push(`Noisy rule: ${chosen.name} (${chosen.id})`);
      return { value: chosen, lines };
    });

    await step('Mute a noisy alert', async () => {
      await kibana.rules.muteAlert(rule.id, ALERT_ID);
      const after = await kibana.rules.get(rule.id);
      if (!after.mute_all && !after.muted_alert_ids.includes(ALERT_ID))
        throw new StepFailed(`alert ${ALERT_ID} is not in the rule's muted alerts after muting it`);
      return {
        value: after,
        lines: [
          `Muted alert ${ALERT_ID} of rule "${after.name}"; muted alerts now: ${after.mute_all ? 'all' : after.muted_alert_ids.join(', ')}`,
        ],
      };
    });

    const connector = await step(`Create a case in space "${SPACE}"`, async () => {
      const connectors = await space.cases.findConnectors();
      const wanted = process.env.DEMO_CONNECTOR_ID;
      const chosen = wanted
        ? connectors.find((c) => c.id === wanted)
        : (connectors.find((c) => c.actionTypeId === '.jira') ?? connectors[0]);
      if (!chosen) {
        throw new StepFailed(
          `no connector in space "${SPACE}" that cases can push to${wanted ? ` with id ${wanted}` : ''} (.jira, .servicenow, .resilient, .swimlane, .cases-webhook); create one first`,
        );
      }
      const caseConnector = {
        id: chosen.id,
        name: chosen.name,
        type: chosen.actionTypeId,
        fields: null,
      } as Schemas['CaseConnector'];
      const created = await space.cases.create({
        title: `Noisy alert ${ALERT_ID} on rule ${rule.name}`,
        description: `Alert ${ALERT_ID} of rule ${rule.name} (${rule.id}) fired repeatedly; it was muted while this case is worked on.`,
        owner: 'cases',
        tags: ['noisy-alert', 'kibana-sdk-demo'],
        severity: 'medium',
        connector: caseConnector,
        settings: { syncAlerts: false },
      });
      return {
        value: { chosen, created },
        lines: [
          `Created case ${created.id}: ${created.title}`,
          `status ${created.status}, severity ${created.severity}, version ${created.version}, connector ${chosen.name} (${chosen.actionTypeId})`,
        ],
      };
    });
    const caseId = connector.created.id;

    await step('Attach a file', async () => {
      const report = [
        `Rule: ${rule.name} (${rule.id})`,
        `Alert: ${ALERT_ID}`,
        `Muted at: ${new Date().toISOString()}`,
        'Reason: the alert fired repeatedly.',
        '',
      ].join('\n');
      const fileName = `alert-${ALERT_ID}.txt`;
      const updated = await space.cases.attachFile(caseId, { file: new TextEncoder().encode(report), fileName });
      const attachment = [...(updated.comments ?? [])].reverse().find((c) => c.type === 'externalReference');
      return {
        value: updated,
        lines: [
          `Attached file ${fileName} (${report.length} bytes) as attachment ${attachment?.id ?? '(not listed)'}; the case has ${(updated.comments ?? []).length} attachment(s)`,
        ],
      };
    });

    await step(`Push the case to ${connector.chosen.name}`, async () => {
      const [settings] = await space.cases.getConfiguration({ owner: 'cases' });
      const lines: string[] = [];
      if (!settings && target.mock) {
        // The mock starts without case settings; close-by-pushing shows a push closing the case.
        await space.cases.createConfiguration({
          owner: 'cases',
          closure_type: 'close-by-pushing',
          connector: { id: 'none', name: 'none', type: '.none', fields: null },
        });
        lines.push(`Case settings of space "${SPACE}": close-by-pushing (set for this run)`);
      } else {
        lines.push(
          `Case settings of space "${SPACE}": ${settings ? settings.closure_type : 'none (cases stay open after a push)'}`,
        );
      }
      const pushed = await space.cases.push(caseId, connector.chosen.id);
      const external = pushed.external_service;
      if (!external) throw new StepFailed('the pushed case has no external_service');
      lines.push(
        `Pushed case ${caseId} with ${external.connector_name}: external incident ${external.external_title} (${external.external_url})`,
      );
      lines.push(`Case status after push: ${pushed.status}`);
      return { value: pushed, lines };
    });

    await step('Read the case activity', async () => {
      const activity = await space.cases.findUserActions(caseId, { sortOrder: 'asc', perPage: 100 });
      const lines = [`Case activity: ${activity.total} user action(s)`];
      for (const action of activity.userActions)
        lines.push(`  ${action.created_at}  ${action.created_by.username ?? '?'}  ${describeAction(action)}`);
      return { value: activity, lines };
    });

    console.log(`\nDemo finished: all ${STEPS} steps OK (case ${short(caseId)} in space "${SPACE}").`);
  } finally {
    await kibana.close();
    await target.mock?.close();
  }
}

main().catch((error: unknown) => {
  const message =
    error instanceof StepFailed
      ? error.message
      : error instanceof Error
        ? `${error.name}: ${error.message}`
        : String(error);
  console.error(`\nDemo failed: ${message}`);
  process.exitCode = 1;
});
