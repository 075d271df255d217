import { describe } from '../describe.js';
import { ArgumentError } from '../errors.js';

/** An id argument: a non-empty string. Checked before anything is sent, so no call ever reaches `/api/cases/undefined`. */
export function requireId(name: string, value: unknown): string {
  if (typeof value !== 'string')
    throw new ArgumentError(name, `expected a non-empty string, got ${describe(value, false)}`);
  if (value.length === 0) throw new ArgumentError(name, 'must not be empty');
  return value;
}

/** A body argument: a plain object. */
export function requireObject<T>(name: string, value: T): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ArgumentError(name, `expected an object, got ${describe(value, false)}`);
  return value;
}

/** An optional query argument: an object when given. */
export function optionalObject<T>(name: string, value: T | undefined): T | undefined {
  return value === undefined ? undefined : requireObject(name, value);
}

/** A list of ids: a non-empty array of non-empty strings, at most `max`. */
export function requireIds(name: string, value: unknown, max: number): string[] {
  if (!Array.isArray(value)) throw new ArgumentError(name, `expected an array of ids, got ${describe(value, false)}`);
  if (value.length === 0) throw new ArgumentError(name, 'must hold at least one id');
  if (value.length > max)
    throw new ArgumentError(name, `holds ${value.length} ids; Kibana accepts at most ${max} per call`);
  value.forEach((id, index) => requireId(`${name}[${index}]`, id));
  return value as string[];
}

/** An optional name argument: a non-empty string when given. */
export function optionalName(name: string, value: unknown): string | undefined {
  return value === undefined ? undefined : requireId(name, value);
}
