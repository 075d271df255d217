import { ArgumentError, ConflictError } from './errors.js';
import type { CallOptions } from './types.js';

/** Options of the update methods that can re-apply a change after a version conflict. */
export interface ConflictOptions extends CallOptions {
  /**
   * On 409 (someone else changed the object since its `version` was read), re-read the current
   * version and apply the change again, at most this many times. Default 0: a conflict is thrown.
   * Only for changes that still make sense on top of someone else's: the fields you send win.
   */
  retryOnConflict?: number;
}

/** Splits the conflict option from the options the request itself takes. */
export function splitConflictOptions(options: ConflictOptions | undefined): {
  attempts: number;
  call: CallOptions | undefined;
} {
  if (options === undefined) return { attempts: 0, call: undefined };
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new ArgumentError('options', `expected an object, got ${options === null ? 'null' : typeof options}`);
  const { retryOnConflict, ...call } = options;
  if (retryOnConflict === undefined) return { attempts: 0, call };
  if (
    typeof retryOnConflict !== 'number' ||
    !Number.isInteger(retryOnConflict) ||
    retryOnConflict < 0 ||
    retryOnConflict > 10
  ) {
    throw new ArgumentError(
      'options.retryOnConflict',
      `expected a whole number from 0 to 10, got ${String(retryOnConflict)}`,
    );
  }
  return { attempts: retryOnConflict, call };
}

/**
 * Runs `apply` with the versions `refresh` reads, again after each 409, at most `attempts` more times.
 * The last conflict says what conflicted and how often it was tried.
 */
export async function retryOnConflict<T>(
  attempts: number,
  what: string,
  apply: () => Promise<T>,
  refresh: () => Promise<void>,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await apply();
    } catch (error) {
      if (!(error instanceof ConflictError) || attempts === 0) throw error;
      if (attempt >= attempts) {
        throw new ConflictError(
          { statusCode: error.statusCode, body: error.body, headers: error.headers, request: error.request },
          `(${what} changed again on each of ${attempts + 1} attempts; re-read it and decide how to merge)`,
        );
      }
      await refresh();
    }
  }
}
