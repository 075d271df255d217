// Type-level tests of the rule types of generated/kibana.ts: for each rule type of
// /work/shared/kibana-docs/current-kibana.md, a create body with right params compiles and one with
// wrong params does not. Vitest type-checks this file; nothing here runs.
import { describe, expectTypeOf, it } from 'vitest';
import type { components } from '../../generated/kibana.js';

type Schemas = components['schemas'];
type CreateBody = Schemas['RuleCreateRequest'];
type Rule = Schemas['Rule'];

const base = { name: 'r', consumer: 'alerts', schedule: { interval: '1m' } };

describe('a rule create body, per rule_type_id', () => {
  it('.index-threshold', () => {
    const right: CreateBody = {
      ...base,
      rule_type_id: '.index-threshold',
      params: {
        index: ['metrics-*'],
        timeField: '@timestamp',
        aggType: 'avg',
        aggField: 'system.cpu.total.pct',
        groupBy: 'top',
        termField: 'host.name',
        termSize: 5,
        threshold: [0.9],
        thresholdComparator: '>',
        timeWindowSize: 5,
        timeWindowUnit: 'm',
      },
    };
    const wrong: CreateBody = {
      ...base,
      rule_type_id: '.index-threshold',
      params: {
        index: ['metrics-*'],
        timeField: '@timestamp',
        // @ts-expect-error aggType 'average' is no aggregation, and threshold is required
        aggType: 'average',
        thresholdComparator: '>',
        timeWindowSize: 5,
        timeWindowUnit: 'm',
      },
    };
    expectTypeOf(right.rule_type_id).toEqualTypeOf<'.index-threshold'>();
  });

  it('.es-query', () => {
    const right: CreateBody = {
      ...base,
      rule_type_id: '.es-query',
      params: {
        searchType: 'esqlQuery',
        esqlQuery: { esql: 'FROM logs-* | WHERE log.level == "error"' },
        size: 0,
        threshold: [0],
        thresholdComparator: '>',
        timeWindowSize: 5,
        timeWindowUnit: 'm',
      },
    };
    const wrong: CreateBody = {
      ...base,
      rule_type_id: '.es-query',
      params: {
        // @ts-expect-error an ES|QL rule compares with > only
        searchType: 'esqlQuery',
        esqlQuery: { esql: 'FROM logs-*' },
        size: 0,
        threshold: [0],
        thresholdComparator: '>=',
        timeWindowSize: 5,
        timeWindowUnit: 'm',
      },
    };
    expectTypeOf(right.rule_type_id).toEqualTypeOf<'.es-query'>();
  });

  it('apm.error_rate', () => {
    const right: CreateBody = {
      ...base,
      rule_type_id: 'apm.error_rate',
      params: { windowSize: 5, windowUnit: 'm', environment: 'production', threshold: 10, groupBy: ['service.name'] },
    };
    const wrong: CreateBody = {
      ...base,
      rule_type_id: 'apm.error_rate',
      // @ts-expect-error APM windows are in minutes, hours or days
      params: { windowSize: 5, windowUnit: 's', environment: 'production', threshold: 10 },
    };
    expectTypeOf(right.rule_type_id).toEqualTypeOf<'apm.error_rate'>();
  });

  it('apm.rules.anomaly', () => {
    const right: CreateBody = {
      ...base,
      rule_type_id: 'apm.rules.anomaly',
      params: { windowSize: 30, windowUnit: 'm', environment: 'ENVIRONMENT_ALL', anomalySeverityType: 'critical' },
    };
    const wrong: CreateBody = {
      ...base,
      rule_type_id: 'apm.rules.anomaly',
      // @ts-expect-error severe is no anomaly severity
      params: { windowSize: 30, windowUnit: 'm', environment: 'ENVIRONMENT_ALL', anomalySeverityType: 'severe' },
    };
    expectTypeOf(right.rule_type_id).toEqualTypeOf<'apm.rules.anomaly'>();
  });

  it('apm.transaction_duration', () => {
    const right: CreateBody = {
      ...base,
      rule_type_id: 'apm.transaction_duration',
      params: { windowSize: 5, windowUnit: 'm', environment: 'production', threshold: 1500, aggregationType: '95th' },
    };
    // @ts-expect-error aggregationType is required
    const wrong: CreateBody = {
      ...base,
      rule_type_id: 'apm.transaction_duration',
      params: { windowSize: 5, windowUnit: 'm', environment: 'production', threshold: 1500 },
    };
    expectTypeOf(right.rule_type_id).toEqualTypeOf<'apm.transaction_duration'>();
  });

  it('apm.transaction_error_rate', () => {
    const right: CreateBody = {
      ...base,
      rule_type_id: 'apm.transaction_error_rate',
      params: { windowSize: 5, windowUnit: 'h', environment: 'production', threshold: 5, serviceName: 'checkout' },
    };
    const wrong: CreateBody = {
      ...base,
      rule_type_id: 'apm.transaction_error_rate',
      // @ts-expect-error threshold is a number
      params: { windowSize: 5, windowUnit: 'h', environment: 'production', threshold: '5%' },
    };
    expectTypeOf(right.rule_type_id).toEqualTypeOf<'apm.transaction_error_rate'>();
  });

  it('logs.alert.document.count', () => {
    const right: CreateBody = {
      ...base,
      rule_type_id: 'logs.alert.document.count',
      params: {
        count: { comparator: 'more than', value: 100 },
        timeSize: 5,
        timeUnit: 'm',
        logView: { logViewId: 'default', type: 'log-view-reference' },
        criteria: [{ field: 'log.level', comparator: 'equals', value: 'error' }],
      },
    };
    const wrong: CreateBody = {
      ...base,
      rule_type_id: 'logs.alert.document.count',
      params: {
        // @ts-expect-error 'more' is no comparator
        count: { comparator: 'more', value: 100 },
        timeSize: 5,
        timeUnit: 'm',
        logView: { logViewId: 'default', type: 'log-view-reference' },
      },
    };
    expectTypeOf(right.rule_type_id).toEqualTypeOf<'logs.alert.document.count'>();
  });

  it('metrics.alert.inventory.threshold', () => {
    const right: CreateBody = {
      ...base,
      rule_type_id: 'metrics.alert.inventory.threshold',
      params: {
        nodeType: 'host',
        criteria: [{ metric: 'cpu', comparator: '>', threshold: [80], timeSize: 1, timeUnit: 'm' }],
      },
    };
    const wrong: CreateBody = {
      ...base,
      rule_type_id: 'metrics.alert.inventory.threshold',
      // @ts-expect-error server is no node type
      params: { nodeType: 'server' },
    };
    expectTypeOf(right.rule_type_id).toEqualTypeOf<'metrics.alert.inventory.threshold'>();
  });

  it('metrics.alert.threshold', () => {
    const right: CreateBody = {
      ...base,
      rule_type_id: 'metrics.alert.threshold',
      params: {
        criteria: [
          {
            aggType: 'avg',
            metric: 'system.cpu.user.pct',
            comparator: '>',
            threshold: [0.8],
            timeSize: 1,
            timeUnit: 'm',
          },
        ],
        groupBy: ['host.name'],
      },
    };
    const wrong: CreateBody = {
      ...base,
      rule_type_id: 'metrics.alert.threshold',
      // @ts-expect-error median is no aggregation
      params: { criteria: [{ aggType: 'median', metric: 'system.cpu.user.pct' }] },
    };
    expectTypeOf(right.rule_type_id).toEqualTypeOf<'metrics.alert.threshold'>();
  });

  it('slo.rules.burnRate', () => {
    const right: CreateBody = {
      ...base,
      rule_type_id: 'slo.rules.burnRate',
      params: {
        sloId: 'slo-1',
        burnRateThreshold: 14.4,
        maxBurnRateThreshold: 720,
        longWindow: { value: 1, unit: 'h' },
        shortWindow: { value: 5, unit: 'm' },
      },
    };
    // @ts-expect-error sloId is a string
    const wrong: CreateBody = { ...base, rule_type_id: 'slo.rules.burnRate', params: { sloId: 1 } };
    expectTypeOf(right.rule_type_id).toEqualTypeOf<'slo.rules.burnRate'>();
  });

  it('xpack.uptime.alerts.monitorStatus', () => {
    const right: CreateBody = {
      ...base,
      rule_type_id: 'xpack.uptime.alerts.monitorStatus',
      params: {
        numTimes: 5,
        shouldCheckStatus: true,
        shouldCheckAvailability: false,
        timerangeCount: 15,
        timerangeUnit: 'm',
      },
    };
    const wrong: CreateBody = {
      ...base,
      rule_type_id: 'xpack.uptime.alerts.monitorStatus',
      // @ts-expect-error shouldCheckAvailability is required
      params: { numTimes: 5, shouldCheckStatus: true },
    };
    expectTypeOf(right.rule_type_id).toEqualTypeOf<'xpack.uptime.alerts.monitorStatus'>();
  });

  it('xpack.uptime.alerts.tls', () => {
    const right: CreateBody = {
      ...base,
      rule_type_id: 'xpack.uptime.alerts.tls',
      params: { certExpirationThreshold: 30, certAgeThreshold: 730, search: 'monitor.type: http' },
    };
    const wrong: CreateBody = {
      ...base,
      rule_type_id: 'xpack.uptime.alerts.tls',
      // @ts-expect-error thresholds are numbers of days
      params: { certExpirationThreshold: '30d' },
    };
    expectTypeOf(right.rule_type_id).toEqualTypeOf<'xpack.uptime.alerts.tls'>();
  });
});

describe('the rule unions', () => {
  it('tell .es-query params apart by searchType; without it a rule is a Query DSL one', () => {
    const dsl: Schemas['EsQueryRuleParams'] = {
      esQuery: '{"query":{"match_all":{}}}',
      index: ['logs-*'],
      timeField: '@timestamp',
      threshold: [10],
      thresholdComparator: '>',
      timeWindowSize: 5,
      timeWindowUnit: 'm',
    };
    const kql: Schemas['EsQueryRuleParams'] = {
      searchType: 'searchSource',
      searchConfiguration: { query: { query: 'log.level: error', language: 'kuery' }, index: 'data-view-id' },
      size: 100,
      threshold: [0],
      thresholdComparator: '>',
      timeWindowSize: 5,
      timeWindowUnit: 'm',
    };
    const mixed: Schemas['EsQueryRuleParams'] = {
      searchType: 'searchSource',
      // @ts-expect-error a searchSource rule has no esQuery text, and needs a size
      esQuery: '{}',
      threshold: [0],
      thresholdComparator: '>',
      timeWindowSize: 5,
      timeWindowUnit: 'm',
    };
    expectTypeOf(kql).toMatchTypeOf<Schemas['EsQueryRuleParams']>();
    expectTypeOf(dsl).toMatchTypeOf<Schemas['EsQueryRuleParams']>();
  });

  it('narrow a rule result by rule_type_id', () => {
    const narrow = (rule: Rule) => {
      if (rule.rule_type_id === '.index-threshold')
        expectTypeOf(rule.params).toEqualTypeOf<Schemas['IndexThresholdRuleParams']>();
      if (rule.rule_type_id === 'apm.error_rate') expectTypeOf(rule.params.threshold).toEqualTypeOf<number>();
    };
    expectTypeOf(narrow).toBeFunction();
  });

  it('refuse a rule type without typed params, which takes the generic form instead', () => {
    // @ts-expect-error .geo-containment has no typed params in the spec
    const typed: CreateBody = { ...base, rule_type_id: '.geo-containment', params: { index: 'vehicles' } };
    const generic: Schemas['CreateOtherRule'] = {
      ...base,
      rule_type_id: '.geo-containment',
      params: { index: 'vehicles' },
    };
    expectTypeOf(generic.rule_type_id).toBeString();
  });

  it('take artifacts, and fields Kibana adds later are no type error in a variable', () => {
    const withArtifacts: CreateBody = {
      ...base,
      rule_type_id: 'xpack.uptime.alerts.tls',
      params: {},
      artifacts: { dashboards: [{ id: 'd1' }], investigation_guide: { blob: '# Runbook' } },
    };
    const later = { ...base, rule_type_id: 'xpack.uptime.alerts.tls' as const, params: {}, added_in_kibana_10: true };
    const open: CreateBody = later;
    expectTypeOf(withArtifacts.artifacts).toEqualTypeOf<Schemas['RuleArtifacts'] | undefined>();
    expectTypeOf(open).toMatchTypeOf<CreateBody>();
  });

  it('type an update by the rule type', () => {
    const update: Schemas['RuleUpdateRequestByType']['apm.transaction_duration'] = {
      name: 'latency',
      schedule: { interval: '5m' },
      params: { windowSize: 5, windowUnit: 'm', environment: 'production', threshold: 1500, aggregationType: 'avg' },
    };
    // @ts-expect-error the update of an index threshold rule needs its params
    const bare: Schemas['RuleUpdateRequestByType']['.index-threshold'] = { name: 'cpu', schedule: { interval: '5m' } };
    expectTypeOf(update.name).toBeString();
  });
});
