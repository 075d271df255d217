// The browser bundle a user's bundler would make: esbuild for the browser platform, with `kibana-sdk`
// resolved through package.json's exports (a package may import itself by name) to the built dist/,
// so what is tested and measured is what the package ships.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

export const browserDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(browserDir, '../..');

export interface BrowserBundle {
  code: Uint8Array;
  metafile: esbuild.Metafile;
}

/** Fails when dist/ is missing or older than the sources, which would test a stale build. */
function assertBuilt(): void {
  const built = path.join(root, 'dist', 'index.js');
  let builtAt: number;
  try {
    builtAt = statSync(built).mtimeMs;
  } catch {
    throw new Error('dist/index.js is missing: run `npm run build` first');
  }
  for (const dir of ['src', 'generated']) {
    for (const file of readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })) {
      if (statSync(path.join(root, dir, file)).mtimeMs > builtAt)
        throw new Error(`${dir}/${file} is newer than dist/: run \`npm run build\` first`);
    }
  }
}

/** `kibana-sdk` from src/ rather than dist/, so that the metafile tells the source files apart. */
const fromSource: esbuild.Plugin = {
  name: 'kibana-sdk-from-source',
  setup(build) {
    build.onResolve({ filter: /^kibana-sdk$/ }, () => ({ path: path.join(root, 'src', 'index.ts') }));
  },
};

/**
 * Bundles `entry` (a file, or module source resolved from this folder) as an ES module for browsers,
 * from dist/ unless `fromSource`.
 */
export async function bundle(
  entry: { file: string } | { source: string },
  options: { minify: boolean; fromSource?: boolean },
): Promise<BrowserBundle> {
  if (!options.fromSource) assertBuilt();
  const result = await esbuild.build({
    ...('file' in entry
      ? { entryPoints: [entry.file] }
      : { stdin: { contents: entry.source, resolveDir: browserDir, sourcefile: 'entry.js' } }),
    absWorkingDir: root,
    bundle: true,
    // esbuild's browser platform applies the conditions browser bundlers use (browser, module, import,
    // default), never `node`.
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify: options.minify,
    metafile: true,
    write: false,
    logLevel: 'warning',
    plugins: options.fromSource ? [fromSource] : [],
  });
  return { code: result.outputFiles[0]!.contents, metafile: result.metafile };
}

/** What in the bundle belongs to Node only: undici's files and imports of undici or `node:` modules. */
export function nodeOnlyParts(metafile: esbuild.Metafile): string[] {
  const found = new Set<string>();
  for (const [input, { imports }] of Object.entries(metafile.inputs)) {
    if (/(^|\/)node_modules\/undici\//.test(input)) found.add(input);
    for (const { path: imported } of imports) {
      if (
        imported.startsWith('node:') ||
        /^undici(\/|$)/.test(imported) ||
        /(^|\/)node_modules\/undici\//.test(imported)
      )
        found.add(`${input} imports ${imported}`);
    }
  }
  return [...found];
}
