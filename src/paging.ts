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
  constructor(path: string, total: number, yielded: number, nextPage: number, perPage: number) {
    super(
      `GET ${path} matched ${total} results, but Kibana refuses pages that end past result ${RESULT_WINDOW} (page ${nextPage} of ${perPage} would); ${yielded} were yielded. ` +
        `Narrow the query (by time range, status, tags, ...)${RESULT_WINDOW % perPage === 0 ? '' : ', or use a page size that divides 10,000,'} to reach the rest.`,
    );
    this.total = total;
    this.yielded = yielded;
  }
}

/** One page as a find operation answers it. */
export interface Page<T> {
  items: readonly T[];
  total: number;
}

/** How a find operation names its paging parameters, and the largest page it serves. */
export interface PagingKeys {
  page: string;
  perPage: string;
  maxPerPage: number;
}

/** The page size iterate methods use unless the query sets one: few round trips, small pages. */
const DEFAULT_PER_PAGE = 100;

function pagingNumber(argument: string, value: unknown, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw new ArgumentError(
      argument,
      `expected a whole number from 1 to ${max}, got ${typeof value === 'number' ? value : typeof value}`,
    );
  }
  return value;
}

/**
 * The query of one find call, with its page number and page size checked the way {@link paginate}
 * checks them, so a page Kibana would refuse (or silently cap) is an ArgumentError naming the field.
 */
export function checkPage<Q extends object>(query: Q | undefined, keys: PagingKeys): Q | undefined {
  if (query === undefined || typeof query !== 'object' || query === null) return query;
  const fields = query as Record<string, unknown>;
  const perPage =
    fields[keys.perPage] === undefined
      ? 1
      : pagingNumber(`query.${keys.perPage}`, fields[keys.perPage], keys.maxPerPage);
  const page =
    fields[keys.page] === undefined
      ? 1
      : pagingNumber(`query.${keys.page}`, fields[keys.page], Number.MAX_SAFE_INTEGER);
  if (keys.maxPerPage <= RESULT_WINDOW && page * perPage > RESULT_WINDOW) {
    throw new ArgumentError(
      `query.${keys.page}`,
      `page ${page} of ${perPage} results is past Kibana's ${RESULT_WINDOW}-result window`,
    );
  }
  return query;
}

/**
 * Yields the items of consecutive pages of a find operation, holding one page at a time. The start
 * page and page size come from `query` (validated here, when the iteration is set up, so bad input
 * fails at the call rather than at the first `next()`). Stops at `total`, on an empty page, or at
 * the result window (with {@link ResultWindowError} when more results exist).
 */
export function paginate<T, Q extends object>(
  path: string,
  query: Q | undefined,
  keys: PagingKeys,
  fetchPage: (query: Q) => Promise<Page<T>>,
): AsyncGenerator<T, void, undefined> {
  if (query !== undefined && (typeof query !== 'object' || query === null || Array.isArray(query)))
    throw new ArgumentError('query', `expected an object, got ${Array.isArray(query) ? 'an array' : typeof query}`);
  const base = (query ?? {}) as Record<string, unknown>;
  const perPage = pagingNumber(
    `query.${keys.perPage}`,
    base[keys.perPage] ?? Math.min(DEFAULT_PER_PAGE, keys.maxPerPage),
    keys.maxPerPage,
  );
  const firstPage = pagingNumber(`query.${keys.page}`, base[keys.page] ?? 1, Number.MAX_SAFE_INTEGER);
  if (firstPage * perPage > RESULT_WINDOW) {
    throw new ArgumentError(
      `query.${keys.page}`,
      `page ${firstPage} of ${perPage} results is past Kibana's ${RESULT_WINDOW}-result window`,
    );
  }
  return pages(path, firstPage, perPage, (page) =>
    fetchPage({ ...base, [keys.page]: page, [keys.perPage]: perPage } as Q),
  );
}

async function* pages<T>(
  path: string,
  firstPage: number,
  perPage: number,
  fetchPage: (page: number) => Promise<Page<T>>,
): AsyncGenerator<T, void, undefined> {
  let yielded = 0;
  const skipped = (firstPage - 1) * perPage;
  for (let page = firstPage; ; page++) {
    const { items, total } = await fetchPage(page);
    for (const item of items) yield item;
    yielded += items.length;
    if (items.length === 0 || skipped + yielded >= total) return;
    if ((page + 1) * perPage > RESULT_WINDOW) throw new ResultWindowError(path, total, yielded, page + 1, perPage);
  }
}
