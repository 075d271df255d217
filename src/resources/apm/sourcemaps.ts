import type { Caller } from '../../call.js';
import { chain, mapResponse, nothing, type KibanaPromise, type KibanaResponse } from '../../response.js';
import { ArgumentError } from '../../errors.js';
import type {
  SourceMap,
  SourceMapContent,
  SourceMapList,
  SourceMapUploadRequest,
  UploadedSourceMap,
} from '../../names.js';
import type { CallOptions, OperationQuery } from '../../types.js';
import { checkPage, paginate } from '../../paging.js';
import { prepareFile, type FileInput } from '../../upload.js';
import { requireId, requireObject } from '../args.js';

/** A source map: a file in any {@link FileInput} form, or the parsed source map itself. */
export type SourceMapInput = FileInput | SourceMapContent;

type UploadForm = SourceMapUploadRequest;

/** What {@link ApmSourceMapsApi.upload} sends. */
export interface SourceMapUpload {
  /** The service the source map belongs to. */
  serviceName: UploadForm['service_name'];
  /** The service version the source map belongs to. */
  serviceVersion: UploadForm['service_version'];
  /**
   * The minified bundle the source map describes, exactly as the browser loads it: an absolute
   * path such as `/static/js/main.chunk.js` or a full URL.
   */
  bundleFilepath: UploadForm['bundle_filepath'];
  /**
   * The source map (format version 3): its JSON text as a string, bytes, a `Blob`, a stream or
   * `{ path }`, or the parsed object, which is sent as JSON.
   */
  sourcemap: SourceMapInput;
}

const JSON_TYPE = 'application/json';

/** Source maps page with `page` and `perPage`; Kibana sets no upper bound on the page size. */
const SOURCE_MAP_PAGING = { page: 'page', perPage: 'perPage', maxPerPage: Number.MAX_SAFE_INTEGER };

/** A parsed source map, told apart from `{ path }` and the other file forms by its own fields. */
function isSourceMapObject(value: unknown): value is SourceMapContent {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  return 'mappings' in value || 'version' in value || 'sections' in value;
}

/** `main.chunk.js.map` for `/static/js/main.chunk.js?v=2`: Kibana does not rely on the name, but a telling one reads better in proxy logs. */
function sourceMapFileName(bundleFilepath: string): string {
  const base =
    bundleFilepath
      .replace(/[?#].*$/, '')
      .split(/[\\/]/)
      .pop() ?? '';
  return base ? `${base}.map` : 'sourcemap.json';
}

/**
 * RUM source maps, stored by Kibana as Fleet artifacts so that the APM Server can map minified
 * stack frames back to the original source. Use `kibana.apm.sourcemaps`.
 */
export class ApmSourceMapsApi {
  readonly #caller: Caller;

  /** @internal Use `kibana.apm.sourcemaps`. */
  constructor(caller: Caller) {
    this.#caller = caller;
  }

  /**
   * One page of the uploaded source maps, newest first, with their content decoded (20 per page
   * unless `query.perPage` says otherwise). A `ResponseError` with status 501 means the deployment
   * has no source map support.
   */
  list(query?: OperationQuery<'getSourceMaps'>, options?: CallOptions): KibanaPromise<SourceMapList> {
    return this.#caller.call('getSourceMaps', () => ({ query: checkPage(query, SOURCE_MAP_PAGING) }), options);
  }

  /**
   * Every uploaded source map, newest first, page after page (100 per page unless `query.perPage`
   * says otherwise), holding one page in memory. Like `cases.iterate`, it stops at Kibana's
   * 10,000-result window with a `ResultWindowError` when more source maps exist.
   *
   * @example
   * ```ts
   * for await (const map of kibana.apm.sourcemaps.iterate()) console.log(map.identifier, map.created);
   * ```
   */
  iterate(query?: OperationQuery<'getSourceMaps'>, options?: CallOptions): AsyncGenerator<SourceMap, void, undefined> {
    return paginate('/api/apm/sourcemaps', query, SOURCE_MAP_PAGING, async (page) => {
      const result = await this.list(page, options);
      // Older Kibana leaves `total` out; an empty page then ends the iteration.
      return { items: result.artifacts, total: result.total ?? Number.POSITIVE_INFINITY };
    });
  }

  /**
   * Uploads the source map of one bundle of a service version, as multipart/form-data. Kibana
   * refuses bodies over its payload limit (1 MB by default) with `PayloadTooLargeError`. Like any
   * POST it is retried only with `retryNonIdempotent`, and never when the source map is a stream.
   *
   * @example
   * ```ts
   * await kibana.apm.sourcemaps.upload({
   *   serviceName: 'frontend',
   *   serviceVersion: '1.4.0',
   *   bundleFilepath: '/static/js/main.chunk.js',
   *   sourcemap: { path: './build/static/js/main.chunk.js.map' },
   * });
   * ```
   */
  upload(upload: SourceMapUpload, options?: CallOptions): KibanaPromise<UploadedSourceMap> {
    return chain(() => this.#upload(upload, options));
  }

  async #upload(upload: SourceMapUpload, options: CallOptions | undefined): Promise<KibanaResponse<UploadedSourceMap>> {
    requireObject('upload', upload);
    const serviceName = requireId('upload.serviceName', upload.serviceName);
    const serviceVersion = requireId('upload.serviceVersion', upload.serviceVersion);
    const bundleFilepath = requireId('upload.bundleFilepath', upload.bundleFilepath);
    const source: unknown = upload.sourcemap;
    let blob: Blob;
    let oneShot = false;
    if (isSourceMapObject(source)) {
      let text: string;
      try {
        text = JSON.stringify(source);
      } catch (error) {
        throw new ArgumentError('upload.sourcemap', `cannot be turned into JSON: ${(error as Error).message}`);
      }
      blob = new Blob([text], { type: JSON_TYPE });
    } else {
      // Kibana is told JSON whatever the file was labelled.
      ({ blob, oneShot } = await prepareFile(
        'upload.sourcemap',
        source,
        JSON_TYPE,
        this.#caller.shared.platform,
        true,
      ));
    }
    const form = new FormData();
    form.append('service_name', serviceName);
    form.append('service_version', serviceVersion);
    form.append('bundle_filepath', bundleFilepath);
    form.append('sourcemap', blob, sourceMapFileName(bundleFilepath));
    return this.#caller.call('uploadSourceMap', { body: form }, options, { oneShot }).withResponse();
  }

  /** Deletes an uploaded source map by its artifact `id`, as {@link ApmSourceMapsApi.list} gives it. */
  delete(id: string, options?: CallOptions): KibanaPromise<void> {
    return mapResponse(
      this.#caller.call('deleteSourceMap', () => ({ path: { id: requireId('id', id) } }), options),
      nothing,
    );
  }
}
