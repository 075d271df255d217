// Type-level tests of the connector types of generated/kibana.ts: for each connector type of
// /work/shared/kibana-docs/current-kibana.md, a right create body compiles and a wrong one does not.
// Vitest type-checks this file; nothing here runs.
import { describe, expectTypeOf, it } from 'vitest';
import type { components } from '../../generated/kibana.js';

type Schemas = components['schemas'];
type CreateBody = Schemas['ConnectorCreateRequest'];
type Connector = Schemas['Connector'];

describe('a connector create body, per connector_type_id', () => {
  it('.bedrock', () => {
    const right: CreateBody = {
      name: 'c',
      connector_type_id: '.bedrock',
      config: { apiUrl: 'https://bedrock-runtime.us-east-1.amazonaws.com' },
      secrets: { accessKey: 'AKIA', secret: 's' },
    };
    const wrong: CreateBody = {
      name: 'c',
      connector_type_id: '.bedrock',
      config: { apiUrl: 'https://b.test' },
      // @ts-expect-error secrets.secret is required
      secrets: { accessKey: 'AKIA' },
    };
    expectTypeOf(right.connector_type_id).toEqualTypeOf<'.bedrock'>();
  });

  it('.cases-webhook', () => {
    const right: CreateBody = {
      name: 'c',
      connector_type_id: '.cases-webhook',
      config: {
        createIncidentJson: '{}',
        createIncidentResponseKey: 'id',
        createIncidentUrl: 'https://i.test',
        getIncidentResponseExternalTitleKey: 'key',
        getIncidentUrl: 'https://i.test/{{{external.system.id}}}',
        updateIncidentJson: '{}',
        updateIncidentUrl: 'https://i.test/u',
        viewIncidentUrl: 'https://i.test/v',
      },
    };
    const wrong: CreateBody = {
      name: 'c',
      connector_type_id: '.cases-webhook',
      // @ts-expect-error the incident templates are required and get is no method
      config: { createIncidentUrl: 'https://i.test', createIncidentMethod: 'get' },
    };
    expectTypeOf(right.connector_type_id).toEqualTypeOf<'.cases-webhook'>();
  });

  it('.crowdstrike', () => {
    const right: CreateBody = {
      name: 'c',
      connector_type_id: '.crowdstrike',
      config: { url: 'https://api.crowdstrike.test' },
      secrets: { clientId: 'c', clientSecret: 's' },
    };
    const wrong: CreateBody = {
      name: 'c',
      connector_type_id: '.crowdstrike',
      config: { url: 'https://api.crowdstrike.test' },
      // @ts-expect-error CrowdStrike takes a client id and secret
      secrets: { token: 't' },
    };
    expectTypeOf(right.connector_type_id).toEqualTypeOf<'.crowdstrike'>();
  });

  it('.d3security', () => {
    const right: CreateBody = {
      name: 'c',
      connector_type_id: '.d3security',
      config: { url: 'https://d3.test' },
      secrets: { token: 't' },
    };
    const wrong: CreateBody = {
      name: 'c',
      connector_type_id: '.d3security',
      // @ts-expect-error url is a string
      config: { url: 42 },
      secrets: { token: 't' },
    };
    expectTypeOf(right.connector_type_id).toEqualTypeOf<'.d3security'>();
  });

  it('.email', () => {
    const right: CreateBody = {
      name: 'c',
      connector_type_id: '.email',
      config: { from: 'alerts@example.com', service: 'gmail' },
      secrets: { user: 'u', password: 'p' },
    };
    const wrong: CreateBody = {
      name: 'c',
      connector_type_id: '.email',
      // @ts-expect-error yahoo is no service
      config: { from: 'alerts@example.com', service: 'yahoo' },
    };
    expectTypeOf(right.connector_type_id).toEqualTypeOf<'.email'>();
  });

  it('.gemini', () => {
    const right: CreateBody = {
      name: 'c',
      connector_type_id: '.gemini',
      config: { apiUrl: 'https://g.test', gcpRegion: 'us-central1', gcpProjectID: 'p' },
      secrets: { credentialsJson: '{}' },
    };
    // @ts-expect-error gcpRegion and gcpProjectID are required
    const wrong: CreateBody = {
      name: 'c',
      connector_type_id: '.gemini',
      config: { apiUrl: 'https://g.test' },
      secrets: { credentialsJson: '{}' },
    };
    expectTypeOf(right.connector_type_id).toEqualTypeOf<'.gemini'>();
  });

  it('.gen-ai', () => {
    const right: CreateBody = {
      name: 'c',
      connector_type_id: '.gen-ai',
      config: { apiProvider: 'Azure OpenAI', apiUrl: 'https://x.openai.azure.com' },
      secrets: { apiKey: 'k' },
    };
    // @ts-expect-error the Other provider needs defaultModel
    const wrong: CreateBody = {
      name: 'c',
      connector_type_id: '.gen-ai',
      config: { apiProvider: 'Other', apiUrl: 'https://llm.test' },
      secrets: { apiKey: 'k' },
    };
    expectTypeOf(right.connector_type_id).toEqualTypeOf<'.gen-ai'>();
  });

  it('.index', () => {
    const right: CreateBody = { name: 'c', connector_type_id: '.index', config: { index: 'alerts-log' } };
    // @ts-expect-error index is one string
    const wrong: CreateBody = { name: 'c', connector_type_id: '.index', config: { index: ['alerts-log'] } };
    expectTypeOf(right.connector_type_id).toEqualTypeOf<'.index'>();
  });

  it('.jira', () => {
    const right: CreateBody = {
      name: 'c',
      connector_type_id: '.jira',
      config: { apiUrl: 'https://j.test', projectKey: 'OPS' },
      secrets: { email: 'e@example.com', apiToken: 't' },
    };
    // @ts-expect-error projectKey is required
    const wrong: CreateBody = {
      name: 'c',
      connector_type_id: '.jira',
      config: { apiUrl: 'https://j.test' },
      secrets: { email: 'e@example.com', apiToken: 't' },
    };
    expectTypeOf(right.connector_type_id).toEqualTypeOf<'.jira'>();
  });

  it('.microsoft_defender_endpoint', () => {
    const right: CreateBody = {
      name: 'c',
      connector_type_id: '.microsoft_defender_endpoint',
      config: { apiUrl: 'https://api.securitycenter.microsoft.com' },
      secrets: { clientSecret: 's' },
    };
    // @ts-expect-error secrets.clientSecret is required
    const wrong: CreateBody = {
      name: 'c',
      connector_type_id: '.microsoft_defender_endpoint',
      config: { apiUrl: 'https://api.securitycenter.microsoft.com' },
    };
    expectTypeOf(right.connector_type_id).toEqualTypeOf<'.microsoft_defender_endpoint'>();
  });

  it('.opsgenie', () => {
    const right: CreateBody = {
      name: 'c',
      connector_type_id: '.opsgenie',
      config: { apiUrl: 'https://api.opsgenie.com' },
      secrets: { apiKey: 'k' },
    };
    const wrong: CreateBody = {
      name: 'c',
      connector_type_id: '.opsgenie',
      config: { apiUrl: 'https://api.opsgenie.com' },
      // @ts-expect-error Opsgenie takes an apiKey
      secrets: { token: 'k' },
    };
    expectTypeOf(right.connector_type_id).toEqualTypeOf<'.opsgenie'>();
  });

  it('.pagerduty', () => {
    const right: CreateBody = { name: 'c', connector_type_id: '.pagerduty', secrets: { routingKey: 'r' } };
    // @ts-expect-error secrets.routingKey is required
    const wrong: CreateBody = {
      name: 'c',
      connector_type_id: '.pagerduty',
      config: { apiUrl: 'https://events.pagerduty.com/v2/enqueue' },
    };
    expectTypeOf(right.connector_type_id).toEqualTypeOf<'.pagerduty'>();
  });

  it('.resilient', () => {
    const right: CreateBody = {
      name: 'c',
      connector_type_id: '.resilient',
      config: { apiUrl: 'https://r.test', orgId: '201' },
      secrets: { apiKeyId: 'i', apiKeySecret: 's' },
    };
    const wrong: CreateBody = {
      name: 'c',
      connector_type_id: '.resilient',
      // @ts-expect-error orgId is a string
      config: { apiUrl: 'https://r.test', orgId: 201 },
      secrets: { apiKeyId: 'i', apiKeySecret: 's' },
    };
    expectTypeOf(right.connector_type_id).toEqualTypeOf<'.resilient'>();
  });

  it('.sentinelone', () => {
    const right: CreateBody = {
      name: 'c',
      connector_type_id: '.sentinelone',
      config: { url: 'https://s1.test' },
      secrets: { token: 't' },
    };
    const wrong: CreateBody = {
      name: 'c',
      connector_type_id: '.sentinelone',
      // @ts-expect-error SentinelOne takes url, not apiUrl
      config: { apiUrl: 'https://s1.test' },
      secrets: { token: 't' },
    };
    expectTypeOf(right.connector_type_id).toEqualTypeOf<'.sentinelone'>();
  });

  it('.server-log', () => {
    const right: CreateBody = { name: 'c', connector_type_id: '.server-log' };
    // @ts-expect-error a server log connector has no config
    const wrong: CreateBody = { name: 'c', connector_type_id: '.server-log', config: { level: 'info' } };
    expectTypeOf(right.connector_type_id).toEqualTypeOf<'.server-log'>();
  });

  it('.servicenow', () => {
    const right: CreateBody = {
      name: 'c',
      connector_type_id: '.servicenow',
      config: { apiUrl: 'https://dev.service-now.com', usesTableApi: false },
      secrets: { username: 'u', password: 'p' },
    };
    // @ts-expect-error apiUrl is required
    const wrong: CreateBody = { name: 'c', connector_type_id: '.servicenow', config: { usesTableApi: false } };
    expectTypeOf(right.connector_type_id).toEqualTypeOf<'.servicenow'>();
  });

  it('.servicenow-itom', () => {
    const right: CreateBody = {
      name: 'c',
      connector_type_id: '.servicenow-itom',
      config: { apiUrl: 'https://dev.service-now.com' },
      secrets: { username: 'u', password: 'p' },
    };
    const wrong: CreateBody = {
      name: 'c',
      connector_type_id: '.servicenow-itom',
      // @ts-expect-error ITOM has no usesTableApi
      config: { apiUrl: 'https://dev.service-now.com', usesTableApi: true },
    };
    expectTypeOf(right.connector_type_id).toEqualTypeOf<'.servicenow-itom'>();
  });

  it('.servicenow-sir', () => {
    const right: CreateBody = {
      name: 'c',
      connector_type_id: '.servicenow-sir',
      config: {
        apiUrl: 'https://dev.service-now.com',
        isOAuth: true,
        clientId: 'c',
        jwtKeyId: 'k',
        userIdentifierValue: 'u',
      },
      secrets: { clientSecret: 's', privateKey: 'k' },
    };
    const wrong: CreateBody = {
      name: 'c',
      connector_type_id: '.servicenow-sir',
      // @ts-expect-error isOAuth is a boolean
      config: { apiUrl: 'https://dev.service-now.com', isOAuth: 'yes' },
    };
    expectTypeOf(right.connector_type_id).toEqualTypeOf<'.servicenow-sir'>();
  });

  it('.slack', () => {
    const right: CreateBody = {
      name: 'c',
      connector_type_id: '.slack',
      secrets: { webhookUrl: 'https://hooks.slack.com/services/x' },
    };
    // @ts-expect-error the webhook connector takes a webhookUrl
    const wrong: CreateBody = { name: 'c', connector_type_id: '.slack', secrets: { token: 'xoxb' } };
    expectTypeOf(right.connector_type_id).toEqualTypeOf<'.slack'>();
  });

  it('.slack_api', () => {
    const right: CreateBody = {
      name: 'c',
      connector_type_id: '.slack_api',
      config: { allowedChannels: [{ id: 'C1', name: 'alerts' }] },
      secrets: { token: 'xoxb' },
    };
    const wrong: CreateBody = {
      name: 'c',
      connector_type_id: '.slack_api',
      // @ts-expect-error the Web API connector takes a token
      secrets: { webhookUrl: 'https://hooks.slack.com/services/x' },
    };
    expectTypeOf(right.connector_type_id).toEqualTypeOf<'.slack_api'>();
  });

  it('.swimlane', () => {
    const right: CreateBody = {
      name: 'c',
      connector_type_id: '.swimlane',
      config: { apiUrl: 'https://s.test', appId: 'a', connectorType: 'cases' },
      secrets: { apiToken: 't' },
    };
    const wrong: CreateBody = {
      name: 'c',
      connector_type_id: '.swimlane',
      // @ts-expect-error tickets is no connectorType
      config: { apiUrl: 'https://s.test', appId: 'a', connectorType: 'tickets' },
    };
    expectTypeOf(right.connector_type_id).toEqualTypeOf<'.swimlane'>();
  });

  it('.teams', () => {
    const right: CreateBody = {
      name: 'c',
      connector_type_id: '.teams',
      secrets: { webhookUrl: 'https://outlook.office.com/webhook/x' },
    };
    const wrong: CreateBody = {
      name: 'c',
      connector_type_id: '.teams',
      // @ts-expect-error the webhook URL is a secret
      config: { webhookUrl: 'https://outlook.office.com/webhook/x' },
    };
    expectTypeOf(right.connector_type_id).toEqualTypeOf<'.teams'>();
  });

  it('.thehive', () => {
    const right: CreateBody = {
      name: 'c',
      connector_type_id: '.thehive',
      config: { url: 'https://hive.test', organisation: 'soc' },
      secrets: { apiKey: 'k' },
    };
    const wrong: CreateBody = {
      name: 'c',
      connector_type_id: '.thehive',
      // @ts-expect-error url is required
      config: { organisation: 'soc' },
      secrets: { apiKey: 'k' },
    };
    expectTypeOf(right.connector_type_id).toEqualTypeOf<'.thehive'>();
  });

  it('.tines', () => {
    const right: CreateBody = {
      name: 'c',
      connector_type_id: '.tines',
      config: { url: 'https://tines.test' },
      secrets: { email: 'e@example.com', token: 't' },
    };
    // @ts-expect-error secrets.email is required
    const wrong: CreateBody = {
      name: 'c',
      connector_type_id: '.tines',
      config: { url: 'https://tines.test' },
      secrets: { token: 't' },
    };
    expectTypeOf(right.connector_type_id).toEqualTypeOf<'.tines'>();
  });

  it('.torq', () => {
    const right: CreateBody = {
      name: 'c',
      connector_type_id: '.torq',
      config: { webhookIntegrationUrl: 'https://hooks.torq.test/x' },
      secrets: { token: 't' },
    };
    const wrong: CreateBody = {
      name: 'c',
      connector_type_id: '.torq',
      // @ts-expect-error Torq takes webhookIntegrationUrl
      config: { url: 'https://hooks.torq.test/x' },
      secrets: { token: 't' },
    };
    expectTypeOf(right.connector_type_id).toEqualTypeOf<'.torq'>();
  });

  it('.webhook', () => {
    const right: CreateBody = {
      name: 'c',
      connector_type_id: '.webhook',
      config: { url: 'https://hooks.example.com', method: 'put', hasAuth: false },
    };
    // @ts-expect-error url is a string and yeet no method
    const wrong: CreateBody = { name: 'c', connector_type_id: '.webhook', config: { url: 42, method: 'yeet' } };
    expectTypeOf(right.connector_type_id).toEqualTypeOf<'.webhook'>();
  });

  it('.xmatters', () => {
    const right: CreateBody = {
      name: 'c',
      connector_type_id: '.xmatters',
      config: { usesBasic: false },
      secrets: { secretsUrl: 'https://x.test/flow?apiKey=k' },
    };
    // @ts-expect-error usesBasic is a boolean
    const wrong: CreateBody = { name: 'c', connector_type_id: '.xmatters', config: { usesBasic: 'no' } };
    expectTypeOf(right.connector_type_id).toEqualTypeOf<'.xmatters'>();
  });
});

describe('the connector unions', () => {
  it('narrow a connector result by connector_type_id', () => {
    const narrow = (connector: Connector) => {
      if (connector.connector_type_id === '.webhook')
        expectTypeOf(connector.config).toEqualTypeOf<Schemas['WebhookConnectorConfig'] | undefined>();
      if (connector.connector_type_id === '.index')
        expectTypeOf(connector.config).toEqualTypeOf<Schemas['IndexConnectorConfig'] | undefined>();
    };
    expectTypeOf(narrow).toBeFunction();
  });

  it('do not offer another type’s config fields', () => {
    // @ts-expect-error apiUrl belongs to Bedrock, not to a webhook
    const body: CreateBody = { name: 'c', connector_type_id: '.webhook', config: { apiUrl: 'https://b.test' } };
  });

  it('refuse a type the spec does not describe, which takes the generic form instead', () => {
    // @ts-expect-error a plugin's type is not a member of the typed union
    const typed: CreateBody = { name: 'c', connector_type_id: '.my-plugin', config: { anything: 1 } };
    const generic: Schemas['CreateOtherConnector'] = {
      name: 'c',
      connector_type_id: '.my-plugin',
      config: { anything: 1 },
    };
    expectTypeOf(generic.connector_type_id).toBeString();
  });

  it('tell the three OpenAI providers apart by apiProvider, the Other one only on create', () => {
    const other: Schemas['OpenAiConnectorConfig'] = {
      apiProvider: 'Other',
      apiUrl: 'https://llm.test',
      defaultModel: 'llama3',
    };
    const update: Schemas['UpdateOpenAiConnector'] = {
      name: 'ai',
      // @ts-expect-error an update takes the OpenAI or the Azure shape only
      config: { apiProvider: 'Other', apiUrl: 'https://llm.test', defaultModel: 'llama3' },
    };
    expectTypeOf(other.apiProvider).toEqualTypeOf<'Other'>();
  });

  it('type an update by the connector type, and run params likewise', () => {
    const update: Schemas['ConnectorUpdateRequestByType']['.webhook'] = {
      name: 'hook',
      config: { url: 'https://h.test' },
    };
    // @ts-expect-error a server log run needs a message
    const run: Schemas['ConnectorRunParamsByType']['.server-log'] = { level: 'info' };
    const slack: Schemas['ConnectorRunParamsByType']['.slack_api'] = {
      subAction: 'postMessage',
      subActionParams: { channelIds: ['C1'], text: 'hi' },
    };
    const pagerDuty: Schemas['ConnectorRunParamsByType']['.pagerduty'] = { eventAction: 'resolve', dedupKey: 'k' };
    const email: Schemas['ConnectorRunParamsByType']['.email'] = { to: ['a@example.com'], subject: 's', message: 'm' };
    expectTypeOf(update.name).toBeString();
  });
});
