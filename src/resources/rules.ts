import type { Caller } from '../call.js';
import { chain, type KibanaPromise } from '../response.js';
import { checkPage, paginate } from '../paging.js';
import { splitCreateOptions, type CreateOptions } from './create.js';
import type {
  AlertingHealth,
  CreateRuleBody,
  DisableRuleBody,
  Rule,
  RuleFindResponse,
  RuleHasReference,
  RuleType,
  SnoozeRuleBody,
  SnoozeRuleResult,
  UpdateRuleBody,
} from '../names.js';
import type { CallOptions, OperationQuery } from '../types.js';
import { optionalObject, requireId, requireObject } from './args.js';
import { MaintenanceWindowsApi } from './maintenance-windows.js';

/**
 * The query of {@link RulesApi.find}: the spec's `findRules` query, except that `has_reference` is
 * the saved object itself. Kibana reads that parameter as JSON text; the SDK writes the text.
 */
export type FindRulesQuery = Omit<OperationQuery<'findRules'>, 'has_reference'> & {
  /** Only rules that reference this saved object, e.g. `{ type: 'action', id: connectorId }`. */
  has_reference?: NonNullable<RuleHasReference>;
};

/** Rules page with `page` and `per_page`; Kibana serves up to 10,000 per page. */
const RULE_PAGING = { page: 'page', perPage: 'per_page', maxPerPage: 10_000 };

/**
 * The query as Kibana takes it. Checked and converted before anything is sent, so a bad
 * `has_reference` fails an `iterate` call at once rather than at its first page.
 */
function wireQuery(query: FindRulesQuery | undefined): OperationQuery<'findRules'> | undefined {
  const checked = optionalObject('query', query);
  if (checked === undefined) return undefined;
  const { has_reference: reference, ...rest } = checked;
  // Null is left out like any other null query value (see serializeQuery).
  if (reference === undefined || reference === null) return rest;
  requireObject('query.has_reference', reference);
  requireId('query.has_reference.type', reference.type);
  requireId('query.has_reference.id', reference.id);
  // Spreading `checked` (not `rest`) keeps the parameter where the caller put it in the query string.
  // Only the two keys Kibana accepts, in a fixed order, so the text does not depend on how the caller built the object.
  return { ...checked, has_reference: JSON.stringify({ type: reference.type, id: reference.id }) };
}

/**
 * Kibana alerting rules: find, page through, read, create, update and delete rules; enable,
 * disable and mute them; renew their API key; list rule types and check alerting health.
 */
export class RulesApi {
  /** Maintenance windows (Kibana 9): create, find, iterate, read, update, delete, archive, unarchive. */
  readonly maintenanceWindows: MaintenanceWindowsApi;

  readonly #caller: Caller;

  /** @internal Use `kibana.rules`. */
  constructor(caller: Caller) {
    this.#caller = caller;
    this.maintenanceWindows = new MaintenanceWindowsApi(caller);
  }

  /** Snoozes a rule's notifications on `schedule` (Kibana 9); answers the schedule with its `id`. */
  snooze(ruleId: string, schedule: SnoozeRuleBody['schedule'], options?: CallOptions): KibanaPromise<SnoozeRuleResult> {
    return this.#caller.call(
      'snoozeRule',
      () => ({ path: { id: requireId('ruleId', ruleId) }, body: { schedule: requireObject('schedule', schedule) } }),
      options,
    );
  }

  /** Removes one snooze schedule of a rule (Kibana 9). */
  unsnooze(ruleId: string, scheduleId: string, options?: CallOptions): KibanaPromise<void> {
    return this.#caller.call(
      'unsnoozeRule',
      () => ({ path: { ruleId: requireId('ruleId', ruleId), scheduleId: requireId('scheduleId', scheduleId) } }),
      options,
    );
  }

  /**
   * Whether the alerting framework can read, decrypt and run rules, and whether Kibana has what
   * alerting needs (TLS when security is on, a permanent encryption key).
   */
  health(options?: CallOptions): KibanaPromise<AlertingHealth> {
    return this.#caller.call('getAlertingHealth', {}, options);
  }

  /**
   * One page of the space's rules matching `query` (`search`, `filter` in KQL, `has_reference`,
   * `filter_consumers`, sort...), with the total. Array values are sent as repeated keys
   * (`search_fields=name&search_fields=tags`); `has_reference` is sent as JSON text.
   *
   * @example
   * ```ts
   * const page = await kibana.rules.find({ has_reference: { type: 'action', id: connectorId }, per_page: 20 });
   * ```
   */
  find(query?: FindRulesQuery, options?: CallOptions): KibanaPromise<RuleFindResponse> {
    return this.#caller.call('findRules', () => ({ query: checkPage(wireQuery(query), RULE_PAGING) }), options);
  }

  #find(
    query: OperationQuery<'findRules'> | undefined,
    options: CallOptions | undefined,
  ): KibanaPromise<RuleFindResponse> {
    return this.#caller.call('findRules', { query }, options);
  }

  /**
   * Every rule matching `query`, page after page (100 per page unless `query.per_page` says
   * otherwise), holding one page in memory. Ends at the total; past Kibana's 10,000-result window it
   * throws `ResultWindowError` after yielding what Kibana can page to.
   *
   * @example
   * ```ts
   * for await (const rule of kibana.rules.iterate({ filter: 'alert.attributes.enabled: false' })) console.log(rule.name);
   * ```
   */
  iterate(query?: FindRulesQuery, options?: CallOptions): AsyncGenerator<Rule, void, undefined> {
    return paginate('/api/alerting/rules/_find', wireQuery(query), RULE_PAGING, async (page) => {
      const result = await this.#find(page, options);
      return { items: result.data, total: result.total };
    });
  }

  /** Reads one rule, with its run status and monitoring statistics. */
  get(ruleId: string, options?: CallOptions): KibanaPromise<Rule> {
    return this.#caller.call('getRule', () => ({ path: { id: requireId('ruleId', ruleId) } }), options);
  }

  /**
   * Creates a rule. `name`, `rule_type_id`, `consumer` and `schedule` are required; `params` are
   * checked against the rule type when the spec types it (the call infers `Type` from
   * `rule_type_id`), and are a free object for other types such as `.geo-containment`, ML or
   * security rules ({@link CreateRuleBody}). With
   * `options.id` the rule gets that identifier (Kibana answers 409, `ConflictError`, when it is
   * taken); without it Kibana picks one, found in the answer's `id`.
   *
   * @example
   * ```ts
   * const rule = await kibana.rules.create({ name: 'cpu', rule_type_id: '.index-threshold', consumer: 'alerts', schedule: { interval: '1m' }, params }, { id: 'cpu-rule' });
   * ```
   */
  create<Type extends string>(body: CreateRuleBody<Type>, options?: CreateOptions): KibanaPromise<Rule> {
    return chain(async () => {
      const { id, call } = splitCreateOptions(options);
      requireObject('body', body);
      if (id === undefined) return this.#caller.call('createRuleWithGeneratedId', { body }, call).withResponse();
      return this.#caller.call('createRule', { path: { id }, body }, call).withResponse();
    });
  }

  /**
   * Replaces the editable attributes of a rule; `name` and `schedule` are required, and what is
   * left out gets Kibana's default (no tags, no actions, empty params) rather than keeping its old
   * value. The rule type, consumer and enabled state cannot change here. A concurrent change gives
   * `ConflictError` (409). The body does not say the rule type, so name it as `Type` to have
   * `params` checked against it ({@link UpdateRuleBody}): `kibana.rules.update<'.es-query'>(id, body)`.
   */
  update<Type extends string = string>(
    ruleId: string,
    body: UpdateRuleBody<Type>,
    options?: CallOptions,
  ): KibanaPromise<Rule> {
    return this.#caller.call(
      'updateRule',
      () => ({ path: { id: requireId('ruleId', ruleId) }, body: requireObject('body', body) }),
      options,
    );
  }

  /** Deletes a rule and its scheduled task; the alerts it raised stay. */
  delete(ruleId: string, options?: CallOptions): KibanaPromise<void> {
    return this.#caller.call('deleteRule', () => ({ path: { id: requireId('ruleId', ruleId) } }), options);
  }

  /** Makes a disabled rule run on its schedule again. */
  enable(ruleId: string, options?: CallOptions): KibanaPromise<void> {
    return this.#caller.call('enableRule', () => ({ path: { id: requireId('ruleId', ruleId) } }), options);
  }

  /**
   * Stops a rule from running on its schedule. With `{ untrack: true }` Kibana also stops tracking
   * the rule's active alerts.
   *
   * The request has a body only when `body.untrack` is given (`{"untrack":true}` or
   * `{"untrack":false}`). Otherwise it is a POST with no body and no content-type, which Kibana
   * accepts (its body is optional) and treats as `untrack: false`; sending `{}` would mean the same,
   * so the SDK sends nothing rather than an empty object.
   */
  disable(ruleId: string, body?: DisableRuleBody, options?: CallOptions): KibanaPromise<void> {
    return this.#caller.call(
      'disableRule',
      () => {
        const id = requireId('ruleId', ruleId);
        const untrack = optionalObject('body', body)?.untrack;
        return { path: { id }, body: untrack === undefined ? undefined : { untrack } };
      },
      options,
    );
  }

  /** Silences the actions of every alert of a rule; the rule keeps running and tracking alerts. */
  muteAll(ruleId: string, options?: CallOptions): KibanaPromise<void> {
    return this.#caller.call('muteAllAlerts', () => ({ path: { id: requireId('ruleId', ruleId) } }), options);
  }

  /** Lets the actions of every alert of a rule run again. */
  unmuteAll(ruleId: string, options?: CallOptions): KibanaPromise<void> {
    return this.#caller.call('unmuteAllAlerts', () => ({ path: { id: requireId('ruleId', ruleId) } }), options);
  }

  /**
   * Silences the actions of one alert of a rule. `alertId` is the alert's id within the rule (for
   * an index threshold rule, the group name), not the id of an alert document.
   */
  muteAlert(ruleId: string, alertId: string, options?: CallOptions): KibanaPromise<void> {
    return this.#caller.call(
      'muteAlert',
      () => ({ path: { rule_id: requireId('ruleId', ruleId), alert_id: requireId('alertId', alertId) } }),
      options,
    );
  }

  /** Lets the actions of one muted alert of a rule run again; see {@link RulesApi.muteAlert} for `alertId`. */
  unmuteAlert(ruleId: string, alertId: string, options?: CallOptions): KibanaPromise<void> {
    return this.#caller.call(
      'unmuteAlert',
      () => ({ path: { rule_id: requireId('ruleId', ruleId), alert_id: requireId('alertId', alertId) } }),
      options,
    );
  }

  /**
   * Gives a rule a new API key, created for the caller: from then on the rule runs with the
   * caller's privileges. A concurrent change gives `ConflictError` (409).
   */
  updateApiKey(ruleId: string, options?: CallOptions): KibanaPromise<void> {
    return this.#caller.call('updateRuleApiKey', () => ({ path: { id: requireId('ruleId', ruleId) } }), options);
  }

  /**
   * The rule types Kibana knows, with their action groups, the variables action templates can
   * use, license needs, and the consumers the caller may create rules for.
   */
  types(options?: CallOptions): KibanaPromise<RuleType[]> {
    return this.#caller.call('getRuleTypes', {}, options);
  }
}
