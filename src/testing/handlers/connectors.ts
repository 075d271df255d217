// Connectors per space: create (with or without id), read, update, delete, list, types, and run.
// Secrets are kept for the connector and never answered.
import type { Schemas } from '../../types.js';
import { KibanaHttpError, savedObjectConflict, savedObjectNotFound } from '../respond.js';
import { asList, newId, type Routes } from '../routes.js';
import type { SpaceState, StoredConnector } from '../state.js';

type License = Schemas['ConnectorType']['minimum_license_required'];

interface TypeInfo {
  name: string;
  license: License;
  features: string[];
  /** Config keys Kibana's validation of the type requires. */
  config?: string[];
  /** Secret keys Kibana's validation of the type requires. */
  secrets?: string[];
  /** Run parameters the type requires. */
  params?: string[];
}

const CONNECTOR_TYPES: Readonly<Record<string, TypeInfo>> = {
  '.bedrock': { name: 'Amazon Bedrock', license: 'enterprise', features: ['generativeAIForSecurity', 'generativeAIForObservability'], config: ['apiUrl'], secrets: ['accessKey', 'secret'], params: ['subAction'] },
  '.cases-webhook': { name: 'Webhook - Case Management', license: 'gold', features: ['cases'], config: ['createIncidentUrl'], params: ['subAction'] },
  '.email': { name: 'Email', license: 'gold', features: ['alerting', 'uptime', 'siem'], config: ['from'], params: ['to', 'subject', 'message'] },
  '.index': { name: 'Index', license: 'basic', features: ['alerting', 'uptime', 'siem'], config: ['index'], params: ['documents'] },
  '.jira': { name: 'Jira', license: 'gold', features: ['alerting', 'cases', 'siem'], config: ['apiUrl', 'projectKey'], secrets: ['email', 'apiToken'], params: ['subAction'] },
  '.pagerduty': { name: 'PagerDuty', license: 'gold', features: ['alerting', 'uptime', 'siem'], secrets: ['routingKey'] },
  '.resilient': { name: 'IBM Resilient', license: 'platinum', features: ['alerting', 'cases'], config: ['apiUrl', 'orgId'], secrets: ['apiKeyId', 'apiKeySecret'], params: ['subAction'] },
  '.server-log': { name: 'Server log', license: 'basic', features: ['alerting', 'uptime', 'siem'], params: ['message'] },
  '.servicenow': { name: 'ServiceNow ITSM', license: 'platinum', features: ['alerting', 'cases', 'siem'], config: ['apiUrl'], params: ['subAction'] },
  '.servicenow-sir': { name: 'ServiceNow SecOps', license: 'platinum', features: ['cases', 'siem'], config: ['apiUrl'], params: ['subAction'] },
  '.slack': { name: 'Slack', license: 'gold', features: ['alerting', 'uptime', 'siem'], secrets: ['webhookUrl'], params: ['message'] },
  '.swimlane': { name: 'Swimlane', license: 'gold', features: ['alerting', 'cases', 'siem'], config: ['apiUrl', 'appId', 'connectorType'], secrets: ['apiToken'], params: ['subAction'] },
  '.teams': { name: 'Microsoft Teams', license: 'gold', features: ['alerting', 'uptime', 'siem'], secrets: ['webhookUrl'], params: ['message'] },
  '.webhook': { name: 'Webhook', license: 'gold', features: ['alerting', 'uptime', 'siem'], config: ['url'] },
};

function requireConnector(space: SpaceState, id: string): StoredConnector {
  const found = space.connectors.get(id);
  if (!found) throw savedObjectNotFound('action', id);
  return found;
}

function missingKey(object: Record<string, unknown>, keys: string[] | undefined): string | undefined {
  return keys?.find((key) => object[key] === undefined || object[key] === null);
}

/** Kibana validates config and secrets against the connector type; the mock checks the fields each type cannot do without. */
function validateForType(type: string, config: Record<string, unknown>, secrets: Record<string, unknown>): void {
  const info = CONNECTOR_TYPES[type];
  if (!info) throw new KibanaHttpError(400, `Action type "${type}" is not registered.`);
  const configKey = missingKey(config, info.config);
  if (configKey) throw new KibanaHttpError(400, `error validating action type config: [${configKey}]: expected value of type [string] but got [undefined]`);
  // ServiceNow takes a user and password, or OAuth settings instead.
  const secretKeys = type.startsWith('.servicenow') ? (config.isOAuth === true ? ['clientSecret', 'privateKey'] : ['username', 'password']) : info.secrets;
  const secretKey = missingKey(secrets, secretKeys);
  if (secretKey) throw new KibanaHttpError(400, `error validating action type secrets: [${secretKey}]: expected value of type [string] but got [undefined]`);
}

/** Saved objects that point at the connector: rule actions, cases and case settings. */
function referenceCount(space: SpaceState, id: string): number {
  let count = 0;
  for (const rule of space.rules.values()) if (rule.actions.some((action) => action.id === id)) count++;
  for (const stored of space.cases.values()) if (stored.connector.id === id) count++;
  for (const configuration of space.configurations.values()) if (configuration.connector.id === id) count++;
  return count;
}

function create(space: SpaceState, id: string, body: Schemas['ConnectorCreateRequest']): Schemas['Connector'] {
  if (space.connectors.has(id)) throw savedObjectConflict('action', id);
  const config = (body.config ?? {}) as Record<string, unknown>;
  const secrets = (body.secrets ?? {}) as Record<string, unknown>;
  validateForType(body.connector_type_id, config, secrets);
  const connector: Schemas['Connector'] = { id, name: body.name, connector_type_id: body.connector_type_id, config, is_preconfigured: false, is_deprecated: false, is_system_action: false, is_missing_secrets: false };
  space.connectors.set(id, { connector, secrets });
  return structuredClone(connector);
}

/** What running a connector gives, per type: Kibana answers failures of the connector in the body, not as an HTTP error. */
function run(stored: StoredConnector, params: Record<string, unknown>, now: string): Schemas['ConnectorExecuteResult'] {
  const { connector } = stored;
  const info = CONNECTOR_TYPES[connector.connector_type_id];
  const connectorId = connector.id;
  const missing = missingKey(params, info?.params);
  if (missing) {
    return { connector_id: connectorId, status: 'error', message: `error validating action params: [${missing}]: expected value of type [string] but got [undefined]` };
  }
  switch (connector.connector_type_id) {
    case '.index': {
      const documents = asList(params.documents as unknown[]);
      const index = String((connector.config as Record<string, unknown> | undefined)?.index ?? 'index');
      return {
        connector_id: connectorId,
        status: 'ok',
        data: {
          errors: false,
          took: 3,
          items: documents.map((_, i) => ({ create: { _index: index, _id: newId().replaceAll('-', '').slice(0, 20), _version: 1, result: 'created', _shards: { total: 2, successful: 1, failed: 0 }, _seq_no: i, _primary_term: 1, status: 201 } })),
        },
      };
    }
    case '.jira':
    case '.servicenow':
    case '.servicenow-sir':
    case '.resilient':
    case '.swimlane':
    case '.cases-webhook': {
      if (params.subAction !== 'pushToService') return { connector_id: connectorId, status: 'ok', data: {} };
      const id = newId().replaceAll('-', '').slice(0, 8);
      return { connector_id: connectorId, status: 'ok', data: { id, title: `INC-${id}`, url: `https://incidents.example.com/${id}`, pushedDate: now, comments: [] } };
    }
    default:
      return { connector_id: connectorId, status: 'ok' };
  }
}

export const connectorsRoutes = {
  getConnectorTypes(context) {
    const feature = context.query.feature_id;
    return Object.entries(CONNECTOR_TYPES)
      .filter(([, info]) => feature === undefined || info.features.includes(feature))
      .map(([id, info]) => ({ id, name: info.name, enabled: true, enabled_in_config: true, enabled_in_license: true, minimum_license_required: info.license, supported_feature_ids: info.features, is_system_action_type: false }));
  },

  getConnectors(context) {
    return [...context.space.connectors.values()]
      .map(({ connector }) => ({ ...structuredClone(connector), referenced_by_count: referenceCount(context.space, connector.id) }))
      .sort((a, b) => a.name.localeCompare(b.name));
  },

  getConnector(context) {
    return structuredClone(requireConnector(context.space, context.path.id).connector);
  },

  createConnector(context) {
    return create(context.space, context.path.id, context.body);
  },

  createConnectorWithGeneratedId(context) {
    return create(context.space, newId(), context.body);
  },

  updateConnector(context) {
    const stored = requireConnector(context.space, context.path.id);
    if (stored.connector.is_preconfigured) throw new KibanaHttpError(400, `Preconfigured action ${context.path.id} can not be updated.`);
    const config = (context.body.config ?? {}) as Record<string, unknown>;
    const secrets = (context.body.secrets ?? {}) as Record<string, unknown>;
    validateForType(stored.connector.connector_type_id, config, secrets);
    stored.connector = { ...stored.connector, name: context.body.name, config, is_missing_secrets: false };
    stored.secrets = secrets;
    return structuredClone(stored.connector);
  },

  deleteConnector(context) {
    const stored = requireConnector(context.space, context.path.id);
    if (stored.connector.is_preconfigured) throw new KibanaHttpError(400, `Preconfigured action ${context.path.id} is not allowed to delete.`);
    context.space.connectors.delete(context.path.id);
  },

  runConnector(context) {
    return run(requireConnector(context.space, context.path.id), context.body.params, context.now);
  },
} satisfies Partial<Routes>;
