// kibana-sdk-mock's command line read into options, and its seed files checked.
import { describe, expect, it } from 'vitest';
import { parseArguments, parseSeed, USAGE, UsageError } from '../../src/testing/cli-arguments.js';

describe('parseArguments', () => {
  it('defaults to 127.0.0.1:5601, or PORT and HOST', () => {
    expect(parseArguments([], {})).toEqual({ help: false, port: 5601, host: '127.0.0.1', seedFile: undefined });
    expect(parseArguments([], { PORT: '8080', HOST: '::1' })).toEqual({
      help: false,
      port: 8080,
      host: '::1',
      seedFile: undefined,
    });
    expect(parseArguments([], { PORT: '', HOST: '' })).toMatchObject({ port: 5601, host: '127.0.0.1' });
  });

  it('takes --port, --host and --seed, as `--name value` or `--name=value`, over the environment', () => {
    expect(parseArguments(['--port', '0', '--host=0.0.0.0', '--seed', 'seed.json'], { PORT: '1' })).toEqual({
      help: false,
      port: 0,
      host: '0.0.0.0',
      seedFile: 'seed.json',
    });
  });

  it('asks for the usage with --help or -h, whatever else is given', () => {
    expect(parseArguments(['--port', '1', '--help'], {})).toEqual({ help: true });
    expect(parseArguments(['-h', '--bogus'], {})).toEqual({ help: true });
    expect(USAGE).toMatch(/^Usage: kibana-sdk-mock /);
    for (const option of ['--port', '--host', '--seed', '--help']) expect(USAGE).toContain(option);
  });

  it('refuses what it cannot run, naming it', () => {
    const cases: Array<[string[], string]> = [
      [['--bogus'], 'unknown argument "--bogus"'],
      [['5601'], 'unknown argument "5601"'],
      [['--port'], '--port needs a value'],
      [['--port', '--host', 'x'], '--port needs a value'],
      [['--host='], '--host needs a value'],
      [['--port', 'http'], 'invalid port "http": expected a whole number from 0 to 65535'],
      [['--port', '65536'], 'invalid port "65536": expected a whole number from 0 to 65535'],
      [['--port', '-1'], 'invalid port "-1": expected a whole number from 0 to 65535'],
    ];
    for (const [args, message] of cases) expect(() => parseArguments(args, {})).toThrow(new UsageError(message));
    expect(() => parseArguments([], { PORT: '1.5' })).toThrow(/invalid port "1.5"/);
  });
});

describe('parseSeed', () => {
  it('reads a seed of lists per space', () => {
    const seed = { rules: [], connectors: [{ id: 'c1', name: 'x' }], spaces: { ops: { cases: [{ id: 'k' }] } } };
    expect(parseSeed(JSON.stringify(seed), 'seed.json')).toEqual(seed);
  });

  it('names the file and the place that is wrong', () => {
    expect(() => parseSeed('{', 'seed.json')).toThrow(/^the seed file seed.json is not JSON: /);
    const cases: Array<[unknown, string]> = [
      [[], 'the seed must be an object'],
      [{ rules: {} }, 'the seed.rules must be an array'],
      [{ cases: [{ title: 'x' }] }, 'the seed.cases[0] must be an object with a non-empty string id'],
      [{ spaces: [] }, 'the seed.spaces must be an object of spaces by id'],
      [
        { spaces: { ops: { connectors: [{ id: '' }] } } },
        'the seed.spaces["ops"].connectors[0] must be an object with a non-empty string id',
      ],
    ];
    for (const [seed, message] of cases)
      expect(() => parseSeed(JSON.stringify(seed), 'seed.json')).toThrow(new UsageError(message));
  });
});
