// The per-type schemas the mock reads from the spec, and Kibana's messages for what a type refuses.
import { describe, expect, it } from 'vitest';
import {
  checkConnector,
  checkRuleParams,
  connectorTypeSchemas,
  ruleParamsSchemas,
  runParamsProblem,
} from '../../src/testing/type-schemas.js';

const CONNECTOR_TYPES = [
  '.bedrock',
  '.cases-webhook',
  '.crowdstrike',
  '.d3security',
  '.email',
  '.gemini',
  '.gen-ai',
  '.index',
  '.jira',
  '.microsoft_defender_endpoint',
  '.opsgenie',
  '.pagerduty',
  '.resilient',
  '.sentinelone',
  '.server-log',
  '.servicenow',
  '.servicenow-itom',
  '.servicenow-sir',
  '.slack',
  '.slack_api',
  '.swimlane',
  '.teams',
  '.thehive',
  '.tines',
  '.torq',
  '.webhook',
  '.xmatters',
];
const RULE_TYPES = [
  '.es-query',
  '.index-threshold',
  'apm.error_rate',
  'apm.rules.anomaly',
  'apm.transaction_duration',
  'apm.transaction_error_rate',
  'logs.alert.document.count',
  'metrics.alert.inventory.threshold',
  'metrics.alert.threshold',
  'slo.rules.burnRate',
  'xpack.uptime.alerts.monitorStatus',
  'xpack.uptime.alerts.tls',
];

function messageOf(call: () => unknown): string {
  try {
    call();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the check to refuse');
}

describe('the schemas per type', () => {
  it('cover every connector type and rule type of current-kibana.md', () => {
    expect([...connectorTypeSchemas().keys()].sort()).toEqual(CONNECTOR_TYPES);
    expect([...ruleParamsSchemas().keys()].sort()).toEqual(RULE_TYPES);
  });

  it('check config before secrets, in Kibana’s words, and fill the config’s defaults', () => {
    expect(messageOf(() => checkConnector('.webhook', { url: 42 }, {}, false))).toBe(
      'error validating action type config: [url]: expected value of type [string] but got [number]',
    );
    expect(messageOf(() => checkConnector('.jira', {}, {}, false))).toBe(
      'error validating action type config: [apiUrl]: expected value of type [string] but got [undefined]',
    );
    expect(messageOf(() => checkConnector('.jira', { apiUrl: 'u', projectKey: 'K' }, { email: 'e' }, false))).toBe(
      'error validating action type secrets: [apiToken]: expected value of type [string] but got [undefined]',
    );
    expect(checkConnector('.webhook', { url: 'https://h.test' }, {}, false)).toEqual({
      url: 'https://h.test',
      hasAuth: true,
      method: 'post',
      verificationMode: 'full',
    });
  });

  it('take the Other OpenAI provider on create only', () => {
    const other = { apiProvider: 'Other', apiUrl: 'https://llm.test', defaultModel: 'llama3' };
    expect(checkConnector('.gen-ai', other, {}, false)).toMatchObject({
      apiProvider: 'Other',
      verificationMode: 'full',
    });
    expect(() => checkConnector('.gen-ai', other, {}, true)).toThrow(/^error validating action type config: /);
  });

  it('leave types the spec does not describe to their own checks', () => {
    expect(checkConnector('.my-plugin', { anything: 1 }, {}, false)).toEqual({ anything: 1 });
    expect(checkRuleParams('.geo-containment', { index: 'vehicles' })).toEqual({ index: 'vehicles' });
    expect(runParamsProblem('.my-plugin', {})).toBeUndefined();
  });

  it('check rule params, choosing the .es-query shape by searchType', () => {
    expect(messageOf(() => checkRuleParams('.index-threshold', {}))).toBe(
      'params invalid: [index]: expected value of type [array] but got [undefined]',
    );
    const esql = {
      searchType: 'esqlQuery',
      esqlQuery: { esql: 'FROM logs-*' },
      size: 0,
      threshold: [0],
      thresholdComparator: '>',
      timeWindowSize: 5,
      timeWindowUnit: 'm',
    };
    expect(checkRuleParams('.es-query', esql)).toMatchObject({ ...esql, aggType: 'count', groupBy: 'all' });
    const { searchType, ...withoutSearchType } = esql;
    expect(searchType).toBe('esqlQuery');
    // Without searchType the params are those of a Query DSL rule, which need esQuery.
    expect(messageOf(() => checkRuleParams('.es-query', withoutSearchType))).toMatch(/^params invalid: \[esQuery\]/);
  });

  it('check run params per type', () => {
    expect(runParamsProblem('.server-log', {})).toBe(
      'error validating action params: [message]: expected value of type [string] but got [undefined]',
    );
    expect(runParamsProblem('.server-log', { message: 'hi', level: 'loud' })).toMatch(
      /^error validating action params: \[level\]: types that failed validation:/,
    );
    expect(runParamsProblem('.pagerduty', { eventAction: 'resolve', dedupKey: 'k' })).toBeUndefined();
  });
});
