/**
 * Headers the client sets itself: credentials come from `auth`, the Kibana headers from the operation,
 * and the framing headers from the body. Neither the `headers` option nor a call's headers may set them.
 */
export const RESERVED_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'kbn-xsrf',
  'elastic-api-version',
  'content-type',
  'content-length',
  'host',
]);
