/**
 * Runs one fault scenario: a fresh fault server, one client per credential kind (side by side, or
 * one after the other), the call, then everything closed and checked: no socket, server or timer
 * left behind, and no secret in any error or retry event.
 */
import { KibanaClient, type KibanaClientOptions, type RetryEvent } from '../../src/index.node.js';
import {
  activeResources,
  leftOpen,
  startFaultServer,
  type Fault,
  type FaultServer,
  type ResourceCounts,
} from './faults.js';
import { AUTHS, leaksIn, type AuthCase } from './secrets.js';

export type Transport = 'fetch' | 'undici';

export interface Outcome {
  auth: AuthCase;
  /** The call's result when it succeeded. */
  value?: unknown;
  /** What the call threw. */
  error?: unknown;
  /** Requests the server received from this client. */
  hits: number;
  retries: RetryEvent[];
  /** Milliseconds the call took. */
  elapsed: number;
}

export interface ScenarioResult {
  outcomes: Outcome[];
  server: FaultServer | undefined;
  /** Resources still held after everything was closed and given time to settle. */
  leftOpen: Partial<ResourceCounts>;
  /** Secrets found in errors, retry events or the clients' own views. */
  leaks: string[];
}

export interface ScenarioOptions {
  transport: Transport;
  /** The script of the server; without one, the client is pointed at a port nobody listens on. */
  fault?: Fault;
  call: (kibana: KibanaClient, server: FaultServer | undefined) => Promise<unknown>;
  client?: Partial<KibanaClientOptions>;
  /** Calls one client after the other instead of side by side. */
  sequential?: boolean;
  /** The credential kinds to use (default: all). */
  auths?: readonly AuthCase[];
  tls?: { key: string; cert: string };
  /** The URL to use instead of the server's. */
  url?: (server: FaultServer | undefined) => string;
  /** Runs after the clients and the server are closed, before the leak check (to close test-owned dispatchers). */
  cleanup?: () => Promise<void>;
}

/** Backoff short enough for tests; Retry-After still sets the delay when the server sends it. */
export const FAST_RETRY = { initialDelay: 1, maxDelay: 5 };

/** A port that was just free and has no listener. */
export async function closedPortUrl(): Promise<string> {
  const server = await startFaultServer();
  const url = server.url;
  await server.close();
  return url;
}

export async function runScenario(options: ScenarioOptions): Promise<ScenarioResult> {
  const before = activeResources();
  const server = options.fault ? await startFaultServer(options.tls) : undefined;
  if (server && options.fault) server.use(options.fault);
  const url = options.url ? options.url(server) : server ? server.url : await closedPortUrl();
  const auths = options.auths ?? AUTHS;
  const clients = auths.map((auth) => {
    const kibana = new KibanaClient({
      url,
      auth: auth.auth,
      transport: options.transport,
      retry: FAST_RETRY,
      ...options.client,
    } as KibanaClientOptions);
    const retries: RetryEvent[] = [];
    kibana.on('retry', (event) => retries.push(event));
    return { auth, kibana, retries };
  });
  const runOne = async ({ auth, kibana, retries }: (typeof clients)[number]): Promise<Outcome> => {
    const started = performance.now();
    try {
      const value = await options.call(kibana, server);
      return { auth, value, hits: 0, retries, elapsed: performance.now() - started };
    } catch (error) {
      return { auth, error, hits: 0, retries, elapsed: performance.now() - started };
    }
  };
  let outcomes: Outcome[];
  try {
    if (options.sequential) {
      outcomes = [];
      for (const client of clients) outcomes.push(await runOne(client));
    } else {
      outcomes = await Promise.all(clients.map(runOne));
    }
  } finally {
    await Promise.all(clients.map(({ kibana }) => kibana.close()));
    await server?.close();
    await options.cleanup?.();
  }
  for (const outcome of outcomes) outcome.hits = server ? server.hitsFor(outcome.auth.header).length : 0;

  const leaks: string[] = [];
  for (const outcome of outcomes) {
    leaks.push(...leaksIn(outcome.error, `${outcome.auth.kind} error`));
    outcome.retries.forEach((event, index) =>
      leaks.push(...leaksIn(event, `${outcome.auth.kind} retry event ${index}`)),
    );
  }
  for (const { auth, kibana } of clients)
    leaks.push(...leaksIn(kibana, `${auth.kind} client`), ...leaksIn(kibana.cases, `${auth.kind} client.cases`));
  // The credentials really were sent: a leak check on clients that never sent them would prove nothing.
  if (server) {
    for (const outcome of outcomes) {
      if (
        outcome.hits > 0 &&
        server.hitsFor(outcome.auth.header).some((hit) => hit.headers.authorization !== outcome.auth.header)
      )
        leaks.push(`${outcome.auth.kind}: wrong header`);
    }
  }
  return { outcomes, server, leftOpen: await leftOpen(before), leaks };
}

/** The name of the class of what was thrown, for readable assertions. */
export function errorName(outcome: Outcome): string {
  return outcome.error === undefined ? 'success' : ((outcome.error as Error).constructor?.name ?? typeof outcome.error);
}
