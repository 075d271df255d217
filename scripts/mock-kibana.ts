// Serves the mock Kibana of kibana-sdk/testing on a local port until Ctrl-C.
//
//   npm run mock-kibana                     http://127.0.0.1:5601
//   npm run mock-kibana -- --port 8080      or PORT=8080 npm run mock-kibana
//   npm run mock-kibana -- --host 0.0.0.0   to accept connections from other machines
import { startKibanaMock } from '../src/testing/index.js';

function option(name: string): string | undefined {
  const args = process.argv.slice(2);
  const index = args.findIndex((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
  if (index === -1) return undefined;
  const arg = args[index]!;
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[index + 1];
}

const portText = option('port') ?? process.env.PORT ?? '5601';
const port = Number(portText);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Invalid port ${JSON.stringify(portText)}: expected a whole number from 0 to 65535.`);
  process.exit(2);
}
const host = option('host') ?? process.env.HOST ?? '127.0.0.1';

let running: Awaited<ReturnType<typeof startKibanaMock>>;
try {
  running = await startKibanaMock({ port, host });
} catch (error) {
  console.error(
    `Could not start the mock Kibana on ${host}:${port}: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
}
const server = running;

console.log(`Mock Kibana listening on ${server.url}`);
console.log('');
console.log('It accepts any non-empty credentials, for example:');
console.log('  Basic:   elastic / changeme');
console.log('  API key: Authorization: ApiKey <anything>');
console.log('');
console.log('Try:');
console.log(`  curl -u elastic:changeme ${server.url}/api/alerting/rules/_find`);
console.log(
  `  curl -u elastic:changeme -H 'kbn-xsrf: true' -H 'content-type: application/json' ${server.url}/s/ops/api/cases \\`,
);
console.log(
  `    -d '{"title":"Disk full","description":"db-1","owner":"cases","tags":[],"connector":{"id":"none","name":"none","type":".none","fields":null},"settings":{"syncAlerts":false}}'`,
);
console.log(`  KIBANA_URL=${server.url} KIBANA_USERNAME=elastic KIBANA_PASSWORD=changeme npm run demo`);
console.log('');
console.log('State is in memory; press Ctrl-C to stop.');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping the mock Kibana.');
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
