// Alerting: rules per space (find, read, create, update, delete, enable, disable, mute, API key),
// rule types and framework health.
import type { OperationId, Schemas } from '../../types.js';
import { KibanaHttpError, savedObjectConflict, savedObjectNotFound } from '../respond.js';
import { answerRule, asList, newId, pageOf, type RouteContext, type Routes } from '../routes.js';
import type { MockRule } from '../seed.js';
import { specExample } from '../spec.js';
import type { SpaceState } from '../state.js';
import { checkRuleParams, ruleParamsSchemas } from '../type-schemas.js';
import { customToRRule, rRuleToCustom, snoozeEnd } from './snooze.js';

type Rule = MockRule;
type AnyContext = RouteContext<OperationId>;

const MAX_RESULT_WINDOW = 10_000;

function ruleType(
  id: string,
  name: string,
  category: Schemas['RuleType']['category'],
  producer: string,
  groups: Array<[string, string]>,
  consumers: string[],
): Schemas['RuleType'] {
  return {
    id,
    name,
    category,
    producer,
    action_groups: [
      ...groups.map(([groupId, groupName]) => ({ id: groupId, name: groupName })),
      { id: 'recovered', name: 'Recovered' },
    ],
    default_action_group_id: groups[0]![0],
    recovery_action_group: { id: 'recovered', name: 'Recovered' },
    action_variables: {
      context: [{ name: 'message', description: 'A message for the alert.' }],
      state: [],
      params: [],
    },
    authorized_consumers: Object.fromEntries(consumers.map((consumer) => [consumer, { read: true, all: true }])),
    enabled_in_license: true,
    has_alerts_mappings: true,
    has_fields_for_a_a_d: false,
    is_exportable: true,
    minimum_license_required: 'basic',
    rule_task_timeout: '5m',
    does_set_recovery_context: true,
  } as Schemas['RuleType'];
}

/** Names, categories, producers and action groups of the rule types the spec types params for. */
const TYPED_RULE_TYPES: Readonly<Record<string, Parameters<typeof ruleType>>> = {
  '.es-query': [
    '.es-query',
    'Elasticsearch query',
    'management',
    'stackAlerts',
    [['query matched', 'Query matched']],
    ['alerts', 'stackAlerts', 'discover'],
  ],
  'apm.error_rate': [
    'apm.error_rate',
    'Error count threshold',
    'observability',
    'apm',
    [['threshold_met', 'Threshold met']],
    ['alerts', 'apm'],
  ],
  'apm.rules.anomaly': [
    'apm.rules.anomaly',
    'APM Anomaly',
    'observability',
    'apm',
    [['threshold_met', 'Threshold met']],
    ['alerts', 'apm'],
  ],
  'apm.transaction_duration': [
    'apm.transaction_duration',
    'Latency threshold',
    'observability',
    'apm',
    [['threshold_met', 'Threshold met']],
    ['alerts', 'apm'],
  ],
  'apm.transaction_error_rate': [
    'apm.transaction_error_rate',
    'Failed transaction rate threshold',
    'observability',
    'apm',
    [['threshold_met', 'Threshold met']],
    ['alerts', 'apm'],
  ],
  'logs.alert.document.count': [
    'logs.alert.document.count',
    'Log threshold',
    'observability',
    'logs',
    [['logs.threshold.fired', 'Fired']],
    ['alerts', 'logs'],
  ],
  'metrics.alert.inventory.threshold': [
    'metrics.alert.inventory.threshold',
    'Inventory',
    'observability',
    'infrastructure',
    [['metrics.inventory_threshold.fired', 'Alert']],
    ['alerts', 'infrastructure'],
  ],
  'metrics.alert.threshold': [
    'metrics.alert.threshold',
    'Metric threshold',
    'observability',
    'infrastructure',
    [['metrics.threshold.fired', 'Alert']],
    ['alerts', 'infrastructure'],
  ],
  'slo.rules.burnRate': [
    'slo.rules.burnRate',
    'SLO burn rate',
    'observability',
    'slo',
    [['slo.burnRate.alert', 'Critical']],
    ['alerts', 'slo', 'observability'],
  ],
  'xpack.uptime.alerts.monitorStatus': [
    'xpack.uptime.alerts.monitorStatus',
    'Uptime monitor status',
    'observability',
    'uptime',
    [['xpack.uptime.alerts.actionGroups.monitorStatus', 'Uptime Down Monitor']],
    ['alerts', 'uptime'],
  ],
  'xpack.uptime.alerts.tls': [
    'xpack.uptime.alerts.tls',
    'Uptime TLS',
    'observability',
    'uptime',
    [['xpack.uptime.alerts.actionGroups.tlsCertificate', 'TLS Certificate']],
    ['alerts', 'uptime'],
  ],
};

/**
 * The rule types the mock knows: the documented index threshold type, every other type the spec types
 * params for, and types Kibana ships without a published params schema (their params stay free).
 */
export function ruleTypes(): Schemas['RuleType'][] {
  const documented = specExample('/api/alerting/rule_types', 'get', 'indexThreshold') as Schemas['RuleType'][];
  const typed = [...ruleParamsSchemas().keys()].filter((id) => !documented.some((type) => type.id === id));
  return [
    ...documented,
    ...typed.map((id) => {
      const facts = TYPED_RULE_TYPES[id];
      if (!facts) throw new Error(`the mock has no facts for the rule type ${id}`);
      return ruleType(...facts);
    }),
    ruleType(
      '.geo-containment',
      'Tracking containment',
      'management',
      'stackAlerts',
      [['Tracked entity contained', 'Tracking containment met']],
      ['alerts', 'stackAlerts'],
    ),
    ruleType('siem.thresholdRule', 'Threshold Rule', 'securitySolution', 'siem', [['default', 'Default']], ['siem']),
    ruleType('siem.queryRule', 'Custom Query Rule', 'securitySolution', 'siem', [['default', 'Default']], ['siem']),
    ruleType(
      'observability.rules.custom_threshold',
      'Custom threshold',
      'observability',
      'observability',
      [['custom_threshold.fired', 'Alert']],
      ['alerts', 'observability', 'logs', 'infrastructure'],
    ),
  ];
}

let knownTypes: Map<string, Schemas['RuleType']> | undefined;

function requireRuleType(id: string): Schemas['RuleType'] {
  knownTypes ??= new Map(ruleTypes().map((type) => [type.id, type]));
  const type = knownTypes.get(id);
  if (!type) throw new KibanaHttpError(400, `Rule type [${id}] is not registered.`);
  return type;
}

function requireRule(space: SpaceState, id: string): Rule {
  const rule = space.rules.get(id);
  if (!rule) throw savedObjectNotFound('alert', id);
  return rule;
}

const INTERVAL = /^(\d+)([smhd])$/;

function intervalMs(interval: string): number {
  const match = INTERVAL.exec(interval);
  if (!match)
    throw new KibanaHttpError(400, `[request body.schedule.interval]: string is not a valid duration: ${interval}`);
  return Number(match[1]) * { s: 1e3, m: 6e4, h: 36e5, d: 864e5 }[match[2] as 's' | 'm' | 'h' | 'd'];
}

/** Request actions as a rule stores them: connector type filled in, group defaulted, each with a uuid. */
function ruleActions(
  space: SpaceState,
  type: Schemas['RuleType'],
  actions: Schemas['RuleActionRequest'][] | undefined,
): Schemas['RuleAction'][] {
  const missing = (actions ?? []).filter((action) => !space.connectors.has(action.id)).map((action) => action.id);
  if (missing.length > 0)
    throw new KibanaHttpError(
      400,
      `Failed to validate actions due to the following error: Invalid connectors: ${[...new Set(missing)].join(', ')}`,
    );
  const groups = new Set(type.action_groups.map((group) => group.id));
  const badGroups = (actions ?? [])
    .filter((action) => action.group !== undefined && !groups.has(action.group))
    .map((action) => action.group);
  if (badGroups.length > 0)
    throw new KibanaHttpError(400, `Invalid action groups: ${[...new Set(badGroups)].join(', ')}`);
  return (actions ?? []).map(({ frequency, ...action }) => ({
    ...action,
    group: action.group ?? type.default_action_group_id,
    params: action.params ?? {},
    uuid: action.uuid ?? newId(),
    connector_type_id: space.connectors.get(action.id)!.connector.connector_type_id,
    ...(frequency ? { frequency: { ...frequency, throttle: frequency.throttle ?? null } } : {}),
  }));
}

function createRule(context: AnyContext, id: string, body: Schemas['CreateOtherRule']): Schemas['Rule'] {
  if (context.space.rules.has(id)) throw savedObjectConflict('alert', id);
  const type = requireRuleType(body.rule_type_id);
  const params = checkRuleParams(body.rule_type_id, body.params ?? {});
  const interval = intervalMs(body.schedule.interval);
  const enabled = body.enabled ?? true;
  const rule: Rule = {
    id,
    name: body.name,
    tags: body.tags ?? [],
    rule_type_id: body.rule_type_id,
    consumer: body.consumer,
    schedule: body.schedule,
    params,
    actions: ruleActions(context.space, type, body.actions),
    enabled,
    throttle: body.throttle ?? null,
    notify_when: body.notify_when ?? null,
    ...(body.alert_delay ? { alert_delay: body.alert_delay } : {}),
    ...(body.artifacts ? { artifacts: body.artifacts } : {}),
    ...(body.flapping !== undefined ? { flapping: body.flapping } : {}),
    mute_all: false,
    muted_alert_ids: [],
    api_key_owner: context.user.username,
    api_key_created_by_user: false,
    created_by: context.user.username,
    updated_by: context.user.username,
    created_at: context.now,
    updated_at: context.now,
    execution_status: { status: 'pending', last_execution_date: context.now },
    revision: 0,
    running: false,
    snooze_schedule: [],
    next_run: enabled ? new Date(Date.parse(context.now) + interval).toISOString() : null,
    ...(enabled ? { scheduled_task_id: id } : {}),
  };
  context.space.rules.set(id, rule);
  return answerRule(rule);
}

function changed(context: AnyContext, rule: Rule): void {
  rule.updated_at = context.now;
  rule.updated_by = context.user.username;
}

/** The rule attributes a KQL filter names (`alert.attributes.<name>`), as the rule answers them. */
function attribute(rule: Rule, name: string): unknown {
  const aliases: Record<string, string> = {
    alertTypeId: 'rule_type_id',
    muteAll: 'mute_all',
    mutedInstanceIds: 'muted_alert_ids',
    createdBy: 'created_by',
    updatedBy: 'updated_by',
    createdAt: 'created_at',
    updatedAt: 'updated_at',
    notifyWhen: 'notify_when',
    apiKeyOwner: 'api_key_owner',
  };
  let value: unknown = rule;
  for (const part of name.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    const record = value as Record<string, unknown>;
    value =
      value === rule
        ? (record[aliases[part] ?? part] ?? record[part.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)])
        : record[part];
  }
  return value;
}

function wildcard(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    'i',
  );
}

/**
 * A small KQL: `alert.attributes.<field>: <value>` clauses, optionally negated with `not`, joined by
 * `and` / `or` (and binds tighter), values quoted or with `*` wildcards. Enough for the filters rule
 * lists use; anything else is refused like Kibana refuses a filter it cannot read.
 */
function kqlFilter(filter: string): (rule: Rule) => boolean {
  const orGroups = filter
    .trim()
    .replace(/^\((.*)\)$/, '$1')
    .split(/\s+or\s+/i)
    .map((group) =>
      group.split(/\s+and\s+/i).map((clause) => {
        const match = /^(not\s+)?\(?\s*([\w.]+)\s*:\s*(?:"([^"]*)"|([^\s()]+))\s*\)?$/i.exec(clause.trim());
        if (!match)
          throw new KibanaHttpError(
            400,
            `KQLSyntaxError: Expected "(", NOT or field name but "${clause.trim()}" found.\n${filter}`,
          );
        const [, negated, field, quoted, bare] = match;
        if (!field!.startsWith('alert.attributes.'))
          throw new KibanaHttpError(400, `This key '${field}' need to be wrapped by a saved object type like alert`);
        const expected = wildcard(quoted ?? bare ?? '');
        const name = field!.slice('alert.attributes.'.length);
        return (rule: Rule) => {
          const found = attribute(rule, name);
          const hit = asList(found as unknown).some((value) => expected.test(String(value)));
          return negated ? !hit : hit;
        };
      }),
    );
  return (rule) => orGroups.some((clauses) => clauses.every((clause) => clause(rule)));
}

function searchText(rule: Rule, field: string): string {
  const value = attribute(rule, field);
  return (Array.isArray(value) ? value.join(' ') : String(value ?? '')).toLowerCase();
}

export const alertingRoutes = {
  getAlertingHealth(context) {
    const check = { status: 'ok' as const, timestamp: context.now };
    return {
      is_sufficiently_secure: true,
      has_permanent_encryption_key: true,
      alerting_framework_health: { read_health: check, execution_health: check, decryption_health: { ...check } },
    };
  },

  getRuleTypes() {
    return ruleTypes();
  },

  findRules(context) {
    const query = context.query;
    const page = query.page ?? 1;
    const perPage = query.per_page ?? 10;
    if (page * perPage > MAX_RESULT_WINDOW)
      throw new KibanaHttpError(
        400,
        `The number of documents is too high. Paginating through more than ${MAX_RESULT_WINDOW.toLocaleString('en-US')} documents is not possible.`,
      );
    let rules = [...context.space.rules.values()];
    if (query.search !== undefined && query.search.trim() !== '') {
      const fields = query.search_fields === undefined ? ['name', 'tags'] : asList(query.search_fields);
      const terms = query.search
        .toLowerCase()
        .split(/\s+/)
        .filter(Boolean)
        .map((term) => term.replace(/^["+|-]+|["*]+$/g, ''));
      const hit = (rule: Rule, term: string) => fields.some((field) => searchText(rule, field).includes(term));
      rules = rules.filter((rule) =>
        query.default_search_operator === 'AND'
          ? terms.every((term) => hit(rule, term))
          : terms.some((term) => hit(rule, term)),
      );
    }
    if (query.filter !== undefined && query.filter.trim() !== '') rules = rules.filter(kqlFilter(query.filter));
    const reference = query.has_reference as unknown as Schemas['RuleHasReference'] | undefined;
    if (reference)
      rules = rules.filter(
        (rule) => reference.type === 'action' && rule.actions.some((action) => action.id === reference.id),
      );
    if (query.filter_consumers !== undefined)
      rules = rules.filter((rule) => query.filter_consumers!.includes(rule.consumer));
    if (query.sort_field !== undefined) {
      const direction = query.sort_order === 'desc' ? -1 : 1;
      const field = query.sort_field;
      rules = rules
        .map((rule, index) => ({ rule, index, key: attribute(rule, field) as string | number | boolean | undefined }))
        .sort((a, b) => {
          const x = typeof a.key === 'string' ? a.key.toLowerCase() : (a.key ?? '');
          const y = typeof b.key === 'string' ? b.key.toLowerCase() : (b.key ?? '');
          return (x < y ? -1 : x > y ? 1 : a.index - b.index) * direction;
        })
        .map(({ rule }) => rule);
    }
    return { page, per_page: perPage, total: rules.length, data: pageOf(rules, page, perPage).map(answerRule) };
  },

  getRule(context) {
    return answerRule(requireRule(context.space, context.path.id));
  },

  createRule(context) {
    return createRule(context, context.path.id, context.body);
  },

  createRuleWithGeneratedId(context) {
    return createRule(context, newId(), context.body);
  },

  updateRule(context) {
    const rule = requireRule(context.space, context.path.id);
    const body: Schemas['UpdateOtherRule'] = context.body;
    // The body is open for fields newer Kibana adds, but these stay fixed after creation and Kibana refuses them.
    const fixed = ['rule_type_id', 'consumer', 'enabled'].find((key) => key in body);
    if (fixed) throw new KibanaHttpError(400, `[request body.${fixed}]: definition for this key is missing`);
    const type = requireRuleType(rule.rule_type_id);
    const interval = intervalMs(body.schedule.interval);
    const params = checkRuleParams(rule.rule_type_id, body.params ?? {});
    // An update replaces the editable attributes: what the body leaves out goes back to its default.
    Object.assign(rule, {
      name: body.name,
      schedule: body.schedule,
      tags: body.tags ?? [],
      params,
      actions: ruleActions(context.space, type, body.actions),
      throttle: body.throttle ?? null,
      notify_when: body.notify_when ?? null,
      revision: rule.revision + 1,
      next_run: rule.enabled ? new Date(Date.parse(context.now) + interval).toISOString() : null,
    });
    if (body.alert_delay) rule.alert_delay = body.alert_delay;
    else delete rule.alert_delay;
    if (body.artifacts) rule.artifacts = body.artifacts;
    else delete rule.artifacts;
    if (body.flapping !== undefined) rule.flapping = body.flapping;
    changed(context, rule);
    return answerRule(rule);
  },

  deleteRule(context) {
    requireRule(context.space, context.path.id);
    context.space.rules.delete(context.path.id);
  },

  enableRule(context) {
    const rule = requireRule(context.space, context.path.id);
    if (rule.enabled) return;
    rule.enabled = true;
    rule.scheduled_task_id = rule.id;
    rule.execution_status = { status: 'pending', last_execution_date: context.now };
    changed(context, rule);
  },

  disableRule(context) {
    const rule = requireRule(context.space, context.path.id);
    if (!rule.enabled) return;
    rule.enabled = false;
    rule.next_run = null;
    changed(context, rule);
  },

  muteAllAlerts(context) {
    const rule = requireRule(context.space, context.path.id);
    rule.mute_all = true;
    rule.muted_alert_ids = [];
    changed(context, rule);
  },

  unmuteAllAlerts(context) {
    const rule = requireRule(context.space, context.path.id);
    rule.mute_all = false;
    rule.muted_alert_ids = [];
    changed(context, rule);
  },

  muteAlert(context) {
    const rule = requireRule(context.space, context.path.rule_id);
    // Like Kibana: a rule whose alerts are all muted keeps no per-alert list.
    if (!rule.mute_all && !rule.muted_alert_ids.includes(context.path.alert_id)) {
      rule.muted_alert_ids = [...rule.muted_alert_ids, context.path.alert_id];
      changed(context, rule);
    }
  },

  unmuteAlert(context) {
    const rule = requireRule(context.space, context.path.rule_id);
    if (rule.muted_alert_ids.includes(context.path.alert_id)) {
      rule.muted_alert_ids = rule.muted_alert_ids.filter((id) => id !== context.path.alert_id);
      changed(context, rule);
    }
  },

  snoozeRule(context) {
    const rule = requireRule(context.space, context.path.id);
    const custom = context.body.schedule.custom;
    if (!custom) throw new KibanaHttpError(400, 'A schedule is required');
    const id = newId();
    const snooze = { id, ...customToRRule(custom) };
    rule.snooze_schedule = [...(rule.snooze_schedule ?? []), snooze];
    const end = snoozeEnd(snooze, context.now);
    if (end !== undefined && (rule.is_snoozed_until == null || end > rule.is_snoozed_until))
      rule.is_snoozed_until = end;
    changed(context, rule);
    return { schedule: { id, custom: { ...rRuleToCustom(snooze), duration: custom.duration } } };
  },

  unsnoozeRule(context) {
    const rule = requireRule(context.space, context.path.ruleId);
    const kept = (rule.snooze_schedule ?? []).filter((snooze) => snooze.id !== context.path.scheduleId);
    rule.snooze_schedule = kept;
    const ends = kept.map((snooze) => snoozeEnd(snooze, context.now)).filter((end): end is string => end !== undefined);
    rule.is_snoozed_until = ends.length > 0 ? ends.sort().at(-1)! : null;
    changed(context, rule);
  },

  updateRuleApiKey(context) {
    const rule = requireRule(context.space, context.path.id);
    rule.api_key_owner = context.user.username;
    rule.api_key_created_by_user = false;
    changed(context, rule);
  },
} satisfies Partial<Routes>;
