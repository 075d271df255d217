/**
 * kibana-sdk: a typed client for Kibana's Cases, Alerting, APM and Connectors APIs.
 * This entry is the one browsers and bundlers get: requests go through `fetch`.
 *
 * @packageDocumentation
 */
export { KibanaClient } from './client.js';
export * from './exports.js';
