import { describe, expect, it } from 'vitest';
import { retryOnConflict, splitConflictOptions } from '../src/conflict.js';
import { ArgumentError, ConflictError, NotFoundError, type ResponseErrorInit } from '../src/errors.js';

const INIT: ResponseErrorInit = {
  statusCode: 409,
  body: {
    statusCode: 409,
    error: 'Conflict',
    message: 'This case has been updated. Please refresh before saving additional updates.',
  },
  headers: { 'content-type': 'application/json' },
  request: { method: 'PATCH', path: '/api/cases', url: '/s/ops/api/cases' },
};

/** An apply step that fails with 409 `conflicts` times, then answers `result`; and a refresh that counts. */
function flaky(conflicts: number, result = 'done') {
  const log: string[] = [];
  let failures = 0;
  return {
    log,
    apply: async () => {
      log.push('apply');
      if (failures++ < conflicts) throw new ConflictError(INIT);
      return result;
    },
    refresh: async () => {
      log.push('refresh');
    },
  };
}

describe('splitConflictOptions', () => {
  it('gives no retries and no call options for no options', () => {
    expect(splitConflictOptions(undefined)).toEqual({ attempts: 0, call: undefined });
  });

  it('takes retryOnConflict out and keeps every other option for the request', () => {
    const signal = new AbortController().signal;
    const { attempts, call } = splitConflictOptions({
      retryOnConflict: 3,
      space: 'ops',
      signal,
      requestTimeout: 500,
      headers: { 'x-a': '1' },
    });
    expect(attempts).toBe(3);
    expect(call).toEqual({ space: 'ops', signal, requestTimeout: 500, headers: { 'x-a': '1' } });
    expect(call).not.toHaveProperty('retryOnConflict');
  });

  it('treats a missing or undefined retryOnConflict as 0', () => {
    expect(splitConflictOptions({ space: 'ops' })).toEqual({ attempts: 0, call: { space: 'ops' } });
    expect(splitConflictOptions({ retryOnConflict: undefined })).toEqual({ attempts: 0, call: {} });
  });

  it('accepts whole numbers from 0 to 10', () => {
    expect(splitConflictOptions({ retryOnConflict: 0 }).attempts).toBe(0);
    expect(splitConflictOptions({ retryOnConflict: 10 }).attempts).toBe(10);
  });

  it.each([-1, 11, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '2', null, true])(
    'refuses retryOnConflict %s',
    (value) => {
      const error = (() => {
        try {
          splitConflictOptions({ retryOnConflict: value as never });
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(ArgumentError);
      expect(error).toMatchObject({ argument: 'options.retryOnConflict' });
      expect((error as Error).message).toBe(
        `Invalid argument options.retryOnConflict: expected a whole number from 0 to 10, got ${String(value)}`,
      );
    },
  );
});

describe('retryOnConflict', () => {
  it('applies once and never refreshes when the first attempt succeeds', async () => {
    const { log, apply, refresh } = flaky(0, 'ok');
    await expect(retryOnConflict(2, 'case c1', apply, refresh)).resolves.toBe('ok');
    expect(log).toEqual(['apply']);
  });

  it('with 0 retries, rethrows the conflict itself after one attempt', async () => {
    const first = new ConflictError(INIT);
    const log: string[] = [];
    const error = await retryOnConflict(
      0,
      'case c1',
      async () => {
        log.push('apply');
        throw first;
      },
      async () => {
        log.push('refresh');
      },
    ).catch((e: unknown) => e);
    expect(error).toBe(first);
    expect((error as Error).message).not.toContain('attempts');
    expect(log).toEqual(['apply']);
  });

  it('refreshes and applies again after a conflict, and returns the result', async () => {
    const { log, apply, refresh } = flaky(1);
    await expect(retryOnConflict(1, 'case c1', apply, refresh)).resolves.toBe('done');
    expect(log).toEqual(['apply', 'refresh', 'apply']);
  });

  it('succeeds on the last allowed attempt', async () => {
    const { log, apply, refresh } = flaky(2);
    await expect(retryOnConflict(2, 'case c1', apply, refresh)).resolves.toBe('done');
    expect(log).toEqual(['apply', 'refresh', 'apply', 'refresh', 'apply']);
  });

  it('gives up after attempts + 1 tries with a ConflictError that says how often it was tried', async () => {
    const { log, apply, refresh } = flaky(Infinity);
    const error = await retryOnConflict(2, 'case c1, c2', apply, refresh).catch((e: unknown) => e);
    expect(log).toEqual(['apply', 'refresh', 'apply', 'refresh', 'apply']);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ statusCode: 409, body: INIT.body, headers: INIT.headers, request: INIT.request });
    expect((error as Error).message).toBe(
      'PATCH /api/cases failed with 409 Conflict: This case has been updated. Please refresh before saving additional updates. (case c1, c2 changed again on each of 3 attempts; re-read it and decide how to merge)',
    );
  });

  it('never retries other errors, even with retries left', async () => {
    const notFound = new NotFoundError({ ...INIT, statusCode: 404 });
    const log: string[] = [];
    const error = await retryOnConflict(
      5,
      'case c1',
      async () => {
        log.push('apply');
        throw notFound;
      },
      async () => {
        log.push('refresh');
      },
    ).catch((e: unknown) => e);
    expect(error).toBe(notFound);
    expect(log).toEqual(['apply']);
  });

  it('stops when the refresh fails, with the refresh error', async () => {
    const gone = new NotFoundError({
      ...INIT,
      statusCode: 404,
      request: { method: 'GET', path: '/api/cases/{caseId}' },
    });
    const log: string[] = [];
    const error = await retryOnConflict(
      3,
      'case c1',
      async () => {
        log.push('apply');
        throw new ConflictError(INIT);
      },
      async () => {
        log.push('refresh');
        throw gone;
      },
    ).catch((e: unknown) => e);
    expect(error).toBe(gone);
    expect(log).toEqual(['apply', 'refresh']);
  });
});
