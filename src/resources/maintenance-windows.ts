import type { Caller } from '../call.js';
import type { KibanaPromise } from '../response.js';
import { checkPage, paginate } from '../paging.js';
import type {
  CreateMaintenanceWindowBody,
  MaintenanceWindow,
  MaintenanceWindowFindResponse,
  UpdateMaintenanceWindowBody,
} from '../names.js';
import type { CallOptions, OperationQuery } from '../types.js';
import { requireId, requireObject } from './args.js';

/** Maintenance windows page with `page` and `per_page`. */
const WINDOW_PAGING = { page: 'page', perPage: 'per_page', maxPerPage: 100 };

/**
 * Kibana maintenance windows (Kibana 9): periods in which rules keep running but send no
 * notifications. Use `kibana.rules.maintenanceWindows`.
 */
export class MaintenanceWindowsApi {
  readonly #caller: Caller;

  /** @internal Use `kibana.rules.maintenanceWindows`. */
  constructor(caller: Caller) {
    this.#caller = caller;
  }

  /** Creates a maintenance window; `title` and `schedule` are required. */
  create(body: CreateMaintenanceWindowBody, options?: CallOptions): KibanaPromise<MaintenanceWindow> {
    return this.#caller.call('createMaintenanceWindow', () => ({ body: requireObject('body', body) }), options);
  }

  /** One page of maintenance windows matching `query` (title, creator, status), with the total. */
  find(
    query?: OperationQuery<'findMaintenanceWindows'>,
    options?: CallOptions,
  ): KibanaPromise<MaintenanceWindowFindResponse> {
    return this.#caller.call('findMaintenanceWindows', () => ({ query: checkPage(query, WINDOW_PAGING) }), options);
  }

  /** Every maintenance window matching `query`, page after page, holding one page in memory. */
  iterate(
    query?: OperationQuery<'findMaintenanceWindows'>,
    options?: CallOptions,
  ): AsyncGenerator<MaintenanceWindow, void, undefined> {
    return paginate('/api/maintenance_window/_find', query, WINDOW_PAGING, async (page) => {
      const result = await this.find(page, options);
      return { items: result.maintenanceWindows, total: result.total };
    });
  }

  /** Reads one maintenance window. */
  get(id: string, options?: CallOptions): KibanaPromise<MaintenanceWindow> {
    return this.#caller.call('getMaintenanceWindow', () => ({ path: { id: requireId('id', id) } }), options);
  }

  /** Changes the given fields of a maintenance window. */
  update(id: string, body: UpdateMaintenanceWindowBody, options?: CallOptions): KibanaPromise<MaintenanceWindow> {
    return this.#caller.call(
      'updateMaintenanceWindow',
      () => ({ path: { id: requireId('id', id) }, body: requireObject('body', body) }),
      options,
    );
  }

  /** Deletes a maintenance window. */
  delete(id: string, options?: CallOptions): KibanaPromise<void> {
    return this.#caller.call('deleteMaintenanceWindow', () => ({ path: { id: requireId('id', id) } }), options);
  }

  /** Archives a maintenance window: it stops applying, and is kept. */
  archive(id: string, options?: CallOptions): KibanaPromise<MaintenanceWindow> {
    return this.#caller.call('archiveMaintenanceWindow', () => ({ path: { id: requireId('id', id) } }), options);
  }

  /** Brings an archived maintenance window back. */
  unarchive(id: string, options?: CallOptions): KibanaPromise<MaintenanceWindow> {
    return this.#caller.call('unarchiveMaintenanceWindow', () => ({ path: { id: requireId('id', id) } }), options);
  }
}
