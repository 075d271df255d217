import type { Caller } from '../call.js';
import { chain, mapResponse, type KibanaPromise, type KibanaResponse } from '../response.js';
import { retryOnConflict, splitConflictOptions, type ConflictOptions } from '../conflict.js';
import { ArgumentError } from '../errors.js';
import { checkPage, paginate } from '../paging.js';
import { contentTypeFor, prepareFile, type FileInput } from '../upload.js';
import type {
  AddCaseCommentBody,
  Case,
  CaseAlert,
  CaseComment,
  CaseCommentFindResponse,
  CaseConfiguration,
  CaseConfigurationAvailableConnector,
  CaseFindResponse,
  CaseRelatedCase,
  CaseStatus,
  CaseUpdateRequest,
  CaseUser,
  CaseUserAction,
  CaseUserActionFindResponse,
  CreateCaseBody,
  SetCaseConfigurationBody,
  UpdateCaseCommentBody,
  UpdateCaseConfigurationBody,
} from '../names.js';
import type { CallOptions, OperationQuery } from '../types.js';
import { optionalName, optionalObject, requireId, requireIds, requireObject } from './args.js';

/** What {@link CasesApi.attachFile} uploads. */
export interface CaseFileUpload {
  /** The file content. */
  file: FileInput;
  /**
   * The name Kibana shows for the file, without extension (Kibana keeps the extension from the
   * uploaded file's name). Default: `fileName` without its extension.
   */
  filename?: string;
  /**
   * The uploaded file's name, extension included, which sets its media type. Default: the `File`'s
   * own name, else the last segment of the `{ path }` (or of a Node file stream's path), else
   * `filename`, else `file`.
   */
  fileName?: string;
  /** The media type; default from the extension of `fileName` (a typed `Blob` keeps its own type). */
  contentType?: string;
}

/** Cases, user actions and comments page with `page` and `perPage`, at most 100 per page. */
const CASE_PAGING = { page: 'page', perPage: 'perPage', maxPerPage: 100 };

/** One case change for {@link CasesApi.update}: `id`, the current `version`, and the fields to change. */
export type CaseUpdate = CaseUpdateRequest;

/** A comment change for {@link CasesApi.updateComment}: `id`, the current `version`, and the new content. */
export type CaseCommentUpdate = UpdateCaseCommentBody;

/**
 * The name the file source carries: a `File`'s name, or the last segment of a `{ path }` (also of a
 * Node file stream, which keeps its path), so the extension can set the media type.
 */
function sourceName(file: unknown): string | undefined {
  if (typeof File !== 'undefined' && file instanceof File) return file.name || undefined;
  if (typeof file !== 'object' || file === null || file instanceof Blob) return undefined;
  const path = (file as { path?: unknown }).path;
  if (typeof path !== 'string') return undefined;
  return path.split(/[\\/]/).pop() || undefined;
}

/** The one case a single-case update answers with. */
function onlyCase(updated: Case[]): Case {
  const [only] = updated;
  if (only === undefined) throw new ArgumentError('caseId', 'Kibana answered the update with no case');
  return only;
}

/**
 * Kibana Cases: create, find and read cases, page through them, push them to external systems,
 * attach files, read their activity, and manage case settings.
 */
export class CasesApi {
  readonly #caller: Caller;

  /** @internal Use `kibana.cases`. */
  constructor(caller: Caller) {
    this.#caller = caller;
  }

  /**
   * Opens a case. `title`, `description`, `owner`, `tags`, `connector` and `settings` are required;
   * the case answers with its `id` and `version` (needed to update it).
   */
  create(body: CreateCaseBody, options?: CallOptions): KibanaPromise<Case> {
    return this.#caller.call('createCase', () => ({ body: requireObject('body', body) }), options);
  }

  /** Reads one case, with its comments. */
  get(caseId: string, options?: CallOptions): KibanaPromise<Case> {
    return this.#caller.call('getCase', () => ({ path: { caseId: requireId('caseId', caseId) } }), options);
  }

  /** One page of cases matching `query` (status, severity, tags, owner, search, sort...), with totals. */
  find(query?: OperationQuery<'findCases'>, options?: CallOptions): KibanaPromise<CaseFindResponse> {
    return this.#caller.call('findCases', () => ({ query: checkPage(query, CASE_PAGING) }), options);
  }

  /**
   * Every case matching `query`, page after page (100 per page unless `query.perPage` says
   * otherwise), holding one page in memory. Ends at the total; past Kibana's 10,000-result window it
   * throws `ResultWindowError` after yielding what Kibana can page to.
   *
   * @example
   * ```ts
   * for await (const c of kibana.cases.iterate({ status: 'open', tags: ['db'] })) console.log(c.title);
   * ```
   */
  iterate(
    query?: Omit<OperationQuery<'findCases'>, 'page'> & { page?: number },
    options?: CallOptions,
  ): AsyncGenerator<Case, void, undefined> {
    return paginate('/api/cases/_find', query, CASE_PAGING, async (page) => {
      const result = await this.find(page, options);
      return { items: result.cases, total: result.total };
    });
  }

  /** The alerts attached to a case. */
  getAlerts(caseId: string, options?: CallOptions): KibanaPromise<CaseAlert[]> {
    return this.#caller.call('getCaseAlerts', () => ({ path: { caseId: requireId('caseId', caseId) } }), options);
  }

  /** The cases an alert is attached to. */
  getCasesByAlert(
    alertId: string,
    query?: OperationQuery<'getCasesByAlert'>,
    options?: CallOptions,
  ): KibanaPromise<CaseRelatedCase[]> {
    return this.#caller.call(
      'getCasesByAlert',
      () => ({ path: { alertId: requireId('alertId', alertId) }, query }),
      options,
    );
  }

  /** Deletes every comment and alert of a case. */
  deleteComments(caseId: string, options?: CallOptions): KibanaPromise<void> {
    return this.#caller.call('deleteCaseComments', () => ({ path: { caseId: requireId('caseId', caseId) } }), options);
  }

  /** Deletes one comment or alert of a case. */
  deleteComment(caseId: string, commentId: string, options?: CallOptions): KibanaPromise<void> {
    return this.#caller.call(
      'deleteCaseComment',
      () => ({ path: { caseId: requireId('caseId', caseId), commentId: requireId('commentId', commentId) } }),
      options,
    );
  }

  /**
   * Pushes a case to an external incident system through a connector. Answers the case with its
   * `external_service` filled in; closes it when the case settings say `close-by-pushing`.
   */
  push(caseId: string, connectorId: string, options?: CallOptions): KibanaPromise<Case> {
    return this.#caller.call(
      'pushCase',
      () => ({
        path: { caseId: requireId('caseId', caseId), connectorId: requireId('connectorId', connectorId) },
        body: {},
      }),
      options,
    );
  }

  /**
   * Attaches a file to a case, as multipart/form-data. Kibana refuses files over its payload limit
   * (1 MB by default) with a `PayloadTooLargeError`. A call whose file is a stream is never retried.
   *
   * @example
   * ```ts
   * await kibana.cases.attachFile(caseId, { file: { path: './screenshot.png' }, filename: 'screenshot' });
   * ```
   */
  attachFile(caseId: string, upload: CaseFileUpload, options?: CallOptions): KibanaPromise<Case> {
    return chain(() => this.#attachFile(caseId, upload, options));
  }

  async #attachFile(
    caseId: string,
    upload: CaseFileUpload,
    options: CallOptions | undefined,
  ): Promise<KibanaResponse<Case>> {
    const id = requireId('caseId', caseId);
    requireObject('upload', upload);
    const filename = optionalName('upload.filename', upload.filename);
    const contentType = optionalName('upload.contentType', upload.contentType);
    const fileName = optionalName('upload.fileName', upload.fileName) ?? sourceName(upload.file) ?? filename ?? 'file';
    const { blob, oneShot } = await prepareFile(
      'upload.file',
      upload.file,
      contentType ?? contentTypeFor(fileName),
      this.#caller.shared.platform,
      contentType !== undefined,
    );
    const form = new FormData();
    form.append('file', blob, fileName);
    // A dot file such as `.env` has no name left once the extension goes; it keeps its whole name.
    form.append('filename', filename ?? (fileName.replace(/\.[^.]+$/, '') || fileName));
    return this.#caller.call('addCaseFile', { path: { caseId: id }, body: form }, options, { oneShot }).withResponse();
  }

  /** One page of a case's activity (user actions), with totals. */
  findUserActions(
    caseId: string,
    query?: OperationQuery<'findCaseUserActions'>,
    options?: CallOptions,
  ): KibanaPromise<CaseUserActionFindResponse> {
    return this.#caller.call(
      'findCaseUserActions',
      () => ({ path: { caseId: requireId('caseId', caseId) }, query: checkPage(query, CASE_PAGING) }),
      options,
    );
  }

  /** Every user action of a case, page after page; see {@link CasesApi.iterate} for the paging rules. */
  iterateUserActions(
    caseId: string,
    query?: OperationQuery<'findCaseUserActions'>,
    options?: CallOptions,
  ): AsyncGenerator<CaseUserAction, void, undefined> {
    const id = requireId('caseId', caseId);
    return paginate('/api/cases/{caseId}/user_actions/_find', query, CASE_PAGING, async (page) => {
      const result = await this.findUserActions(id, page, options);
      return { items: result.userActions, total: result.total };
    });
  }

  /** Creates the case settings of an owner: closure type, default connector, custom fields, templates. */
  createConfiguration(body: SetCaseConfigurationBody, options?: CallOptions): KibanaPromise<CaseConfiguration> {
    return this.#caller.call('setCaseConfiguration', () => ({ body: requireObject('body', body) }), options);
  }

  /**
   * Updates case settings. `body.version` must be the settings' current version; a stale one gives
   * `ConflictError` (409).
   */
  updateConfiguration(
    configurationId: string,
    body: UpdateCaseConfigurationBody,
    options?: CallOptions,
  ): KibanaPromise<CaseConfiguration> {
    return this.#caller.call(
      'updateCaseConfiguration',
      () => ({
        path: { configurationId: requireId('configurationId', configurationId) },
        body: requireObject('body', body),
      }),
      options,
    );
  }

  /**
   * Updates up to 100 cases at once. Each item names a case by `id`, carries the case's current
   * `version`, and the fields to change. A stale version fails the whole call with `ConflictError`,
   * unless `retryOnConflict` lets the client re-read the versions and apply the changes again.
   */
  update(cases: CaseUpdate[], options?: ConflictOptions): KibanaPromise<Case[]> {
    return chain(() => this.#update(cases, options));
  }

  async #update(cases: CaseUpdate[], options: ConflictOptions | undefined): Promise<KibanaResponse<Case[]>> {
    if (!Array.isArray(cases) || cases.length === 0 || cases.length > 100) {
      throw new ArgumentError(
        'cases',
        `expected an array of 1 to 100 case changes, got ${Array.isArray(cases) ? `${cases.length} items` : typeof cases}`,
      );
    }
    cases.forEach((change, index) => {
      requireObject(`cases[${index}]`, change);
      requireId(`cases[${index}].id`, change.id);
      requireId(`cases[${index}].version`, change.version);
    });
    const { attempts, call } = splitConflictOptions(options);
    let changes = cases;
    return retryOnConflict(
      attempts,
      `case ${cases.map((c) => c.id).join(', ')}`,
      () => this.#caller.call('updateCases', { body: { cases: changes } }, call).withResponse(),
      async () => {
        const current = await Promise.all(changes.map((change) => this.get(change.id, call)));
        changes = changes.map((change, index) => ({ ...change, version: current[index]!.version }));
      },
    );
  }

  /** Closes a case, reading its current version first (or using `version` when given). */
  close(caseId: string, options?: ConflictOptions & { version?: string }): KibanaPromise<Case> {
    return chain(() => this.#setStatus(caseId, 'closed', options));
  }

  /** Reopens a closed case, reading its current version first (or using `version` when given). */
  reopen(caseId: string, options?: ConflictOptions & { version?: string }): KibanaPromise<Case> {
    return chain(() => this.#setStatus(caseId, 'open', options));
  }

  async #setStatus(
    caseId: string,
    status: CaseStatus,
    options: (ConflictOptions & { version?: string }) | undefined,
  ): Promise<KibanaResponse<Case>> {
    const id = requireId('caseId', caseId);
    const { version, ...rest } = optionalObject('options', options) ?? {};
    const { call } = splitConflictOptions(rest);
    const current = version === undefined ? (await this.get(id, call)).version : requireId('options.version', version);
    return mapResponse(this.update([{ id, version: current, status }], rest), onlyCase).withResponse();
  }

  /**
   * Deletes up to 100 cases with their comments and files. Answers nothing; unknown ids fail the
   * call with `NotFoundError`.
   */
  delete(ids: string[], options?: CallOptions): KibanaPromise<void> {
    return this.#caller.call('deleteCases', () => ({ query: { ids: requireIds('ids', ids, 100) } }), options);
  }

  /**
   * Adds a comment (`type: 'user'`) or attaches alerts (`type: 'alert'`) to a case. Answers the
   * updated case.
   */
  addComment(caseId: string, body: AddCaseCommentBody, options?: CallOptions): KibanaPromise<Case> {
    return this.#caller.call(
      'addCaseComment',
      () => ({ path: { caseId: requireId('caseId', caseId) }, body: requireObject('body', body) }),
      options,
    );
  }

  /**
   * Changes a comment or an alert attachment. `body.id` names it and `body.version` must be its
   * current version; `retryOnConflict` re-reads the version and applies the change again on 409.
   */
  updateComment(caseId: string, body: CaseCommentUpdate, options?: ConflictOptions): KibanaPromise<Case> {
    return chain(() => this.#updateComment(caseId, body, options));
  }

  async #updateComment(
    caseId: string,
    body: CaseCommentUpdate,
    options: ConflictOptions | undefined,
  ): Promise<KibanaResponse<Case>> {
    const id = requireId('caseId', caseId);
    requireObject('body', body);
    requireId('body.id', body.id);
    requireId('body.version', body.version);
    const { attempts, call } = splitConflictOptions(options);
    let change = body;
    return retryOnConflict(
      attempts,
      `comment ${body.id} of case ${id}`,
      () => this.#caller.call('updateCaseComment', { path: { caseId: id }, body: change }, call).withResponse(),
      async () => {
        const current = await this.getComment(id, body.id, call);
        change = { ...change, version: current.version } as CaseCommentUpdate;
      },
    );
  }

  /** Reads one comment or alert attachment of a case. */
  getComment(caseId: string, commentId: string, options?: CallOptions): KibanaPromise<CaseComment> {
    return this.#caller.call(
      'getCaseComment',
      () => ({ path: { caseId: requireId('caseId', caseId), commentId: requireId('commentId', commentId) } }),
      options,
    );
  }

  /** One page of a case's comments and alert attachments. */
  findComments(
    caseId: string,
    query?: OperationQuery<'findCaseComments'>,
    options?: CallOptions,
  ): KibanaPromise<CaseCommentFindResponse> {
    return this.#caller.call(
      'findCaseComments',
      () => ({ path: { caseId: requireId('caseId', caseId) }, query: checkPage(query, CASE_PAGING) }),
      options,
    );
  }

  /** Every comment of a case, page after page; see {@link CasesApi.iterate} for the paging rules. */
  iterateComments(
    caseId: string,
    query?: OperationQuery<'findCaseComments'>,
    options?: CallOptions,
  ): AsyncGenerator<CaseComment, void, undefined> {
    const id = requireId('caseId', caseId);
    return paginate('/api/cases/{caseId}/comments/_find', query, CASE_PAGING, async (page) => {
      const result = await this.findComments(id, page, options);
      return { items: result.comments, total: result.total };
    });
  }

  /** The case settings of each owner (or of the owners in `query.owner`). */
  getConfiguration(
    query?: OperationQuery<'getCaseConfiguration'>,
    options?: CallOptions,
  ): KibanaPromise<CaseConfiguration[]> {
    return this.#caller.call('getCaseConfiguration', { query }, options);
  }

  /** The connectors cases can be pushed through. */
  findConnectors(options?: CallOptions): KibanaPromise<CaseConfigurationAvailableConnector[]> {
    return this.#caller.call('findCaseConnectors', {}, options);
  }

  /** The users who opened cases. */
  getReporters(query?: OperationQuery<'getCaseReporters'>, options?: CallOptions): KibanaPromise<CaseUser[]> {
    return this.#caller.call('getCaseReporters', { query }, options);
  }

  /** The tags used on cases. */
  getTags(query?: OperationQuery<'getCaseTags'>, options?: CallOptions): KibanaPromise<string[]> {
    return this.#caller.call('getCaseTags', { query }, options);
  }
}
