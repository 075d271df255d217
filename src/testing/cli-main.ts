// What `kibana-sdk-mock` does with its arguments, apart from the process it runs in (cli.ts wires
// that: output streams, exit code, signals): print the usage, refuse a bad command line, or start the
// server and print its URL first, so that a script can wait for that line.
import { readFileSync } from 'node:fs';
import { parseArguments, parseSeed, USAGE, UsageError } from './cli-arguments.js';
import type { KibanaMockSeed, RunningKibanaMock } from './index.js';

/** Where the command writes. */
export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

/** How a run ended: with an exit code, or with a server running. */
export type CliOutcome = { code: number } | { server: RunningKibanaMock };

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function readSeed(file: string): KibanaMockSeed {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the seed file ${file}: ${message(error)}`);
  }
  return parseSeed(text, file);
}

function banner(url: string, seedFile: string | undefined): string {
  return [
    `Mock Kibana listening on ${url}`,
    '',
    'It accepts any non-empty credentials, for example:',
    '  Basic:   elastic / changeme',
    '  API key: Authorization: ApiKey <anything>',
    '',
    'Try:',
    `  curl -u elastic:changeme ${url}/api/alerting/rules/_find`,
    `  curl -u elastic:changeme -H 'kbn-xsrf: true' -H 'content-type: application/json' ${url}/s/ops/api/cases \\`,
    `    -d '{"title":"Disk full","description":"db-1","owner":"cases","tags":[],"connector":{"id":"none","name":"none","type":".none","fields":null},"settings":{"syncAlerts":false}}'`,
    '',
    `State is in memory${seedFile ? ` (seeded from ${seedFile})` : ''}; press Ctrl-C to stop.`,
    '',
  ].join('\n');
}

/** Runs the command with `args` (after its name), PORT and HOST from `env`. */
export async function runCli(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  output: CliOutput,
): Promise<CliOutcome> {
  let request: ReturnType<typeof parseArguments>;
  let seed: KibanaMockSeed | undefined;
  try {
    request = parseArguments(args, env);
    if (!request.help && request.seedFile !== undefined) seed = readSeed(request.seedFile);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    output.err(`kibana-sdk-mock: ${error.message}\nRun kibana-sdk-mock --help for the usage.\n`);
    return { code: 2 };
  }
  if (request.help) {
    output.out(USAGE);
    return { code: 0 };
  }
  // Loaded after the arguments, so that --help and usage errors need none of the kit's peers.
  let kit: typeof import('./index.js');
  try {
    kit = await import('./index.js');
  } catch (error) {
    output.err(`kibana-sdk-mock: ${message(error)}\n`);
    return { code: 1 };
  }
  let server: RunningKibanaMock;
  try {
    const mock = kit.createKibanaMock({ seed });
    server = await kit.startKibanaMock({ port: request.port, host: request.host, mock });
  } catch (error) {
    output.err(`kibana-sdk-mock: cannot start the mock Kibana on ${request.host}:${request.port}: ${message(error)}\n`);
    return { code: 1 };
  }
  output.out(banner(server.url, request.seedFile));
  return { server };
}
