/**
 * kibana-sdk/testing: a stateful mock of Kibana's Cases, Alerting, APM and Connectors APIs, as msw
 * handlers (for tests) or a loopback HTTP server (for demos, browsers and other languages).
 *
 * It keeps cases, comments, files, activity, case settings, rules and connectors per space (APM
 * data is global, as in Kibana), enforces what Kibana enforces (credentials, kbn-xsrf, the APM
 * version header, the spec's request schemas, versions on update) and answers with Kibana's bodies.
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { createKibanaMock } from 'kibana-sdk/testing';
 *
 * const mock = createKibanaMock();
 * const server = setupServer(...mock.handlers);
 * beforeAll(() => server.listen());
 * afterEach(() => mock.reset());
 * afterAll(() => server.close());
 * ```
 *
 * @packageDocumentation
 */
export type { KibanaMockFailure } from './failures.js';
export { createKibanaMock, type KibanaMock, type KibanaMockOptions } from './mock.js';
export type { KibanaMockFilePart, KibanaMockPart, KibanaMockRequest } from './request-log.js';
export {
  SEED_IDS,
  defaultSeed,
  type KibanaMockConnector,
  type KibanaMockSeed,
  type KibanaMockSpaceSeed,
} from './seed.js';
export { startKibanaMock, type RunningKibanaMock, type StartKibanaMockOptions } from './server.js';
