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
        if (item !== undefined && item !== null) search += `${search ? '&' : ''}${key}=${encodeURIComponent(scalar(item))}`;
      }
    } else {
      search += `${search ? '&' : ''}${key}=${encodeURIComponent(scalar(value))}`;
    }
  }
  return search;
}

function scalar(value: unknown): string {
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
