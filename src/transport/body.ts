import { DeserializationError, type RequestInfo } from '../errors.js';

/** Parses a successful answer's text, naming the request when Kibana sent something else than JSON. */
export function parseJson(text: string, status: number, info: RequestInfo): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    const start = text.slice(0, 80).replace(/\s+/g, ' ');
    throw new DeserializationError(
      `${info.method} ${info.path} answered ${status} with a body that is not JSON: ${JSON.stringify(start)}`,
      status,
      { cause: error, request: info },
    );
  }
}

export function tooLarge(
  size: number | undefined,
  limit: number,
  status: number,
  info: RequestInfo,
  cause?: unknown,
): DeserializationError {
  const seen = size === undefined ? 'more than' : `${size} bytes, more than`;
  return new DeserializationError(
    `${info.method} ${info.path} answered ${status} with a body of ${seen} maxResponseSize (${limit} bytes)`,
    status,
    { cause, request: info },
  );
}

/** Headers with lower-case names, without the cookies a response may set. */
export function headerRecord(entries: Iterable<[string, string | string[] | undefined]>): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [name, value] of entries) {
    const key = name.toLowerCase();
    if (key === 'set-cookie' || value === undefined) continue;
    record[key] = Array.isArray(value) ? value.join(', ') : value;
  }
  return record;
}
