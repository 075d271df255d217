import { ArgumentError } from './errors.js';

const PATH_PARAM = /\{([^{}]+)\}/g;

/**
 * One path parameter as exactly one URL segment. `encodeURIComponent` covers `/`, `?`, `#`, `%`,
 * spaces and non-ASCII; `.` and `..` are refused because URL parsers collapse them (even
 * percent-encoded), so no encoding can make them reach Kibana as an id.
 */
export function encodeSegment(name: string, value: unknown): string {
  if (value === undefined || value === null) throw new ArgumentError(name, 'is required');
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw new ArgumentError(name, `expected a string, got ${Array.isArray(value) ? 'array' : typeof value}`);
  }
  const text = String(value);
  if (text.length === 0) throw new ArgumentError(name, 'must not be empty');
  if (text === '.' || text === '..')
    throw new ArgumentError(name, `${JSON.stringify(text)} cannot be sent as a path segment`);
  try {
    return encodeURIComponent(text);
  } catch {
    throw new ArgumentError(name, 'contains a lone UTF-16 surrogate, which cannot be encoded in a URL');
  }
}

/**
 * Templates split once into literal text (even indexes) and parameter names (odd indexes). Keys
 * include the base URL, so the cache is bounded for clients that address many spaces.
 */
const compiled = new Map<string, string[]>();
const MAX_COMPILED = 2048;

function compile(template: string): string[] {
  let parts = compiled.get(template);
  if (!parts) {
    parts = template.split(PATH_PARAM);
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(template, parts);
  }
  return parts;
}

/** Fills `{name}` placeholders of `template` with encoded segments from `params`. */
export function fillPath(template: string, params: Readonly<Record<string, unknown>> | undefined): string {
  const parts = compile(template);
  let path = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) path += encodeSegment(parts[i]!, params?.[parts[i]!]) + parts[i + 1]!;
  return path;
}
