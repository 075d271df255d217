import { configDefaults, defineConfig } from 'vitest/config';

// The browser and packed-consumer suites run under their own setups, not in this Node run.
const elsewhere = ['test/browser/**', 'test/consumer/**'];

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, ...elsewhere],
    testTimeout: 15_000,
    hookTimeout: 30_000,
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      // The bin's process wiring and the CommonJS loader run only outside this process (the bin as a child
      // process, the loader in the packed CommonJS build): their tests are cli.test.ts and test/consumer/.
      exclude: ['src/testing/cli.ts', 'src/testing/externals-require.ts'],
      reporter: ['text-summary', 'json-summary'],
      // Near the measured levels, so code that loses its tests fails CI.
      thresholds: {
        'src/{*.ts,openapi/**,resources/**,transport/**,node/**}': {
          statements: 95,
          branches: 90,
          functions: 95,
          lines: 97,
        },
        'src/testing/**': { statements: 87, branches: 71, functions: 93, lines: 92 },
      },
    },
    typecheck: {
      // Type-level tests (*.test-d.ts) fail the run like any other test instead of waiting for `npm run typecheck`.
      enabled: true,
      include: ['test/**/*.test-d.ts'],
      exclude: [...configDefaults.typecheck.exclude, ...elsewhere],
      tsconfig: './tsconfig.json',
      // Type errors in src/ and generated/ are `npm run typecheck`'s to report; here only the type tests count.
      ignoreSourceErrors: true,
    },
  },
});
