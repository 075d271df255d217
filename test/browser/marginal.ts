// What each module of a page costs in its bundle, min+gzip: gzip of the whole minified bundle less gzip
// of the same bundle without that module. gzip shares its window across modules, so a module's bytes in
// the minified output say little about what it adds once compressed; this says what leaving it out saves.
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { bundle } from './bundle.js';

export interface ModuleCost {
  /** The module's path, as esbuild's metafile names it. */
  module: string;
  /** min+gzip bytes of the page less those of the page without this module. */
  marginal: number;
}

export interface MarginalCosts {
  /** min+gzip bytes of the whole page, minified the way each variant is. */
  whole: number;
  /** Every module of the page, costliest first. */
  modules: ModuleCost[];
}

async function minifiedGzip(code: string): Promise<number> {
  const { code: minified } = await esbuild.transform(code, { minify: true, format: 'esm', target: 'es2022' });
  return gzipSync(minified, { level: 9 }).byteLength;
}

/**
 * The marginal cost of each module of the page `source`, built from src/: the non-minified bundle is
 * cut at the `// path` comment esbuild writes before each module, and the bundle without each part in
 * turn is minified and gzipped (the references it leaves dangling do not matter to a minifier).
 */
export async function marginalCosts(source: string): Promise<MarginalCosts> {
  const built = await bundle({ source }, { minify: false, fromSource: true });
  const code = new TextDecoder().decode(built.code);
  const inputs = new Set(Object.keys(Object.values(built.metafile.outputs)[0]!.inputs));
  const parts: { module: string; text: string }[] = [{ module: '(esbuild runtime helpers)', text: '' }];
  for (const line of code.split(/(?<=\n)/)) {
    const start = /^\/\/ (.+)\n$/.exec(line)?.[1];
    if (start !== undefined && inputs.has(start)) parts.push({ module: start, text: '' });
    parts[parts.length - 1]!.text += line;
  }
  const without = (left: (typeof parts)[number]) =>
    parts
      .filter((part) => part !== left)
      .map((part) => part.text)
      .join('');
  const measured = parts.filter((part) => part.text.trim() !== '');
  const whole = await minifiedGzip(code);
  const modules = await Promise.all(
    measured.map(async (part) => ({ module: part.module, marginal: whole - (await minifiedGzip(without(part))) })),
  );
  return { whole, modules: modules.sort((a, b) => b.marginal - a.marginal) };
}
