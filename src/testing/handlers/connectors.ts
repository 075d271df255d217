// Connectors per space: create (with or without id), read, update, delete, list, types, and run.
// Secrets are kept for the connector and never answered.
import type { Schemas } from '../../types.js';
import { KibanaHttpError, savedObjectConflict, savedObjectNotFound } from '../respond.js';
import { answerConnector, asList, newId, type Routes } from '../routes.js';
import type { MockConnector } from '../seed.js';
import type { SpaceState, StoredConnector } from '../state.js';
import { checkConnector, runParamsProblem } from '../type-schemas.js';

type License = Schemas['ConnectorType']['minimum_license_required'];

interface TypeInfo {
  name: string;
  license: License;
  features: string[];
}

const ALERTING = ['alerting', 'uptime', 'siem'];
const CASES = ['alerting', 'cases', 'siem'];
const AI = ['generativeAIForSecurity', 'generativeAIForObservability', 'generativeAIForSearchPlayground'];
const RESPONSE = ['siem', 'endpointSecurity'];

/** The connector types Kibana registers (every type of the spec), with their names, licenses and features. */
const CONNECTOR_TYPES: Readonly<Record<string, TypeInfo>> = {
  '.bedrock': { name: 'Amazon Bedrock', license: 'enterprise', features: AI },
  '.cases-webhook': { name: 'Webhook - Case Management', license: 'gold', features: ['cases'] },
  '.crowdstrike': { name: 'CrowdStrike', license: 'enterprise', features: RESPONSE },
  '.d3security': { name: 'D3 Security', license: 'gold', features: ALERTING },
  '.email': { name: 'Email', license: 'gold', features: ALERTING },
  '.gemini': { name: 'Google Gemini', license: 'enterprise', features: AI },
  '.gen-ai': { name: 'OpenAI', license: 'enterprise', features: AI },
  '.index': { name: 'Index', license: 'basic', features: ALERTING },
  '.jira': { name: 'Jira', license: 'gold', features: CASES },
  '.microsoft_defender_endpoint': {
    name: 'Microsoft Defender for Endpoint',
    license: 'enterprise',
    features: RESPONSE,
  },
  '.opsgenie': { name: 'Opsgenie', license: 'platinum', features: ALERTING },
  '.pagerduty': { name: 'PagerDuty', license: 'gold', features: ALERTING },
  '.resilient': { name: 'IBM Resilient', license: 'platinum', features: ['alerting', 'cases'] },
  '.sentinelone': { name: 'Sentinel One', license: 'enterprise', features: RESPONSE },
  '.server-log': { name: 'Server log', license: 'basic', features: ALERTING },
  '.servicenow': { name: 'ServiceNow ITSM', license: 'platinum', features: CASES },
  '.servicenow-itom': { name: 'ServiceNow ITOM', license: 'platinum', features: ['alerting', 'siem'] },
  '.servicenow-sir': { name: 'ServiceNow SecOps', license: 'platinum', features: ['cases', 'siem'] },
  '.slack': { name: 'Slack', license: 'gold', features: ALERTING },
  '.slack_api': { name: 'Slack API', license: 'gold', features: ALERTING },
  '.swimlane': { name: 'Swimlane', license: 'gold', features: CASES },
  '.teams': { name: 'Microsoft Teams', license: 'gold', features: ALERTING },
  '.thehive': { name: 'TheHive', license: 'gold', features: ['alerting', 'cases', 'siem'] },
  '.tines': { name: 'Tines', license: 'gold', features: ALERTING },
  '.torq': { name: 'Torq', license: 'gold', features: ALERTING },
  '.webhook': { name: 'Webhook', license: 'gold', features: ALERTING },
  '.xmatters': { name: 'xMatters', license: 'gold', features: ALERTING },
};

function requireConnector(space: SpaceState, id: string): StoredConnector {
  const found = space.connectors.get(id);
  if (!found) throw savedObjectNotFound('action', id);
  return found;
}

function missingKey(object: Record<string, unknown>, keys: string[]): string | undefined {
  return keys.find((key) => object[key] === undefined || object[key] === null);
}

/**
 * Kibana validates config and secrets against the connector type's schema and answers with the
 * type's wording; the config comes back with the type's defaults filled in.
 */
function validateForType(
  type: string,
  config: Record<string, unknown>,
  secrets: Record<string, unknown>,
  update: boolean,
): Record<string, unknown> {
  if (!CONNECTOR_TYPES[type]) throw new KibanaHttpError(400, `Action type "${type}" is not registered.`);
  const filled = checkConnector(type, config, secrets, update);
  // ServiceNow's schema leaves every secret optional; its validator asks for a user and password, or OAuth settings.
  if (type.startsWith('.servicenow')) {
    const secretKey = missingKey(
      secrets,
      config.isOAuth === true ? ['clientSecret', 'privateKey'] : ['username', 'password'],
    );
    if (secretKey)
      throw new KibanaHttpError(
        400,
        `error validating action type secrets: [${secretKey}]: expected value of type [string] but got [undefined]`,
      );
  }
  return filled;
}

/** Saved objects that point at the connector: rule actions, cases and case settings. */
function referenceCount(space: SpaceState, id: string): number {
  let count = 0;
  for (const rule of space.rules.values()) if (rule.actions.some((action) => action.id === id)) count++;
  for (const stored of space.cases.values()) if (stored.connector.id === id) count++;
  for (const configuration of space.configurations.values()) if (configuration.connector.id === id) count++;
  return count;
}

function create(space: SpaceState, id: string, body: Schemas['CreateOtherConnector']): Schemas['Connector'] {
  if (space.connectors.has(id)) throw savedObjectConflict('action', id);
  const secrets = body.secrets ?? {};
  const config = validateForType(body.connector_type_id, body.config ?? {}, secrets, false);
  const connector: MockConnector = {
    id,
    name: body.name,
    connector_type_id: body.connector_type_id,
    config,
    is_preconfigured: false,
    is_deprecated: false,
    is_system_action: false,
    is_missing_secrets: false,
  };
  space.connectors.set(id, { connector, secrets });
  return answerConnector(connector);
}

/** What running a connector gives, per type: Kibana answers failures of the connector in the body, not as an HTTP error. */
function run(stored: StoredConnector, params: Record<string, unknown>, now: string): Schemas['ConnectorExecuteResult'] {
  const { connector } = stored;
  const connectorId = connector.id;
  const problem = runParamsProblem(connector.connector_type_id, params);
  if (problem !== undefined) return { connector_id: connectorId, status: 'error', message: problem };
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
          items: documents.map((_, i) => ({
            create: {
              _index: index,
              _id: newId().replaceAll('-', '').slice(0, 20),
              _version: 1,
              result: 'created',
              _shards: { total: 2, successful: 1, failed: 0 },
              _seq_no: i,
              _primary_term: 1,
              status: 201,
            },
          })),
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
      return {
        connector_id: connectorId,
        status: 'ok',
        data: { id, title: `INC-${id}`, url: `https://incidents.example.com/${id}`, pushedDate: now, comments: [] },
      };
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
      .map(([id, info]) => ({
        id,
        name: info.name,
        enabled: true,
        enabled_in_config: true,
        enabled_in_license: true,
        minimum_license_required: info.license,
        supported_feature_ids: info.features,
        is_system_action_type: false,
      }));
  },

  getConnectors(context) {
    return [...context.space.connectors.values()]
      .map(({ connector }) => ({
        ...answerConnector(connector),
        referenced_by_count: referenceCount(context.space, connector.id),
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  },

  getConnector(context) {
    return answerConnector(requireConnector(context.space, context.path.id).connector);
  },

  createConnector(context) {
    return create(context.space, context.path.id, context.body);
  },

  createConnectorWithGeneratedId(context) {
    return create(context.space, newId(), context.body);
  },

  updateConnector(context) {
    const stored = requireConnector(context.space, context.path.id);
    if (stored.connector.is_preconfigured)
      throw new KibanaHttpError(400, `Preconfigured action ${context.path.id} can not be updated.`);
    const body: Schemas['UpdateOtherConnector'] = context.body;
    const secrets = body.secrets ?? {};
    const config = validateForType(stored.connector.connector_type_id, body.config ?? {}, secrets, true);
    stored.connector = { ...stored.connector, name: body.name, config, is_missing_secrets: false };
    stored.secrets = secrets;
    return answerConnector(stored.connector);
  },

  deleteConnector(context) {
    const stored = requireConnector(context.space, context.path.id);
    if (stored.connector.is_preconfigured)
      throw new KibanaHttpError(400, `Preconfigured action ${context.path.id} is not allowed to delete.`);
    context.space.connectors.delete(context.path.id);
  },

  runConnector(context) {
    return run(requireConnector(context.space, context.path.id), context.body.params, context.now);
  },
} satisfies Partial<Routes>;
