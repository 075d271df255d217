/** Says what a value is in an error message, without quoting it (a misplaced value may be a secret). */
export function kindOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}
