#!/usr/bin/env node
// `kibana-sdk-mock` (the package's bin; `npm run mock-kibana` in this repository): the mock Kibana on a
// local port until Ctrl-C or SIGTERM. Prints its URL first, so that a script can wait for that line.
import { readFileSync } from 'node:fs';
import { parseArguments, parseSeed, USAGE, UsageError } from './cli-arguments.js';
import type { KibanaMockSeed, RunningKibanaMock } from './index.js';

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

function stopOnSignals(server: RunningKibanaMock): void {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      process.stdout.write('\nStopping the mock Kibana.\n');
      server.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}

/** Runs the command; resolves to the exit code when it is done, or undefined while the server runs. */
async function main(args: readonly string[]): Promise<number | undefined> {
  let request: ReturnType<typeof parseArguments>;
  let seed: KibanaMockSeed | undefined;
  try {
    request = parseArguments(args, process.env);
    if (!request.help && request.seedFile !== undefined) seed = readSeed(request.seedFile);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`kibana-sdk-mock: ${error.message}\nRun kibana-sdk-mock --help for the usage.\n`);
    return 2;
  }
  if (request.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  // Loaded after the arguments, so that --help and usage errors need none of the kit's peers.
  let kit: typeof import('./index.js');
  try {
    kit = await import('./index.js');
  } catch (error) {
    process.stderr.write(`kibana-sdk-mock: ${message(error)}\n`);
    return 1;
  }
  let server: RunningKibanaMock;
  try {
    const mock = kit.createKibanaMock({ seed });
    server = await kit.startKibanaMock({ port: request.port, host: request.host, mock });
  } catch (error) {
    process.stderr.write(
      `kibana-sdk-mock: cannot start the mock Kibana on ${request.host}:${request.port}: ${message(error)}\n`,
    );
    return 1;
  }
  process.stdout.write(banner(server.url, request.seedFile));
  stopOnSignals(server);
  return undefined;
}

const code = await main(process.argv.slice(2));
if (code !== undefined) process.exitCode = code;
