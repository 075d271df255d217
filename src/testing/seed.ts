// What a fresh mock holds: the seed types and the default seed (realistic connectors, and rules
// taken from the spec's documented examples).
import type { Schemas } from '../types.js';
import { specExample } from './spec.js';

/** A connector as the mock keeps it: of a type the spec describes, or of another (a plugin's) type. */
export type MockConnector = Schemas['Connector'] | Schemas['OtherConnector'];

/** A rule as the mock keeps it: of a type the spec types params for, or of another type with free params. */
export type MockRule = Schemas['Rule'] | Schemas['OtherRule'];

/** A seeded connector: what Kibana answers for it, plus the secrets it keeps (and never answers). */
export type KibanaMockConnector = MockConnector & { secrets?: Record<string, unknown> };

/** The objects of one space. */
export interface KibanaMockSpaceSeed {
  connectors?: KibanaMockConnector[];
  rules?: MockRule[];
  cases?: Schemas['Case'][];
}

/**
 * What the mock starts with, and returns to on `reset()`. The top-level lists belong to the default
 * space; `spaces` seeds other spaces by id. Spaces not named start empty.
 */
export interface KibanaMockSeed extends KibanaMockSpaceSeed {
  spaces?: Record<string, KibanaMockSpaceSeed>;
}

/** An APM service the mock pretends to have data for (agent name, environments, versions seen). */
export interface ApmServiceData {
  name: string;
  agentName: string;
  environments: string[];
  versions: Array<{ version: string; environment: string; firstSeen: string }>;
}

/** Ids of the default seed, for tests and examples. */
export const SEED_IDS = {
  jiraConnector: '5e656730-e1ca-11ec-be9b-9b1838238ee6',
  serviceNowConnector: '131d4448-abe0-4789-939d-8ef60680b498',
  webhookConnector: 'c5f6a1e0-2f3b-11ef-a5d4-1b2c3d4e5f60',
  serverLogConnector: '9dca3e00-74f5-11ed-9801-35303b735aef',
  indexConnector: '49eae970-f401-11ed-9f8e-399c75a2deeb',
  opsJiraConnector: '7a3c5f10-2b1e-4c6f-9d8a-1e2f3a4b5c6d',
  indexThresholdRule: '3583a470-74f6-11ed-9801-35303b735aef',
  securityRule: '6107a8f0-f401-11ed-9f8e-399c75a2deeb',
  opsRule: '0b6f3c2a-8d1e-4f7a-9c5b-2e4d6f8a1b3c',
} as const;

function connector(
  id: string,
  name: string,
  type: string,
  config: Record<string, unknown>,
  secrets: Record<string, unknown>,
): KibanaMockConnector {
  return {
    id,
    name,
    connector_type_id: type,
    config,
    secrets,
    is_preconfigured: false,
    is_deprecated: false,
    is_system_action: false,
    is_missing_secrets: false,
  };
}

/** The default seed: five connectors and two documented rules in the default space, a Jira connector and a rule in `ops`. */
export function defaultSeed(): KibanaMockSeed {
  const indexThreshold = specExample('/api/alerting/rule/{id}', 'get', 'indexThreshold') as Schemas['Rule'];
  const found = specExample('/api/alerting/rules/_find', 'get', 'securityRule') as Schemas['RuleFindResponse'];
  const securityRule = found.data[0]!;
  const opsRule: Schemas['Rule'] = {
    ...structuredClone(indexThreshold),
    id: SEED_IDS.opsRule,
    name: 'High CPU on ops hosts',
    tags: ['cpu', 'ops'],
    actions: [],
    scheduled_task_id: SEED_IDS.opsRule,
    view_in_app_relative_url: `/app/management/insightsAndAlerting/triggersActions/rule/${SEED_IDS.opsRule}`,
  };
  return {
    connectors: [
      connector(
        SEED_IDS.jiraConnector,
        'my-jira-connector',
        '.jira',
        { apiUrl: 'https://elastic.atlassian.net/', projectKey: 'ES' },
        { email: 'jira-bot@example.com', apiToken: 'jira-token-do-not-leak' },
      ),
      connector(
        SEED_IDS.serviceNowConnector,
        'my-serviceNow',
        '.servicenow',
        { apiUrl: 'https://dev12345.service-now.com/', usesTableApi: false, isOAuth: false },
        { username: 'kibana', password: 'servicenow-password-do-not-leak' },
      ),
      connector(
        SEED_IDS.webhookConnector,
        'ops-webhook',
        '.webhook',
        { url: 'https://hooks.example.com/kibana', method: 'post', hasAuth: true, headers: { 'x-source': 'kibana' } },
        { user: 'hook', password: 'webhook-password-do-not-leak' },
      ),
      connector(SEED_IDS.serverLogConnector, 'my-server-log', '.server-log', {}, {}),
      connector(
        SEED_IDS.indexConnector,
        'security-alerts-index',
        '.index',
        { index: 'security-alerts', refresh: false, executionTimeField: null },
        {},
      ),
    ],
    rules: [indexThreshold, securityRule],
    spaces: {
      ops: {
        connectors: [
          connector(
            SEED_IDS.opsJiraConnector,
            'Ops Jira',
            '.jira',
            { apiUrl: 'https://ops.atlassian.net/', projectKey: 'OPS' },
            { email: 'ops-bot@example.com', apiToken: 'ops-token-do-not-leak' },
          ),
        ],
        rules: [opsRule],
      },
    },
  };
}

/** The APM data the mock answers from (agent names, environments, versions), global like Kibana's APM indices. */
export function defaultApmServices(): ApmServiceData[] {
  return [
    {
      name: 'frontend',
      agentName: 'rum-js',
      environments: ['production', 'staging'],
      versions: [{ version: '1.4.0', environment: 'production', firstSeen: '2024-05-02T09:00:00.000Z' }],
    },
    {
      name: 'opbeans-java',
      agentName: 'java',
      environments: ['production'],
      versions: [{ version: '1.2', environment: 'production', firstSeen: '2024-05-01T10:31:30.452Z' }],
    },
    {
      name: 'checkout',
      agentName: 'nodejs',
      environments: ['production', 'staging'],
      versions: [
        { version: '3.1.0', environment: 'staging', firstSeen: '2024-05-03T08:15:00.000Z' },
        { version: '3.1.0', environment: 'production', firstSeen: '2024-05-03T12:00:00.000Z' },
      ],
    },
  ];
}

/** The agent configurations APM starts with: the documented pair. */
export function defaultAgentConfigurations(): Array<Schemas['ApmAgentConfiguration'] & { id: string }> {
  const list = specExample(
    '/api/apm/settings/agent-configuration',
    'get',
    'twoConfigurations',
  ) as Schemas['ApmAgentConfigurationList'];
  return list.configurations.map((configuration, index) => ({
    ...configuration,
    id: `seed-agent-configuration-${index + 1}`,
  }));
}
