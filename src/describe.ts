/** Says what a value is in an error message, without quoting it (a misplaced value may be a secret). */
export function kindOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}

/**
 * Says what a value is in an error message, quoting a string, and writing a number or a boolean as it
 * is unless `literals` is false. For values that are no secret: options such as `transport`, ids.
 */
export function describe(value: unknown, literals = true): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (literals && (typeof value === 'number' || typeof value === 'boolean')) return String(value);
  return kindOf(value);
}
