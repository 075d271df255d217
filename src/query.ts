import { ArgumentError } from './errors.js';

/**
 * Kibana's query-string conventions: arrays as repeated keys (`tags=a&tags=b`), objects as JSON
 * text (`has_reference={"type":"x","id":"y"}`), `undefined` and `null` left out.
 */
export function serializeQuery(query: Readonly<Record<string, unknown>> | undefined): string {
  if (!query) return '';
  let search = '';
  for (const name in query) {
    const value = query[name];
    if (value === undefined || value === null) continue;
    const key = encodeURIComponent(name);
    if (Array.isArray(value)) {
      for (const item of value) {
        if (item !== undefined && item !== null) search += `${search ? '&' : ''}${key}=${encodeValue(name, item)}`;
      }
    } else {
      search += `${search ? '&' : ''}${key}=${encodeValue(name, value)}`;
    }
  }
  return search;
}

/** `encodeURIComponent` throws a bare URIError on a lone surrogate; callers get an ArgumentError naming the parameter. */
function encodeValue(name: string, value: unknown): string {
  try {
    return encodeURIComponent(scalar(value));
  } catch {
    throw new ArgumentError(`query.${name}`, 'contains a lone UTF-16 surrogate, which cannot be encoded in a URL');
  }
}

function scalar(value: unknown): string {
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
