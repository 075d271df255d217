#!/usr/bin/env node
// `kibana-sdk-mock`, the package's bin (`npm run mock-kibana` in this repository): cli-main.ts in this
// process, serving until Ctrl-C or SIGTERM.
import { runCli } from './cli-main.js';

const outcome = await runCli(process.argv.slice(2), process.env, {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
if ('code' in outcome) {
  process.exitCode = outcome.code;
} else {
  const { server } = outcome;
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
