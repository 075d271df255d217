// The command line of `kibana-sdk-mock`: its usage text, and its arguments read into the server's options.
import type { KibanaMockSeed } from './seed.js';

/** The usage text `--help` prints. */
export const USAGE = `Usage: kibana-sdk-mock [--port <port>] [--host <address>] [--seed <file.json>]

Serves the mock Kibana of kibana-sdk/testing over HTTP, with CORS, until stopped (Ctrl-C), for
browsers, curl and clients in other languages. Its state is in memory.

Options:
  --port <port>       the port to listen on (default: $PORT, else 5601); 0 picks a free one
  --host <address>    the address to listen on (default: $HOST, else 127.0.0.1, loopback only);
                      0.0.0.0 accepts connections from other machines
  --seed <file.json>  what the mock starts with, instead of the default seed: a JSON object of
                      { connectors, rules, cases, spaces: { <id>: { connectors, rules, cases } } }
  -h, --help          print this and exit

Example:
  npx kibana-sdk-mock --port 5601
  curl -u elastic:changeme http://127.0.0.1:5601/api/alerting/rules/_find
`;

/** What the command was asked to do. */
export type CliRequest = { help: true } | { help: false; port: number; host: string; seedFile: string | undefined };

/** A command line the command cannot run: the message says what is wrong; exit code 2. */
export class UsageError extends Error {}

const VALUED = new Set(['--port', '--host', '--seed']);

/** Reads the arguments (after the command's name); `env` gives PORT and HOST defaults. */
export function parseArguments(args: readonly string[], env: Readonly<Record<string, string | undefined>>): CliRequest {
  const values = new Map<string, string>();
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg === '-h' || arg === '--help') return { help: true };
    const equals = arg.indexOf('=');
    const name = equals === -1 ? arg : arg.slice(0, equals);
    if (!VALUED.has(name)) throw new UsageError(`unknown argument ${JSON.stringify(arg)}`);
    const value = equals === -1 ? args[++index] : arg.slice(equals + 1);
    if (value === undefined || value === '' || (equals === -1 && value.startsWith('--')))
      throw new UsageError(`${name} needs a value`);
    values.set(name, value);
  }
  // An empty PORT or HOST is no setting at all.
  const portText = values.get('--port') ?? (env.PORT || '5601');
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535)
    throw new UsageError(`invalid port ${JSON.stringify(portText)}: expected a whole number from 0 to 65535`);
  return { help: false, port, host: values.get('--host') ?? (env.HOST || '127.0.0.1'), seedFile: values.get('--seed') };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkSpace(value: unknown, where: string): void {
  if (!isObject(value)) throw new UsageError(`${where} must be an object`);
  for (const list of ['connectors', 'rules', 'cases']) {
    const items = value[list];
    if (items === undefined) continue;
    if (!Array.isArray(items)) throw new UsageError(`${where}.${list} must be an array`);
    items.forEach((item, index) => {
      if (!isObject(item) || typeof item.id !== 'string' || item.id === '')
        throw new UsageError(`${where}.${list}[${index}] must be an object with a non-empty string id`);
    });
  }
}

/** A seed file's text as a seed; its shape is checked as far as the mock relies on it (lists of objects with ids). */
export function parseSeed(text: string, file: string): KibanaMockSeed {
  let seed: unknown;
  try {
    seed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `the seed file ${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  checkSpace(seed, 'the seed');
  const spaces = (seed as Record<string, unknown>).spaces;
  if (spaces !== undefined) {
    if (!isObject(spaces)) throw new UsageError('the seed.spaces must be an object of spaces by id');
    for (const [id, space] of Object.entries(spaces)) checkSpace(space, `the seed.spaces[${JSON.stringify(id)}]`);
  }
  return seed as KibanaMockSeed;
}
