import { describe, expect, it } from 'vitest';
import { ArgumentError, KibanaError } from '../src/errors.js';
import { RESULT_WINDOW, ResultWindowError, paginate, type Page } from '../src/paging.js';

const PATH = '/api/test/_find';
const KEYS = { page: 'page', perPage: 'perPage', maxPerPage: 10_000 };

/** paginate over a query that holds only the start page and page size. */
function pageThrough<T>(
  path: string,
  firstPage: number,
  perPage: number,
  fetchPage: (page: number) => Promise<Page<T>>,
) {
  return paginate(path, { page: firstPage, perPage }, KEYS, (query: { page: number }) => fetchPage(query.page));
}

/** A find operation over `total` numbered items that records the pages asked for. */
function dataSet(total: number, perPage: number, reportedTotal = total) {
  const asked: number[] = [];
  const fetchPage = async (page: number): Promise<Page<number>> => {
    asked.push(page);
    const start = (page - 1) * perPage;
    const count = Math.max(0, Math.min(perPage, total - start));
    return { items: Array.from({ length: count }, (_, i) => start + i), total: reportedTotal };
  };
  return { asked, fetchPage };
}

async function collect<T>(items: AsyncIterable<T>): Promise<{ values: T[]; error: unknown }> {
  const values: T[] = [];
  try {
    for await (const item of items) values.push(item);
  } catch (error) {
    return { values, error };
  }
  return { values, error: undefined };
}

describe('paginate', () => {
  it('yields every item in order and stops when the total is reached in the middle of a page', async () => {
    const { asked, fetchPage } = dataSet(250, 100);
    const { values, error } = await collect(pageThrough(PATH, 1, 100, fetchPage));
    expect(error).toBeUndefined();
    expect(values).toEqual(Array.from({ length: 250 }, (_, i) => i));
    expect(asked).toEqual([1, 2, 3]);
  });

  it('stops after a full last page without asking for an empty one', async () => {
    const { asked, fetchPage } = dataSet(300, 100);
    const { values } = await collect(pageThrough(PATH, 1, 100, fetchPage));
    expect(values).toHaveLength(300);
    expect(asked).toEqual([1, 2, 3]);
  });

  it('asks once and yields nothing when nothing matches', async () => {
    const { asked, fetchPage } = dataSet(0, 100);
    const { values, error } = await collect(pageThrough(PATH, 1, 100, fetchPage));
    expect(values).toEqual([]);
    expect(error).toBeUndefined();
    expect(asked).toEqual([1]);
  });

  it('stops on an empty page even when the total says more exist', async () => {
    const { asked, fetchPage } = dataSet(150, 100, 1_000);
    const { values, error } = await collect(pageThrough(PATH, 1, 100, fetchPage));
    expect(values).toHaveLength(150);
    expect(error).toBeUndefined();
    expect(asked).toEqual([1, 2, 3]);
  });

  it('goes on after a short page while the total is not reached', async () => {
    const pages: Record<number, number[]> = { 1: [1, 2], 2: [3], 3: [4, 5] };
    const asked: number[] = [];
    const { values } = await collect(
      pageThrough(PATH, 1, 2, async (page) => {
        asked.push(page);
        return { items: pages[page] ?? [], total: 5 };
      }),
    );
    expect(values).toEqual([1, 2, 3, 4, 5]);
    expect(asked).toEqual([1, 2, 3]);
  });

  it('counts the pages before firstPage against the total', async () => {
    const { asked, fetchPage } = dataSet(25, 10);
    const { values } = await collect(pageThrough(PATH, 2, 10, fetchPage));
    expect(values).toEqual(Array.from({ length: 15 }, (_, i) => i + 10));
    expect(asked).toEqual([2, 3]);
  });

  it('reads the total of each page, so a total that shrinks ends the iteration', async () => {
    const asked: number[] = [];
    const { values } = await collect(
      pageThrough(PATH, 1, 2, async (page) => {
        asked.push(page);
        return { items: [page * 10, page * 10 + 1], total: page === 1 ? 10 : 4 };
      }),
    );
    expect(values).toEqual([10, 11, 20, 21]);
    expect(asked).toEqual([1, 2]);
  });

  it('fetches lazily: one page at a time, only when its items are wanted', async () => {
    const { asked, fetchPage } = dataSet(1_000, 10);
    const iterator = pageThrough(PATH, 1, 10, fetchPage);
    expect(asked).toEqual([]);
    expect(await iterator.next()).toEqual({ value: 0, done: false });
    expect(asked).toEqual([1]);
    for (let i = 1; i < 10; i++) await iterator.next();
    expect(asked).toEqual([1]);
    expect(await iterator.next()).toEqual({ value: 10, done: false });
    expect(asked).toEqual([1, 2]);
  });

  it('asks for nothing more once the consumer stops', async () => {
    const { asked, fetchPage } = dataSet(1_000, 10);
    for await (const item of pageThrough(PATH, 1, 10, fetchPage)) if (item === 14) break;
    expect(asked).toEqual([1, 2]);
  });

  it('passes on an error of fetchPage after the items already yielded, and is done after it', async () => {
    const failure = new KibanaError('boom');
    const iterator = pageThrough(PATH, 1, 2, async (page) => {
      if (page === 2) throw failure;
      return { items: ['a', 'b'], total: 10 };
    });
    const { values, error } = await collect(iterator);
    expect(values).toEqual(['a', 'b']);
    expect(error).toBe(failure);
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });

  describe('the result window', () => {
    it('is 10,000 results', () => {
      expect(RESULT_WINDOW).toBe(10_000);
    });

    it('yields the first 10,000 of 10,050 results, then throws ResultWindowError without asking for page 101', async () => {
      const { asked, fetchPage } = dataSet(10_050, 100);
      const { values, error } = await collect(pageThrough('/api/cases/_find', 1, 100, fetchPage));
      expect(values).toHaveLength(10_000);
      expect(values.at(-1)).toBe(9_999);
      expect(asked).toHaveLength(100);
      expect(asked.at(-1)).toBe(100);
      expect(error).toBeInstanceOf(ResultWindowError);
      expect(error).toBeInstanceOf(KibanaError);
      expect(error).toMatchObject({ name: 'ResultWindowError', total: 10_050, yielded: 10_000 });
      expect((error as Error).message).toBe(
        'GET /api/cases/_find matched 10050 results, but Kibana refuses pages that end past result 10000 (page 101 of 100 would); 10000 were yielded. Narrow the query (by time range, status, tags, ...) to reach the rest.',
      );
    });

    it('ends without an error when exactly 10,000 results match', async () => {
      const { asked, fetchPage } = dataSet(10_000, 1_000);
      const { values, error } = await collect(pageThrough(PATH, 1, 1_000, fetchPage));
      expect(values).toHaveLength(10_000);
      expect(error).toBeUndefined();
      expect(asked).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    });

    it('stops at the last whole page inside the window when the page size does not divide 10,000', async () => {
      const { asked, fetchPage } = dataSet(9_950, 300);
      const { values, error } = await collect(pageThrough(PATH, 1, 300, fetchPage));
      // Page 34 would end at result 10,200, which Kibana refuses to page to.
      expect(values).toHaveLength(9_900);
      expect(asked.at(-1)).toBe(33);
      expect(error).toMatchObject({ name: 'ResultWindowError', total: 9_950, yielded: 9_900 });
      expect((error as Error).message).toContain('(page 34 of 300 would)');
      expect((error as Error).message).toContain('use a page size that divides 10,000');
    });

    it('counts only what this iteration yielded when it started past page 1', async () => {
      const { asked, fetchPage } = dataSet(12_000, 2_500);
      const { values, error } = await collect(pageThrough(PATH, 3, 2_500, fetchPage));
      expect(values).toHaveLength(5_000);
      expect(values[0]).toBe(5_000);
      expect(asked).toEqual([3, 4]);
      expect(error).toMatchObject({ total: 12_000, yielded: 5_000 });
    });

    it('refuses a first page past the window when called, without fetching', () => {
      const { asked, fetchPage } = dataSet(20_000, 100);
      expect(() => pageThrough(PATH, 101, 100, fetchPage)).toThrow(ArgumentError);
      expect(() => pageThrough(PATH, 1, 10_001, fetchPage)).toThrow(
        expect.objectContaining({ argument: 'query.perPage' }),
      );
      expect(() => pageThrough(PATH, 3, 5_000, fetchPage)).toThrow(
        "Invalid argument query.page: page 3 of 5000 results is past Kibana's 10000-result window",
      );
      expect(asked).toEqual([]);
    });

    it('accepts the last page inside the window', async () => {
      const { asked, fetchPage } = dataSet(20_000, 100);
      const { values, error } = await collect(pageThrough(PATH, 100, 100, fetchPage));
      expect(values).toHaveLength(100);
      expect(asked).toEqual([100]);
      expect(error).toMatchObject({ total: 20_000, yielded: 100 });
    });
  });

  describe('query', () => {
    it('passes the rest of the query on with the page keys, and defaults the page size to 100', async () => {
      const seen: Record<string, unknown>[] = [];
      const query = { status: 'open', per_page: undefined as number | undefined };
      const iterator = paginate(
        PATH,
        query,
        { page: 'page', perPage: 'per_page', maxPerPage: 10_000 },
        async (q: Record<string, unknown>) => {
          seen.push(q);
          return { items: [1], total: 1 };
        },
      );
      await collect(iterator);
      expect(seen).toEqual([{ status: 'open', page: 1, per_page: 100 }]);
    });

    it('refuses a page size above the maximum, or a query that is not an object, at the call', () => {
      const never = async () => ({ items: [], total: 0 });
      expect(() => paginate(PATH, { perPage: 101 }, { ...KEYS, maxPerPage: 100 }, never)).toThrow(
        'Invalid argument query.perPage: expected a whole number from 1 to 100, got 101',
      );
      expect(() => paginate(PATH, { page: 0 }, KEYS, never)).toThrow(
        expect.objectContaining({ argument: 'query.page' }),
      );
      expect(() => paginate(PATH, 'status:open' as never, KEYS, never)).toThrow(
        expect.objectContaining({ argument: 'query' }),
      );
    });
  });
});
