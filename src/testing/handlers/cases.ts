// Cases: cases, comments and alerts, files, pushes, activity (user actions) and case settings,
// all per space, with Kibana's version checks.
import type { OperationId, Schemas } from '../../types.js';
import { KibanaHttpError, savedObjectNotFound } from '../respond.js';
import { asList, caseUser, newId, pageOf, type DistributiveOmit, type RouteContext, type Routes } from '../routes.js';
import type { MockConnector } from '../seed.js';
import type { SpaceState, StoredCase } from '../state.js';

type Case = Schemas['Case'];
type Comment = Schemas['CaseComment'];
type UserAction = Schemas['CaseUserAction'];
type AnyContext = RouteContext<OperationId>;

/** The connector types cases can push to (the spec's list for case connectors). */
export const CASE_CONNECTOR_TYPES: ReadonlySet<string> = new Set([
  '.cases-webhook',
  '.jira',
  '.resilient',
  '.servicenow',
  '.servicenow-sir',
  '.swimlane',
]);

const MAX_RESULT_WINDOW = 10_000;

const SEVERITY_ORDER: Readonly<Record<string, number>> = { low: 0, medium: 1, high: 2, critical: 3 };

function requireCase(space: SpaceState, caseId: string): StoredCase {
  const found = space.cases.get(caseId);
  if (!found) throw savedObjectNotFound('cases', caseId);
  return found;
}

function requireComment(stored: StoredCase, commentId: string): Comment {
  const found = stored.comments.find((comment) => comment.id === commentId);
  if (!found) throw savedObjectNotFound('cases-comments', commentId);
  return found;
}

function alertIds(comment: Comment): string[] {
  return comment.type === 'alert' ? asList(comment.alertId) : [];
}

/** The case as Kibana answers it: totals computed, comments included or not (find and bulk update leave them out). */
function answerCase(stored: StoredCase, withComments = true): Case {
  const totalComment = stored.comments.filter((comment) => comment.type === 'user').length;
  const totalAlerts = new Set(stored.comments.flatMap(alertIds)).size;
  return structuredClone({ ...stored, comments: withComments ? stored.comments : [], totalComment, totalAlerts });
}

/** The new version and update stamp every change of a case gets. */
function touch(context: AnyContext, stored: StoredCase): void {
  stored.version = context.state.nextVersion();
  stored.updated_at = context.now;
  stored.updated_by = caseUser(context.user);
}

type ActionFields = DistributiveOmit<
  UserAction,
  'id' | 'version' | 'created_at' | 'created_by' | 'owner' | 'comment_id'
>;

/** Records one entry of the case's activity. */
function record(context: AnyContext, stored: StoredCase, entry: ActionFields, commentId: string | null = null): void {
  const action = {
    ...entry,
    id: newId(),
    version: context.state.nextVersion(),
    created_at: context.now,
    created_by: caseUser(context.user),
    owner: stored.owner,
    comment_id: commentId,
  } as UserAction;
  const list = context.space.userActions.get(stored.id) ?? [];
  list.push(action);
  context.space.userActions.set(stored.id, list);
}

/** What a comment was created from: the attachment without its bookkeeping fields. */
function attachmentPayload(comment: Comment): Schemas['CaseAttachmentPayload'] {
  switch (comment.type) {
    case 'user':
      return { type: 'user', comment: comment.comment, owner: comment.owner ?? 'cases' };
    case 'alert':
      return {
        type: 'alert',
        alertId: comment.alertId,
        index: comment.index,
        rule: comment.rule,
        owner: comment.owner ?? 'cases',
      };
    case 'actions':
      return { type: 'actions', comment: comment.comment, actions: comment.actions, owner: comment.owner ?? 'cases' };
    case 'externalReference':
      return {
        type: 'externalReference',
        externalReferenceAttachmentTypeId: comment.externalReferenceAttachmentTypeId,
        externalReferenceId: comment.externalReferenceId,
        externalReferenceMetadata: comment.externalReferenceMetadata,
        externalReferenceStorage: comment.externalReferenceStorage,
        owner: comment.owner ?? 'cases',
      };
    default:
      return {
        type: 'persistableState',
        persistableStateAttachmentTypeId: comment.persistableStateAttachmentTypeId,
        persistableStateAttachmentState: comment.persistableStateAttachmentState,
        owner: comment.owner ?? 'cases',
      };
  }
}

function configurationOf(space: SpaceState, owner: string): Schemas['CaseConfiguration'] | undefined {
  return [...space.configurations.values()].find((configuration) => configuration.owner === owner);
}

/**
 * Custom field values checked against the owner's settings the way Kibana checks them (known keys,
 * matching types, required ones present), with the missing optional ones filled in.
 */
function customFieldValues(
  space: SpaceState,
  owner: string,
  given: Schemas['CaseCustomFieldValue'][] | undefined,
  fillMissing: boolean,
): Schemas['CaseCustomFieldValue'][] {
  const values = given ?? [];
  const configured = configurationOf(space, owner)?.customFields ?? [];
  const byKey = new Map(configured.map((field) => [field.key, field]));
  const unknown = values.filter((value) => !byKey.has(value.key)).map((value) => value.key);
  if (unknown.length > 0) throw new KibanaHttpError(400, `Invalid custom field keys: ${unknown.join(', ')}`);
  const wrongType = values
    .filter((value) => byKey.get(value.key)?.type !== value.type)
    .map((value) => `"${byKey.get(value.key)?.label ?? value.key}"`);
  if (wrongType.length > 0)
    throw new KibanaHttpError(
      400,
      `The following custom fields have the wrong type in the request: ${wrongType.join(', ')}`,
    );
  const keys = new Set(values.map((value) => value.key));
  const missingRequired = configured.filter(
    (field) =>
      field.required &&
      field.defaultValue == null &&
      (!keys.has(field.key) || values.find((v) => v.key === field.key)?.value === null),
  );
  if (fillMissing && missingRequired.length > 0)
    throw new KibanaHttpError(
      400,
      `Missing required custom fields: ${missingRequired.map((field) => `"${field.label}"`).join(', ')}`,
    );
  if (!fillMissing) return values;
  const filled = [...values];
  for (const field of configured) {
    if (keys.has(field.key)) continue;
    filled.push(
      field.type === 'text'
        ? { key: field.key, type: 'text', value: field.defaultValue ?? null }
        : { key: field.key, type: 'toggle', value: field.defaultValue ?? null },
    );
  }
  return filled;
}

function requireText(field: string, value: string | undefined): void {
  if (value !== undefined && value.trim() === '')
    throw new KibanaHttpError(400, `The ${field} field cannot be an empty string.`);
}

function closeCase(context: AnyContext, stored: StoredCase): void {
  stored.status = 'closed';
  stored.closed_at = context.now;
  stored.closed_by = caseUser(context.user);
  stored.duration = Math.max(0, Math.floor((Date.parse(context.now) - Date.parse(stored.created_at)) / 1000));
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A Kibana date filter (`from`, `to`): an ISO date or a `now-<n><unit>` expression. */
function dateBound(name: string, value: string | undefined, now: string): number | undefined {
  if (value === undefined) return undefined;
  const relative = /^now(?:-(\d+)([smhdwMy]))?$/.exec(value.trim());
  if (relative) {
    const units: Record<string, number> = { s: 1e3, m: 6e4, h: 36e5, d: 864e5, w: 6048e5, M: 2592e6, y: 31536e6 };
    return Date.parse(now) - (relative[1] ? Number(relative[1]) * units[relative[2]!]! : 0);
  }
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed)) throw new KibanaHttpError(400, `Invalid date in ${name}: ${value}`);
  return parsed;
}

/** Kibana's simple_query_string search, approximated: terms matched case-insensitively in the search fields (or an exact case id). */
function matchesSearch(stored: StoredCase, search: string, fields: string[], operator: 'AND' | 'OR'): boolean {
  if (stored.id === search.trim()) return true;
  const terms = search
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .map((term) => term.replace(/^["+|-]+|["*]+$/g, ''));
  if (terms.length === 0) return true;
  const texts = fields.map((field) => {
    const value = (stored as unknown as Record<string, unknown>)[field.replace(/^cases\./, '')];
    return (Array.isArray(value) ? value.join(' ') : typeof value === 'string' ? value : '').toLowerCase();
  });
  const hit = (term: string) => texts.some((text) => text.includes(term));
  return operator === 'AND' ? terms.every(hit) : terms.some(hit);
}

function sortValue(stored: StoredCase, field: string): string | number {
  switch (field) {
    case 'updatedAt':
      return stored.updated_at ?? stored.created_at;
    case 'closedAt':
      return stored.closed_at ?? '';
    case 'title':
      return stored.title.toLowerCase();
    case 'category':
      return stored.category ?? '';
    case 'status':
      return stored.status;
    case 'severity':
      return SEVERITY_ORDER[stored.severity] ?? 0;
    default:
      return stored.created_at;
  }
}

/** `ids` of DELETE /api/cases: repeated keys, or one JSON array value as Kibana's own UI sends it. */
function caseIds(values: unknown): string[] {
  const ids: string[] = [];
  for (const value of asList(values as string | string[] | undefined)) {
    if (typeof value === 'string' && value.trim().startsWith('[')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        throw new KibanaHttpError(400, '[request query.ids]: could not parse array value from json input');
      }
      if (!Array.isArray(parsed) || parsed.some((id) => typeof id !== 'string'))
        throw new KibanaHttpError(400, '[request query.ids]: expected value of type [array] of strings');
      ids.push(...(parsed as string[]));
    } else {
      ids.push(String(value));
    }
  }
  if (ids.length === 0 || ids.length > 100)
    throw new KibanaHttpError(
      400,
      `[request query.ids]: array size is [${ids.length}], but must be between [1] and [100]`,
    );
  return ids;
}

/** The field mappings Kibana reads from an incident system for its connector type. */
function mappingsFor(type: string): Schemas['CaseConfigurationMapping'][] {
  switch (type) {
    case '.jira':
      return [
        { source: 'title', target: 'summary', action_type: 'overwrite' },
        { source: 'description', target: 'description', action_type: 'overwrite' },
        { source: 'comments', target: 'comments', action_type: 'append' },
        { source: 'tags', target: 'labels', action_type: 'overwrite' },
      ];
    case '.servicenow':
    case '.servicenow-sir':
      return [
        { source: 'title', target: 'short_description', action_type: 'overwrite' },
        { source: 'description', target: 'description', action_type: 'overwrite' },
        { source: 'comments', target: 'work_notes', action_type: 'append' },
      ];
    case '.resilient':
      return [
        { source: 'title', target: 'name', action_type: 'overwrite' },
        { source: 'description', target: 'description', action_type: 'overwrite' },
        { source: 'comments', target: 'comments', action_type: 'append' },
      ];
    default:
      return [];
  }
}

function configurationFields(
  space: SpaceState,
  connector: Schemas['CaseConnector'],
): { mappings: Schemas['CaseConfigurationMapping'][]; error: string | null } {
  if (connector.type === '.none') return { mappings: [], error: null };
  // Kibana reads the mappings through the connector; a connector it cannot reach leaves an error on the settings.
  if (!space.connectors.has(connector.id))
    return { mappings: [], error: `Error connecting to ${connector.name} instance` };
  return { mappings: mappingsFor(connector.type), error: null };
}

function checkCustomFieldKeys(fields: Schemas['CaseConfigurationCustomField'][] | undefined): void {
  const keys = (fields ?? []).map((field) => field.key);
  const duplicated = keys.filter((key, index) => keys.indexOf(key) !== index);
  if (duplicated.length > 0)
    throw new KibanaHttpError(
      400,
      `Invalid duplicated custom field keys in request: ${[...new Set(duplicated)].join(', ')}`,
    );
}

/** The incident a push creates (or updates) in the external system, shaped after what each system answers. */
function externalIncident(
  context: AnyContext,
  stored: StoredCase,
  connector: MockConnector,
): Schemas['CaseExternalService'] {
  const key = `${stored.id}/${connector.id}`;
  const previous = context.space.incidents.get(key);
  const pushed = {
    pushed_at: context.now,
    pushed_by: caseUser(context.user),
    connector_id: connector.id,
    connector_name: connector.name,
  };
  if (previous) return { ...previous, ...pushed };
  const n = context.state.nextIncident();
  const config = (connector.config ?? {}) as Record<string, unknown>;
  const apiUrl = String(config.apiUrl ?? config.createIncidentUrl ?? 'https://incidents.example.com').replace(
    /\/+$/,
    '',
  );
  const sysId = newId().replaceAll('-', '');
  let incident: Pick<Schemas['CaseExternalService'], 'external_id' | 'external_title' | 'external_url'>;
  switch (connector.connector_type_id) {
    case '.jira': {
      const title = `${String(config.projectKey ?? 'CASE')}-${n}`;
      incident = { external_id: String(10_000 + n), external_title: title, external_url: `${apiUrl}/browse/${title}` };
      break;
    }
    case '.servicenow':
    case '.servicenow-sir': {
      const prefix = connector.connector_type_id === '.servicenow' ? 'INC' : 'SIR';
      const table = connector.connector_type_id === '.servicenow' ? 'incident' : 'sn_si_incident';
      incident = {
        external_id: sysId,
        external_title: `${prefix}${String(n).padStart(7, '0')}`,
        external_url: `${apiUrl}/nav_to.do?uri=${table}.do?sys_id=${sysId}`,
      };
      break;
    }
    case '.resilient':
      incident = { external_id: String(n), external_title: String(n), external_url: `${apiUrl}/#incidents/${n}` };
      break;
    case '.swimlane':
      incident = {
        external_id: sysId,
        external_title: `SW-${n}`,
        external_url: `${apiUrl}/record/${String(config.appId ?? 'app')}/${sysId}`,
      };
      break;
    default:
      incident = { external_id: String(n), external_title: `CASE-${n}`, external_url: `${apiUrl}/${n}` };
  }
  const service = { ...incident, ...pushed };
  context.space.incidents.set(key, service);
  return service;
}

/** The parts of a comment that are the same for every type. */
function commentBase(context: AnyContext, owner: Schemas['Owner']) {
  return {
    id: newId(),
    version: context.state.nextVersion(),
    owner,
    created_at: context.now,
    created_by: caseUser(context.user),
    pushed_at: null,
    pushed_by: null,
    updated_at: null,
    updated_by: null,
  };
}

function fileExtension(name: string): { base: string; extension: string } {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? { base: name.slice(0, dot), extension: name.slice(dot + 1) } : { base: name, extension: '' };
}

export const casesRoutes = {
  createCase(context) {
    const body = context.body;
    requireText('title', body.title);
    requireText('description', body.description);
    if (body.tags.some((tag) => tag.trim() === ''))
      throw new KibanaHttpError(400, 'The tag field cannot be an empty string.');
    const stored: StoredCase = {
      id: newId(),
      version: context.state.nextVersion(),
      title: body.title,
      description: body.description,
      tags: body.tags,
      owner: body.owner,
      status: 'open',
      severity: body.severity ?? 'low',
      category: body.category ?? null,
      assignees: body.assignees ?? [],
      settings: body.settings,
      connector: body.connector,
      customFields: customFieldValues(context.space, body.owner, body.customFields, true),
      comments: [],
      totalComment: 0,
      totalAlerts: 0,
      duration: null,
      closed_at: null,
      closed_by: null,
      created_at: context.now,
      created_by: caseUser(context.user),
      updated_at: null,
      updated_by: null,
      external_service: null,
    };
    context.space.cases.set(stored.id, stored);
    const {
      title,
      description,
      tags,
      owner,
      status,
      severity,
      category,
      assignees,
      settings,
      connector,
      customFields,
    } = stored;
    record(context, stored, {
      type: 'create_case',
      action: 'create',
      payload: {
        title,
        description,
        tags,
        owner,
        status,
        severity,
        category,
        assignees: assignees ?? [],
        settings,
        connector,
        customFields,
      },
    });
    return answerCase(stored);
  },

  getCase(context) {
    return answerCase(requireCase(context.space, context.path.caseId));
  },

  findCases(context) {
    const query = context.query;
    const page = query.page ?? 1;
    const perPage = query.perPage ?? 20;
    if (page * perPage > MAX_RESULT_WINDOW)
      throw new KibanaHttpError(
        400,
        `The number of documents is too high. Paginating through more than ${MAX_RESULT_WINDOW.toLocaleString('en-US')} documents is not possible.`,
      );
    const owners = asList(query.owner);
    const tags = asList(query.tags);
    const assignees = asList(query.assignees);
    const reporters = asList(query.reporters);
    const categories = asList(query.category);
    const from = dateBound('from', query.from, context.now);
    const to = dateBound('to', query.to, context.now);
    const searchFields = query.searchFields === undefined ? ['title', 'description'] : asList(query.searchFields);
    const matching = [...context.space.cases.values()].filter((stored) => {
      if (owners.length > 0 && !owners.includes(stored.owner)) return false;
      if (tags.length > 0 && !stored.tags.some((tag) => tags.includes(tag))) return false;
      if (assignees.length > 0) {
        const uids = (stored.assignees ?? []).map((assignee) => assignee.uid);
        const wanted = assignees.filter((uid) => uid !== 'none');
        if (!(assignees.includes('none') && uids.length === 0) && !uids.some((uid) => wanted.includes(uid)))
          return false;
      }
      if (reporters.length > 0 && !reporters.includes(stored.created_by.username ?? '')) return false;
      if (categories.length > 0 && !categories.includes(stored.category ?? '')) return false;
      if (query.severity !== undefined && stored.severity !== query.severity) return false;
      const created = Date.parse(stored.created_at);
      if (from !== undefined && created < from) return false;
      if (to !== undefined && created > to) return false;
      if (
        query.search !== undefined &&
        !matchesSearch(stored, query.search, searchFields, query.defaultSearchOperator ?? 'OR')
      )
        return false;
      return true;
    });
    // Kibana counts the statuses over the other filters, so the counts do not depend on `status`.
    const count = (status: Schemas['CaseStatus']) => matching.filter((stored) => stored.status === status).length;
    const filtered =
      query.status === undefined ? matching : matching.filter((stored) => stored.status === query.status);
    const field = query.sortField ?? 'createdAt';
    const direction = (query.sortOrder ?? 'desc') === 'asc' ? 1 : -1;
    const sorted = filtered
      .map((stored, index) => ({ stored, index }))
      .sort((a, b) => {
        const x = sortValue(a.stored, field);
        const y = sortValue(b.stored, field);
        return (x < y ? -1 : x > y ? 1 : a.index - b.index) * direction;
      })
      .map(({ stored }) => stored);
    return {
      cases: pageOf(sorted, page, perPage).map((stored) => answerCase(stored, false)),
      page,
      per_page: perPage,
      total: filtered.length,
      count_open_cases: count('open'),
      count_in_progress_cases: count('in-progress'),
      count_closed_cases: count('closed'),
    };
  },

  updateCases(context) {
    const changes = context.body.cases;
    const targets = changes.map((change) => requireCase(context.space, change.id));
    const stale = changes.filter((change, index) => targets[index]!.version !== change.version);
    if (stale.length > 0) {
      const ids = JSON.stringify(changes.map(({ id, version }) => ({ id, version })));
      throw new KibanaHttpError(
        409,
        `Failed to update case, ids: ${ids}: Error: These cases ${stale.map((change) => change.id).join(', ')} has been updated. Please refresh before saving additional updates.`,
      );
    }
    changes.forEach((change) => {
      requireText('title', change.title);
      requireText('description', change.description);
    });
    const checkedFields = changes.map((change, index) =>
      change.customFields === undefined
        ? undefined
        : customFieldValues(context.space, targets[index]!.owner, change.customFields, false),
    );
    changes.forEach((change, index) => {
      const stored = targets[index]!;
      let changed = false;
      if (change.title !== undefined && change.title !== stored.title) {
        stored.title = change.title;
        record(context, stored, { type: 'title', action: 'update', payload: { title: change.title } });
        changed = true;
      }
      if (change.description !== undefined && change.description !== stored.description) {
        stored.description = change.description;
        record(context, stored, {
          type: 'description',
          action: 'update',
          payload: { description: change.description },
        });
        changed = true;
      }
      if (change.severity !== undefined && change.severity !== stored.severity) {
        stored.severity = change.severity;
        record(context, stored, { type: 'severity', action: 'update', payload: { severity: change.severity } });
        changed = true;
      }
      if (change.category !== undefined && change.category !== stored.category) {
        stored.category = change.category;
        record(context, stored, { type: 'category', action: 'update', payload: { category: change.category } });
        changed = true;
      }
      if (change.settings !== undefined && !same(change.settings, stored.settings)) {
        stored.settings = change.settings;
        record(context, stored, { type: 'settings', action: 'update', payload: { settings: change.settings } });
        changed = true;
      }
      if (change.connector !== undefined && !same(change.connector, stored.connector)) {
        stored.connector = change.connector;
        record(context, stored, { type: 'connector', action: 'update', payload: { connector: change.connector } });
        changed = true;
      }
      const fields = checkedFields[index];
      if (fields !== undefined && !same(fields, stored.customFields)) {
        stored.customFields = fields;
        record(context, stored, { type: 'customFields', action: 'update', payload: { customFields: fields } });
        changed = true;
      }
      if (change.tags !== undefined) {
        const added = change.tags.filter((tag) => !stored.tags.includes(tag));
        const removed = stored.tags.filter((tag) => !change.tags!.includes(tag));
        if (added.length > 0) record(context, stored, { type: 'tags', action: 'add', payload: { tags: added } });
        if (removed.length > 0) record(context, stored, { type: 'tags', action: 'delete', payload: { tags: removed } });
        if (added.length > 0 || removed.length > 0) changed = true;
        stored.tags = change.tags;
      }
      if (change.assignees !== undefined) {
        const before = (stored.assignees ?? []).map((assignee) => assignee.uid);
        const after = change.assignees.map((assignee) => assignee.uid);
        const added = change.assignees.filter((assignee) => !before.includes(assignee.uid));
        const removed = (stored.assignees ?? []).filter((assignee) => !after.includes(assignee.uid));
        if (added.length > 0)
          record(context, stored, { type: 'assignees', action: 'add', payload: { assignees: added } });
        if (removed.length > 0)
          record(context, stored, { type: 'assignees', action: 'delete', payload: { assignees: removed } });
        if (added.length > 0 || removed.length > 0) changed = true;
        stored.assignees = change.assignees;
      }
      if (change.status !== undefined && change.status !== stored.status) {
        if (change.status === 'closed') closeCase(context, stored);
        else {
          stored.status = change.status;
          stored.closed_at = null;
          stored.closed_by = null;
          stored.duration = null;
        }
        record(context, stored, { type: 'status', action: 'update', payload: { status: change.status } });
        changed = true;
      }
      if (changed) touch(context, stored);
    });
    return targets.map((stored) => answerCase(stored, false));
  },

  deleteCases(context) {
    const ids = caseIds(context.query.ids);
    for (const id of ids) requireCase(context.space, id);
    for (const id of ids) {
      context.space.cases.delete(id);
      context.space.userActions.delete(id);
      for (const [fileId, file] of context.space.files) if (file.caseId === id) context.space.files.delete(fileId);
      for (const key of context.space.incidents.keys())
        if (key.startsWith(`${id}/`)) context.space.incidents.delete(key);
    }
  },

  getCasesByAlert(context) {
    const owners = asList(context.query.owner);
    const related: Schemas['CaseRelatedCase'][] = [];
    for (const stored of context.space.cases.values()) {
      if (owners.length > 0 && !owners.includes(stored.owner)) continue;
      if (!stored.comments.some((comment) => alertIds(comment).includes(context.path.alertId))) continue;
      const answered = answerCase(stored, false);
      related.push({
        id: stored.id,
        title: stored.title,
        description: stored.description,
        status: stored.status,
        createdAt: stored.created_at,
        totals: { alerts: answered.totalAlerts, userComments: answered.totalComment },
      } as Schemas['CaseRelatedCase']);
    }
    return related;
  },

  getCaseConfiguration(context) {
    const owners = asList(context.query.owner);
    return [...context.space.configurations.values()]
      .filter((configuration) => owners.length === 0 || owners.includes(configuration.owner))
      .map((configuration) => structuredClone(configuration));
  },

  setCaseConfiguration(context) {
    const body = context.body;
    checkCustomFieldKeys(body.customFields);
    // Kibana keeps one settings object per owner: creating one replaces the one before.
    for (const [id, configuration] of context.space.configurations)
      if (configuration.owner === body.owner) context.space.configurations.delete(id);
    const configuration: Schemas['CaseConfiguration'] = {
      id: newId(),
      version: context.state.nextVersion(),
      owner: body.owner,
      closure_type: body.closure_type,
      connector: body.connector,
      customFields: body.customFields ?? [],
      templates: body.templates ?? [],
      ...(body.observableTypes !== undefined ? { observableTypes: body.observableTypes } : {}),
      ...(body.extractObservables !== undefined ? { extractObservables: body.extractObservables } : {}),
      ...(body.workflowTags !== undefined ? { workflowTags: body.workflowTags } : {}),
      ...configurationFields(context.space, body.connector),
      created_at: context.now,
      created_by: caseUser(context.user),
      updated_at: null,
      updated_by: null,
    };
    context.space.configurations.set(configuration.id, configuration);
    return structuredClone(configuration);
  },

  updateCaseConfiguration(context) {
    const configuration = context.space.configurations.get(context.path.configurationId);
    if (!configuration) throw savedObjectNotFound('cases-configure', context.path.configurationId);
    const { version, ...changes } = context.body;
    if (version !== configuration.version)
      throw new KibanaHttpError(
        409,
        'This configuration has been updated. Please refresh before saving additional updates.',
      );
    checkCustomFieldKeys(changes.customFields);
    if (changes.closure_type !== undefined) configuration.closure_type = changes.closure_type;
    if (changes.customFields !== undefined) configuration.customFields = changes.customFields;
    if (changes.templates !== undefined) configuration.templates = changes.templates;
    if (changes.observableTypes !== undefined) configuration.observableTypes = changes.observableTypes;
    if (changes.extractObservables !== undefined) configuration.extractObservables = changes.extractObservables;
    if (changes.workflowTags !== undefined) configuration.workflowTags = changes.workflowTags;
    if (changes.connector !== undefined)
      Object.assign(
        configuration,
        { connector: changes.connector },
        configurationFields(context.space, changes.connector),
      );
    configuration.version = context.state.nextVersion();
    configuration.updated_at = context.now;
    configuration.updated_by = caseUser(context.user);
    return structuredClone(configuration);
  },

  findCaseConnectors(context) {
    return [...context.space.connectors.values()]
      .filter(({ connector }) => CASE_CONNECTOR_TYPES.has(connector.connector_type_id))
      .map(({ connector }) => ({
        id: connector.id,
        actionTypeId: connector.connector_type_id as Schemas['CaseConfigurationAvailableConnector']['actionTypeId'],
        name: connector.name,
        config: connector.config ?? {},
        isPreconfigured: connector.is_preconfigured,
        isDeprecated: connector.is_deprecated,
        isMissingSecrets: connector.is_missing_secrets ?? false,
        referencedByCount: [...context.space.configurations.values()].filter(
          (configuration) => configuration.connector.id === connector.id,
        ).length,
      }));
  },

  getCaseReporters(context) {
    const owners = asList(context.query.owner);
    const reporters = new Map<string, Schemas['CaseUser']>();
    for (const stored of context.space.cases.values()) {
      if (owners.length > 0 && !owners.includes(stored.owner)) continue;
      reporters.set(stored.created_by.username ?? '', stored.created_by);
    }
    return [...reporters.values()].sort((a, b) => (a.username ?? '').localeCompare(b.username ?? ''));
  },

  getCaseTags(context) {
    const owners = asList(context.query.owner);
    const tags = new Set<string>();
    for (const stored of context.space.cases.values())
      if (owners.length === 0 || owners.includes(stored.owner)) stored.tags.forEach((tag) => tags.add(tag));
    return [...tags].sort();
  },

  getCaseAlerts(context) {
    const stored = requireCase(context.space, context.path.caseId);
    return stored.comments.flatMap((comment) => {
      if (comment.type !== 'alert') return [];
      const indices = asList(comment.index);
      return asList(comment.alertId).map((id, i) => ({
        id,
        index: indices[i] ?? indices[0] ?? '',
        attached_at: comment.created_at,
      }));
    });
  },

  addCaseComment(context) {
    const stored = requireCase(context.space, context.path.caseId);
    const body = context.body;
    if (body.owner !== stored.owner)
      throw new KibanaHttpError(
        400,
        `The owner field of the comment must match the case's owner: expected "${stored.owner}" but got "${body.owner}"`,
      );
    const base = commentBase(context, body.owner);
    const comment: Comment =
      body.type === 'user'
        ? { ...base, type: 'user', comment: body.comment }
        : { ...base, type: 'alert', alertId: body.alertId, index: body.index, rule: body.rule };
    stored.comments.push(comment);
    touch(context, stored);
    record(
      context,
      stored,
      { type: 'comment', action: 'create', payload: { comment: attachmentPayload(comment) } },
      comment.id,
    );
    return answerCase(stored);
  },

  updateCaseComment(context) {
    const stored = requireCase(context.space, context.path.caseId);
    const body = context.body;
    const comment = requireComment(stored, body.id);
    if (comment.version !== body.version)
      throw new KibanaHttpError(
        409,
        `This comment ${body.id} has been updated. Please refresh before saving additional updates.`,
      );
    if (comment.type !== body.type) throw new KibanaHttpError(400, 'You cannot change the type of the comment.');
    if (comment.owner !== body.owner) throw new KibanaHttpError(400, 'You cannot change the owner of the comment.');
    if (comment.type === 'user' && body.type === 'user') comment.comment = body.comment;
    if (comment.type === 'alert' && body.type === 'alert')
      Object.assign(comment, { alertId: body.alertId, index: body.index, rule: body.rule });
    comment.version = context.state.nextVersion();
    comment.updated_at = context.now;
    comment.updated_by = caseUser(context.user);
    touch(context, stored);
    record(
      context,
      stored,
      { type: 'comment', action: 'update', payload: { comment: attachmentPayload(comment) } },
      comment.id,
    );
    return answerCase(stored);
  },

  findCaseComments(context) {
    const stored = requireCase(context.space, context.path.caseId);
    const page = context.query.page ?? 1;
    const perPage = context.query.perPage ?? 20;
    const ordered = context.query.sortOrder === 'asc' ? [...stored.comments] : [...stored.comments].reverse();
    return {
      comments: structuredClone(pageOf(ordered, page, perPage)),
      page,
      per_page: perPage,
      total: stored.comments.length,
    };
  },

  getCaseComment(context) {
    return structuredClone(requireComment(requireCase(context.space, context.path.caseId), context.path.commentId));
  },

  deleteCaseComment(context) {
    const stored = requireCase(context.space, context.path.caseId);
    const comment = requireComment(stored, context.path.commentId);
    removeComments(context, stored, [comment]);
  },

  deleteCaseComments(context) {
    const stored = requireCase(context.space, context.path.caseId);
    removeComments(context, stored, [...stored.comments]);
  },

  pushCase(context) {
    const stored = requireCase(context.space, context.path.caseId);
    const found = context.space.connectors.get(context.path.connectorId);
    if (!found) throw savedObjectNotFound('action', context.path.connectorId);
    const { connector } = found;
    if (!CASE_CONNECTOR_TYPES.has(connector.connector_type_id)) {
      throw new KibanaHttpError(
        400,
        `The connector ${connector.name} (${connector.connector_type_id}) cannot push cases; use one of ${[...CASE_CONNECTOR_TYPES].join(', ')}`,
      );
    }
    const service = externalIncident(context, stored, connector);
    stored.external_service = service;
    for (const comment of stored.comments) {
      comment.pushed_at = context.now;
      comment.pushed_by = caseUser(context.user);
    }
    record(context, stored, { type: 'pushed', action: 'push_to_service', payload: { externalService: service } });
    if (
      configurationOf(context.space, stored.owner)?.closure_type === 'close-by-pushing' &&
      stored.status !== 'closed'
    ) {
      closeCase(context, stored);
      record(context, stored, { type: 'status', action: 'update', payload: { status: 'closed' } });
    }
    touch(context, stored);
    return answerCase(stored);
  },

  async addCaseFile(context) {
    const stored = requireCase(context.space, context.path.caseId);
    const file = context.form?.get('file');
    if (file === null || file === undefined || typeof file === 'string')
      throw new KibanaHttpError(
        400,
        `[request body.file]: expected value of type [File] but got [${file === null || file === undefined ? 'undefined' : 'string'}]`,
      );
    const uploaded = fileExtension((file as File).name || 'file');
    const name = context.body.filename ?? uploaded.base;
    if (name.trim() === '') throw new KibanaHttpError(400, 'The filename field cannot be an empty string.');
    const data = new Uint8Array(await file.arrayBuffer());
    const mimeType = file.type.split(';')[0] || 'application/octet-stream';
    const fileId = newId();
    context.space.files.set(fileId, {
      id: fileId,
      caseId: stored.id,
      name,
      extension: uploaded.extension,
      mimeType,
      size: data.byteLength,
      created: context.now,
      data,
    });
    const comment: Comment = {
      ...commentBase(context, stored.owner),
      type: 'externalReference',
      externalReferenceAttachmentTypeId: '.files',
      externalReferenceId: fileId,
      externalReferenceStorage: { type: 'savedObject', soType: 'file' },
      externalReferenceMetadata: { files: [{ name, extension: uploaded.extension, mimeType, created: context.now }] },
    };
    stored.comments.push(comment);
    touch(context, stored);
    record(
      context,
      stored,
      { type: 'comment', action: 'create', payload: { comment: attachmentPayload(comment) } },
      comment.id,
    );
    return answerCase(stored);
  },

  findCaseUserActions(context) {
    const stored = requireCase(context.space, context.path.caseId);
    const types = context.query.types ?? [];
    const page = context.query.page ?? 1;
    const perPage = context.query.perPage ?? 20;
    const kind = (action: UserAction): string[] => {
      if (action.type !== 'comment') return [action.type];
      const attached = action.payload.comment.type;
      return [
        'comment',
        attached === 'user'
          ? 'user'
          : attached === 'alert'
            ? 'alert'
            : attached === 'actions'
              ? 'action'
              : 'attachment',
      ];
    };
    // Recorded in order, so ascending is the recording order (timestamps may tie within a millisecond).
    const all = (context.space.userActions.get(stored.id) ?? []).filter(
      (action) => types.length === 0 || kind(action).some((k) => (types as string[]).includes(k)),
    );
    const ordered = (context.query.sortOrder ?? 'desc') === 'asc' ? all : [...all].reverse();
    return { page, perPage, total: all.length, userActions: structuredClone(pageOf(ordered, page, perPage)) };
  },
} satisfies Partial<Routes>;

function removeComments(context: AnyContext, stored: StoredCase, comments: Comment[]): void {
  for (const comment of comments) {
    stored.comments.splice(stored.comments.indexOf(comment), 1);
    if (comment.type === 'externalReference' && comment.externalReferenceAttachmentTypeId === '.files')
      context.space.files.delete(comment.externalReferenceId);
    record(
      context,
      stored,
      { type: 'comment', action: 'delete', payload: { comment: attachmentPayload(comment) } },
      comment.id,
    );
  }
  if (comments.length > 0) touch(context, stored);
}
