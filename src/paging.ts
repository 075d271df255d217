import { ArgumentError, KibanaError } from './errors.js';

/** Kibana cannot page past this many results (Elasticsearch's `index.max_result_window`). */
export const RESULT_WINDOW = 10_000;

/**
 * Thrown by an `iterate` method when the results go on past Kibana's 10,000-result window: every
 * result Kibana can page to has been yielded, and more exist. Narrow the query to see the rest.
 */
export class ResultWindowError extends KibanaError {
  /** How many results matched. */
  readonly total: number;
  /** How many were yielded before the window ended. */
  readonly yielded: number;
  constructor(path: string, total: number, yielded: number) {
    super(`GET ${path} matched ${total} results, but Kibana pages through at most ${RESULT_WINDOW}; ${yielded} were yielded. Narrow the query (by time range, status, tags, ...) to reach the rest.`);
    this.total = total;
    this.yielded = yielded;
  }
}

/** One page as a find operation answers it. */
export interface Page<T> {
  items: readonly T[];
  total: number;
}

/**
 * Yields the items of consecutive pages, holding one page at a time. Stops at `total`, on an empty
 * page, or at the result window (with {@link ResultWindowError} when more results exist).
 * A first page past the window throws here, when the iteration is set up, like the other argument
 * checks of the `iterate` methods (a generator body would only run at the first `next()`).
 */
export function paginate<T>(path: string, firstPage: number, perPage: number, fetchPage: (page: number) => Promise<Page<T>>): AsyncGenerator<T, void, undefined> {
  if (firstPage * perPage > RESULT_WINDOW) {
    throw new ArgumentError('query.page', `page ${firstPage} of ${perPage} results is past Kibana's ${RESULT_WINDOW}-result window`);
  }
  return pages(path, firstPage, perPage, fetchPage);
}

async function* pages<T>(path: string, firstPage: number, perPage: number, fetchPage: (page: number) => Promise<Page<T>>): AsyncGenerator<T, void, undefined> {
  let yielded = 0;
  const skipped = (firstPage - 1) * perPage;
  for (let page = firstPage; ; page++) {
    const { items, total } = await fetchPage(page);
    for (const item of items) yield item;
    yielded += items.length;
    if (items.length === 0 || skipped + yielded >= total) return;
    if ((page + 1) * perPage > RESULT_WINDOW) throw new ResultWindowError(path, total, yielded);
  }
}
