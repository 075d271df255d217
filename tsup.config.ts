import path from 'node:path';
import { defineConfig, type Options } from 'tsup';

type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number];

/**
 * In a "type": "module" package esbuild compiles a default import to CommonJS with Node's ESM
 * semantics: the default is the whole `module.exports`. openapi-fetch's CommonJS build keeps its
 * client in `exports.default` (`__esModule` set), so the .cjs files would get the module object, not
 * the function. For CommonJS the import goes through a virtual module, outside the package and so
 * compiled with the `__esModule` convention; for ESM it stays a plain external import. (tsup's own
 * external handling is told to leave openapi-fetch to this plugin.)
 */
const openapiFetchDefault: EsbuildPlugin = {
  name: 'openapi-fetch-default',
  setup(build) {
    const namespace = 'openapi-fetch-cjs';
    const viaShim = build.initialOptions.format === 'cjs';
    build.onResolve({ filter: /^openapi-fetch$/ }, (args) =>
      viaShim && args.namespace !== namespace ? { path: args.path, namespace } : { path: args.path, external: true },
    );
    build.onLoad({ filter: /^openapi-fetch$/, namespace }, () => ({
      contents: "export { default } from 'openapi-fetch';",
      loader: 'js',
    }));
  },
};

/**
 * kibana-sdk/testing loads the OpenAPI document and its optional peers at run time (src/testing/externals.ts):
 * the document from the package's one published copy, so that it is not inlined in each bundle. CommonJS
 * has no top-level await, so its build takes the `require` version of that module.
 */
const testingExternals: EsbuildPlugin = {
  name: 'testing-externals',
  setup(build) {
    build.onResolve({ filter: /^kibana-sdk\/openapi\.json$/ }, (args) => ({ path: args.path, external: true }));
    if (build.initialOptions.format !== 'cjs') return;
    build.onResolve({ filter: /^\.\/externals\.js$/ }, (args) => ({
      path: path.join(args.resolveDir, 'externals-require.ts'),
    }));
  },
};

/** The bin uses the testing entry the package ships rather than a copy of the kit bundled into it. */
const kitFromPackage: EsbuildPlugin = {
  name: 'kit-from-package',
  setup(build) {
    build.onResolve({ filter: /^\.\/index\.js$/ }, () => ({ path: '../testing/index.js', external: true }));
  },
};

// Both configs write into dist/ at the same time, so neither cleans it: `npm run build` does first.
const shared: Options = {
  format: ['esm', 'cjs'],
  // ESM as .js/.d.ts ("type": "module" makes both ESM), CommonJS as .cjs/.d.cts: each format has its
  // own declarations. Not .mjs/.d.mts: tsup drops `outExtension` in its declaration worker.
  dts: true,
  target: 'es2022',
  outDir: 'dist',
  clean: false,
  // `node:fs` stays `node:fs`: bare `fs` would let a bundler swap in a browser polyfill unnoticed.
  removeNodeProtocol: false,
  // dependencies and peerDependencies (openapi-fetch, undici, ajv, ajv-formats, msw) stay imports;
  // generated/ is source, bundled in.
  noExternal: [/^openapi-fetch$/],
  esbuildPlugins: [openapiFetchDefault, testingExternals],
};

export default defineConfig([
  {
    ...shared,
    name: 'browser',
    // What browsers and bundlers get: fetch only, so no undici and no `node:` module can slip in.
    entry: { index: 'src/index.ts' },
    platform: 'neutral',
    // Its declarations come from the node build, which shares one chunk of types among all entries.
    dts: false,
  },
  {
    ...shared,
    name: 'node',
    entry: { 'index.node': 'src/index.node.ts', 'testing/index': 'src/testing/index.ts' },
    dts: {
      entry: { index: 'src/index.ts', 'index.node': 'src/index.node.ts', 'testing/index': 'src/testing/index.ts' },
    },
    platform: 'node',
  },
  {
    ...shared,
    name: 'bin',
    // `kibana-sdk-mock`: an ES module run by Node, no declarations.
    entry: { 'bin/kibana-sdk-mock': 'src/testing/cli.ts' },
    format: ['esm'],
    dts: false,
    platform: 'node',
    target: 'node20',
    esbuildPlugins: [kitFromPackage],
  },
]);
