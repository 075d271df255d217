import type { KibanaClient } from '../client.js';
import { paginate } from '../paging.js';
import { createWithOptionalId, type CreateOptions } from './create.js';
import type { CallOptions, OperationBody, OperationQuery, OperationResult, Schemas } from '../types.js';
import { optionalObject, requireId, requireObject } from './args.js';

/**
 * The query of {@link RulesApi.find}: the spec's `findRules` query, except that `has_reference` is
 * the saved object itself. Kibana reads that parameter as JSON text; the SDK writes the text.
 */
export type FindRulesQuery = Omit<OperationQuery<'findRules'>, 'has_reference'> & {
  /** Only rules that reference this saved object, e.g. `{ type: 'action', id: connectorId }`. */
  has_reference?: NonNullable<Schemas['RuleHasReference']>;
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
  readonly #client: KibanaClient;

  /** @internal Use `kibana.rules`. */
  constructor(client: KibanaClient) {
    this.#client = client;
  }

  /**
   * Whether the alerting framework can read, decrypt and run rules, and whether Kibana has what
   * alerting needs (TLS when security is on, a permanent encryption key).
   */
  async health(options?: CallOptions): Promise<OperationResult<'getAlertingHealth'>> {
    return (await this.#client.send('get', '/api/alerting/_health', { ...optionalObject('options', options) })) as OperationResult<'getAlertingHealth'>;
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
  async find(query?: FindRulesQuery, options?: CallOptions): Promise<OperationResult<'findRules'>> {
    return this.#find(wireQuery(query), options);
  }

  async #find(query: OperationQuery<'findRules'> | undefined, options: CallOptions | undefined): Promise<OperationResult<'findRules'>> {
    return (await this.#client.send('get', '/api/alerting/rules/_find', { ...optionalObject('options', options), params: { query } })) as OperationResult<'findRules'>;
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
  iterate(query?: FindRulesQuery, options?: CallOptions): AsyncGenerator<Schemas['Rule'], void, undefined> {
    return paginate('/api/alerting/rules/_find', wireQuery(query), RULE_PAGING, async (page) => {
      const result = await this.#find(page, options);
      return { items: result.data, total: result.total };
    });
  }

  /** Reads one rule, with its run status and monitoring statistics. */
  async get(ruleId: string, options?: CallOptions): Promise<OperationResult<'getRule'>> {
    return (await this.#client.send('get', '/api/alerting/rule/{id}', { ...optionalObject('options', options), params: { path: { id: requireId('ruleId', ruleId) } } })) as OperationResult<'getRule'>;
  }

  /**
   * Creates a rule. `name`, `rule_type_id`, `consumer` and `schedule` are required. With
   * `options.id` the rule gets that identifier (Kibana answers 409, `ConflictError`, when it is
   * taken); without it Kibana picks one, found in the answer's `id`.
   *
   * @example
   * ```ts
   * const rule = await kibana.rules.create({ name: 'cpu', rule_type_id: '.index-threshold', consumer: 'alerts', schedule: { interval: '1m' }, params }, { id: 'cpu-rule' });
   * ```
   */
  async create(body: OperationBody<'createRule'>, options?: CreateOptions): Promise<OperationResult<'createRule'>> {
    return (await createWithOptionalId(this.#client, '/api/alerting/rule', body, options)) as OperationResult<'createRule'>;
  }

  /**
   * Replaces the editable attributes of a rule; `name` and `schedule` are required, and what is
   * left out gets Kibana's default (no tags, no actions, empty params) rather than keeping its old
   * value. The rule type, consumer and enabled state cannot change here. A concurrent change gives
   * `ConflictError` (409).
   */
  async update(ruleId: string, body: OperationBody<'updateRule'>, options?: CallOptions): Promise<OperationResult<'updateRule'>> {
    return (await this.#client.send('put', '/api/alerting/rule/{id}', {
      ...optionalObject('options', options),
      params: { path: { id: requireId('ruleId', ruleId) } },
      body: requireObject('body', body),
    })) as OperationResult<'updateRule'>;
  }

  /** Deletes a rule and its scheduled task; the alerts it raised stay. */
  async delete(ruleId: string, options?: CallOptions): Promise<void> {
    await this.#client.send('delete', '/api/alerting/rule/{id}', { ...optionalObject('options', options), params: { path: { id: requireId('ruleId', ruleId) } } });
  }

  /** Makes a disabled rule run on its schedule again. */
  async enable(ruleId: string, options?: CallOptions): Promise<void> {
    await this.#client.send('post', '/api/alerting/rule/{id}/_enable', { ...optionalObject('options', options), params: { path: { id: requireId('ruleId', ruleId) } } });
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
  async disable(ruleId: string, body?: OperationBody<'disableRule'>, options?: CallOptions): Promise<void> {
    const id = requireId('ruleId', ruleId);
    const untrack = optionalObject('body', body)?.untrack;
    await this.#client.send('post', '/api/alerting/rule/{id}/_disable', {
      ...optionalObject('options', options),
      params: { path: { id } },
      ...(untrack === undefined ? {} : { body: { untrack } }),
    });
  }

  /** Silences the actions of every alert of a rule; the rule keeps running and tracking alerts. */
  async muteAll(ruleId: string, options?: CallOptions): Promise<void> {
    await this.#client.send('post', '/api/alerting/rule/{id}/_mute_all', { ...optionalObject('options', options), params: { path: { id: requireId('ruleId', ruleId) } } });
  }

  /** Lets the actions of every alert of a rule run again. */
  async unmuteAll(ruleId: string, options?: CallOptions): Promise<void> {
    await this.#client.send('post', '/api/alerting/rule/{id}/_unmute_all', { ...optionalObject('options', options), params: { path: { id: requireId('ruleId', ruleId) } } });
  }

  /**
   * Silences the actions of one alert of a rule. `alertId` is the alert's id within the rule (for
   * an index threshold rule, the group name), not the id of an alert document.
   */
  async muteAlert(ruleId: string, alertId: string, options?: CallOptions): Promise<void> {
    await this.#client.send('post', '/api/alerting/rule/{rule_id}/alert/{alert_id}/_mute', {
      ...optionalObject('options', options),
      params: { path: { rule_id: requireId('ruleId', ruleId), alert_id: requireId('alertId', alertId) } },
    });
  }

  /** Lets the actions of one muted alert of a rule run again; see {@link RulesApi.muteAlert} for `alertId`. */
  async unmuteAlert(ruleId: string, alertId: string, options?: CallOptions): Promise<void> {
    await this.#client.send('post', '/api/alerting/rule/{rule_id}/alert/{alert_id}/_unmute', {
      ...optionalObject('options', options),
      params: { path: { rule_id: requireId('ruleId', ruleId), alert_id: requireId('alertId', alertId) } },
    });
  }

  /**
   * Gives a rule a new API key, created for the caller: from then on the rule runs with the
   * caller's privileges. A concurrent change gives `ConflictError` (409).
   */
  async updateApiKey(ruleId: string, options?: CallOptions): Promise<void> {
    await this.#client.send('post', '/api/alerting/rule/{id}/_update_api_key', { ...optionalObject('options', options), params: { path: { id: requireId('ruleId', ruleId) } } });
  }

  /**
   * The rule types Kibana knows, with their action groups, the variables action templates can
   * use, license needs, and the consumers the caller may create rules for.
   */
  async types(options?: CallOptions): Promise<OperationResult<'getRuleTypes'>> {
    return (await this.#client.send('get', '/api/alerting/rule_types', { ...optionalObject('options', options) })) as OperationResult<'getRuleTypes'>;
  }
}
