// Type-level tests of kibana.rules. Vitest type-checks this file (nothing here runs): an assertion
// fails by not compiling, or by a `@ts-expect-error` that finds no error.
import { describe, expectTypeOf, it } from 'vitest';
import type {
  CreateIndexThresholdRule,
  CreateRuleBody,
  FindRulesQuery,
  KibanaClient,
  OperationBody,
  Rule,
  RuleTypeId,
  Schemas,
  UpdateRuleBody,
} from '../../src/index.node.js';

declare const kibana: KibanaClient;

type CreateBody = OperationBody<'createRule'>;

const minimalRule: CreateBody = {
  name: 'cpu',
  rule_type_id: '.index-threshold',
  consumer: 'alerts',
  schedule: { interval: '1m' },
  params: {
    index: ['metrics-*'],
    threshold: [90],
    thresholdComparator: '>',
    timeField: '@timestamp',
    timeWindowSize: 5,
    timeWindowUnit: 'm',
  },
};

describe('rules.create', () => {
  it('requires name, rule_type_id, consumer and schedule', () => {
    const { name, ...noName } = minimalRule;
    const { rule_type_id, ...noType } = minimalRule;
    const { consumer, ...noConsumer } = minimalRule;
    const { schedule, ...noSchedule } = minimalRule;
    // @ts-expect-error name is required
    void kibana.rules.create(noName);
    // @ts-expect-error rule_type_id is required
    void kibana.rules.create(noType);
    // @ts-expect-error consumer is required
    void kibana.rules.create(noConsumer);
    // @ts-expect-error schedule is required
    void kibana.rules.create(noSchedule);
    // @ts-expect-error schedule needs its interval
    void kibana.rules.create({ ...minimalRule, schedule: {} });
    expectTypeOf(name).toBeString();
    expectTypeOf(rule_type_id).toBeString();
    expectTypeOf(consumer).toBeString();
    expectTypeOf(schedule).toEqualTypeOf<Schemas['RuleSchedule']>();
  });

  it('takes the id as an option, next to the call options', () => {
    expectTypeOf(kibana.rules.create(minimalRule)).resolves.toEqualTypeOf<Rule>();
    expectTypeOf(
      kibana.rules.create(minimalRule, { id: 'cpu-rule', space: 'ops', requestTimeout: 1000 }),
    ).resolves.toEqualTypeOf<Rule>();
    // @ts-expect-error the id is a string
    void kibana.rules.create(minimalRule, { id: 42 });
    // @ts-expect-error not a call option
    void kibana.rules.create(minimalRule, { ruleId: 'x' });
  });

  it('rejects fields a rule does not have, and enforces the notify_when enum', () => {
    // @ts-expect-error `interval` belongs in schedule
    void kibana.rules.create({ ...minimalRule, interval: '1m' });
    void kibana.rules.create({
      ...minimalRule,
      actions: [{ id: 'c1', group: 'threshold met', frequency: { summary: false, notify_when: 'onActiveAlert' } }],
    });
    void kibana.rules.create({
      ...minimalRule,
      // @ts-expect-error notify_when is one of onActionGroupChange, onActiveAlert, onThrottleInterval
      actions: [{ id: 'c1', frequency: { summary: false, notify_when: 'always' } }],
    });
    // @ts-expect-error an action needs the connector id
    void kibana.rules.create({ ...minimalRule, actions: [{ group: 'threshold met' }] });
    expectTypeOf<Schemas['RuleNotifyWhen']>().toEqualTypeOf<
      'onActionGroupChange' | 'onActiveAlert' | 'onThrottleInterval'
    >();
  });
});

describe('rules.update', () => {
  it('requires name and schedule, and refuses what cannot change', () => {
    const body: OperationBody<'updateRule'> = { name: 'cpu', schedule: { interval: '5m' } };
    expectTypeOf(kibana.rules.update('r1', body)).resolves.toEqualTypeOf<Rule>();
    // @ts-expect-error schedule is required
    void kibana.rules.update('r1', { name: 'cpu' });
    // @ts-expect-error the rule type cannot change
    void kibana.rules.update('r1', { ...body, rule_type_id: '.es-query' });
    // @ts-expect-error the enabled state changes through enable() and disable()
    void kibana.rules.update('r1', { ...body, enabled: false });
    // @ts-expect-error the id comes first
    void kibana.rules.update(body);
  });
});

describe('rules.find and rules.iterate', () => {
  it('takes has_reference as a { type, id } object, not as JSON text', () => {
    void kibana.rules.find({ has_reference: { type: 'action', id: 'c1' } });
    expectTypeOf<NonNullable<FindRulesQuery['has_reference']>>().toEqualTypeOf<{ id: string; type: string }>();
    // @ts-expect-error the SDK writes the JSON text
    void kibana.rules.find({ has_reference: '{"type":"action","id":"c1"}' });
    // @ts-expect-error both type and id are needed
    void kibana.rules.find({ has_reference: { type: 'action' } });
    // @ts-expect-error iterate takes the same object form
    void kibana.rules.iterate({ has_reference: 'x' });
  });

  it('enforces the query enums and snake_case paging', () => {
    void kibana.rules.find({
      per_page: 50,
      page: 2,
      sort_order: 'asc',
      default_search_operator: 'AND',
      search_fields: 'name',
    });
    void kibana.rules.find({ search_fields: ['name', 'tags'], fields: ['name'], filter_consumers: ['alerts'] });
    // @ts-expect-error sort_order is asc or desc
    void kibana.rules.find({ sort_order: 'up' });
    // @ts-expect-error default_search_operator is OR or AND
    void kibana.rules.find({ default_search_operator: 'NOT' });
    // @ts-expect-error paging is snake_case (per_page), unlike cases
    void kibana.rules.find({ perPage: 10 });
    // @ts-expect-error fields is a list
    void kibana.rules.find({ fields: 'name' });
  });

  it('returns a page of rules, and iterate yields rules', () => {
    expectTypeOf(kibana.rules.find()).resolves.toEqualTypeOf<Schemas['RuleFindResponse']>();
    expectTypeOf<Schemas['RuleFindResponse']['data']>().toEqualTypeOf<Schemas['Rule'][]>();
    expectTypeOf<Schemas['RuleFindResponse']['total']>().toBeNumber();
    expectTypeOf(kibana.rules.iterate({ per_page: 10 })).toEqualTypeOf<AsyncGenerator<Rule, void, undefined>>();
  });
});

describe('rule results', () => {
  it('carry the documented fields', () => {
    type Rule = Awaited<ReturnType<KibanaClient['rules']['get']>>;
    expectTypeOf<Rule['id']>().toBeString();
    expectTypeOf<Rule['enabled']>().toBeBoolean();
    expectTypeOf<Rule['tags']>().toEqualTypeOf<string[]>();
    expectTypeOf<Rule['execution_status']['status']>().toEqualTypeOf<
      'ok' | 'active' | 'error' | 'warning' | 'pending' | 'unknown'
    >();
    expectTypeOf<Rule['actions'][number]['connector_type_id']>().toBeString();
    expectTypeOf<Rule['api_key_owner']>().toEqualTypeOf<string | null>();
    expectTypeOf<NonNullable<Rule['last_run']>['outcome']>().toEqualTypeOf<'succeeded' | 'warning' | 'failed'>();
  });

  it('health, types', () => {
    type Health = Awaited<ReturnType<KibanaClient['rules']['health']>>;
    expectTypeOf<Health['is_sufficiently_secure']>().toBeBoolean();
    expectTypeOf<Health['alerting_framework_health']['read_health']['status']>().toEqualTypeOf<
      'ok' | 'warn' | 'error'
    >();
    expectTypeOf(kibana.rules.types()).resolves.toEqualTypeOf<Schemas['RuleType'][]>();
    expectTypeOf<Schemas['RuleType']['category']>().toEqualTypeOf<
      'management' | 'observability' | 'securitySolution'
    >();
  });
});

describe('rule actions without an answer', () => {
  it('resolve to void', () => {
    expectTypeOf(kibana.rules.delete('r1')).resolves.toBeVoid();
    expectTypeOf(kibana.rules.enable('r1')).resolves.toBeVoid();
    expectTypeOf(kibana.rules.disable('r1')).resolves.toBeVoid();
    expectTypeOf(kibana.rules.muteAll('r1')).resolves.toBeVoid();
    expectTypeOf(kibana.rules.unmuteAll('r1')).resolves.toBeVoid();
    expectTypeOf(kibana.rules.muteAlert('r1', 'a1')).resolves.toBeVoid();
    expectTypeOf(kibana.rules.unmuteAlert('r1', 'a1')).resolves.toBeVoid();
    expectTypeOf(kibana.rules.updateApiKey('r1')).resolves.toBeVoid();
  });

  it('disable takes an optional { untrack: boolean } body before the call options', () => {
    void kibana.rules.disable('r1', { untrack: true });
    void kibana.rules.disable('r1', {}, { space: 'ops' });
    // @ts-expect-error untrack is a boolean
    void kibana.rules.disable('r1', { untrack: 'yes' });
    // @ts-expect-error the body has nothing but untrack
    void kibana.rules.disable('r1', { reason: 'maintenance' });
  });

  it('need their ids', () => {
    // @ts-expect-error the rule id is required
    void kibana.rules.get();
    // @ts-expect-error the alert id is required too
    void kibana.rules.muteAlert('r1');
    // @ts-expect-error ids are strings
    void kibana.rules.enable(42);
  });
});

describe('rule bodies typed by the rule type', () => {
  const common = { name: 'r', consumer: 'alerts', schedule: { interval: '1m' } };
  const threshold = {
    index: ['metrics-*'],
    threshold: [90],
    thresholdComparator: '>',
    timeField: '@timestamp',
    timeWindowSize: 5,
    timeWindowUnit: 'm',
  } as const satisfies Schemas['IndexThresholdRuleParams'];

  it('create infers the type from rule_type_id and takes that type’s params', () => {
    void kibana.rules.create({
      ...common,
      rule_type_id: '.index-threshold',
      params: { ...threshold, aggType: 'avg', aggField: 'cpu' },
    });
    // @ts-expect-error an index threshold rule reads a list of indices
    void kibana.rules.create({ ...common, rule_type_id: '.index-threshold', params: { index: 'metrics-*' } });
    void kibana.rules.create({
      ...common,
      rule_type_id: 'apm.error_rate',
      // @ts-expect-error the window unit is m, h or d
      params: { windowSize: 5, windowUnit: 's', environment: 'production', threshold: 10 },
    });
    expectTypeOf<CreateRuleBody<'.index-threshold'>>().toEqualTypeOf<CreateIndexThresholdRule>();
    expectTypeOf<RuleTypeId>().toEqualTypeOf<Schemas['RuleCreateRequest']['rule_type_id']>();
  });

  it('create takes rule types without a published params schema in the generic form, without a cast', () => {
    expectTypeOf(
      kibana.rules.create({
        ...common,
        rule_type_id: '.geo-containment',
        params: { index: 'tracks', geoField: 'location', entity: 'vehicle_id', boundaryType: 'entireIndex' },
      }),
    ).resolves.toEqualTypeOf<Rule>();
    void kibana.rules.create({
      ...common,
      rule_type_id: 'xpack.ml.anomaly_detection_alert',
      params: { jobSelection: {} },
    });
    void kibana.rules.create({ ...common, consumer: 'siem', rule_type_id: 'siem.queryRule', params: { query: '*' } });
    void kibana.rules.create({ ...common, rule_type_id: '.geo-containment' });
    // @ts-expect-error the generic form still checks the common fields
    void kibana.rules.create({ ...common, rule_type_id: '.geo-containment', schedule: { every: '1m' } });
  });

  it('update takes the type as a type parameter; without it, the body of any type', () => {
    const update = { name: 'cpu', schedule: { interval: '5m' } };
    void kibana.rules.update<'.index-threshold'>('r1', { ...update, params: threshold });
    // @ts-expect-error an index threshold rule reads a list of indices
    void kibana.rules.update<'.index-threshold'>('r1', { ...update, params: { index: 'metrics-*' } });
    void kibana.rules.update('r1', { ...update, params: { anything: 1 } });
    void kibana.rules.update<'.geo-containment'>('r1', { ...update, params: { index: 'tracks' } });
    expectTypeOf<UpdateRuleBody<'.index-threshold'>>().toEqualTypeOf<Schemas['UpdateIndexThresholdRule']>();
    expectTypeOf<UpdateRuleBody>().toEqualTypeOf<Schemas['RuleUpdateRequest']>();
    expectTypeOf<UpdateRuleBody<'.geo-containment'>>().toEqualTypeOf<Schemas['UpdateOtherRule']>();
  });
});
