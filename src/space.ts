import { optionProblem, type Problem } from './errors.js';

/** Kibana's rule for space ids: lower-case letters, digits, `_` and `-`. */
const SPACE_ID = /^[a-z0-9_-]+$/;

/**
 * The path prefix that addresses `space`: none for the default space, `/s/<id>` otherwise.
 * A bad id is refused (a `ConfigurationError` unless `fail` says otherwise), so no request ever goes
 * to a space Kibana cannot have.
 */
export function spacePrefix(space: unknown, option = 'space', fail: Problem = optionProblem): string {
  if (space === undefined || space === 'default') return '';
  if (typeof space !== 'string') throw fail(option, `expected a string, got ${space === null ? 'null' : typeof space}`);
  if (!SPACE_ID.test(space)) {
    throw fail(
      option,
      `${JSON.stringify(space)} is not a valid space id (lower-case letters, digits, "_" and "-" only)`,
    );
  }
  return `/s/${space}`;
}
