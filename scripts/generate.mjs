#!/usr/bin/env node
// Builds everything in generated/ from spec/:
//   1. merges spec/openapi.yaml with the area files into one self-contained document,
//   2. lints it with Redocly (any error fails the build),
//   3. writes generated/kibana.openapi.json, the TypeScript types and the run-time operation facts.
// The output is deterministic so that CI can prove generated/ is up to date with a plain diff.
import { readFile, readdir, writeFile, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { parse } from 'yaml';
import { createConfig, lintFromString, formatProblems } from '@redocly/openapi-core';
import openapiTS, { astToString } from 'openapi-typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const specDir = path.join(root, 'spec');
const outDir = path.join(root, 'generated');
const ROOT_FILE = 'openapi.yaml';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * Headers the client always sets itself. The bundled document keeps them (a client generated from it
 * must send them), but the TypeScript types leave them out so callers never pass them by hand.
 */
const CLIENT_OWNED_HEADERS = new Map([
  ['#/components/parameters/KbnXsrf', 'kbn-xsrf'],
  ['#/components/parameters/ElasticApiVersion', 'elastic-api-version'],
]);

async function loadYaml(file) {
  const text = await readFile(path.join(specDir, file), 'utf8');
  try {
    return parse(text);
  } catch (error) {
    throw new Error(`spec/${file}: ${error.message}`);
  }
}

function mergeArea(target, area, file) {
  const unknown = Object.keys(area).filter((key) => key !== 'paths' && key !== 'components');
  if (unknown.length > 0) {
    throw new Error(`spec/${file}: an area file holds only paths and components, found ${unknown.join(', ')}`);
  }
  for (const [route, item] of Object.entries(area.paths ?? {})) {
    const existing = (target.paths[route] ??= {});
    for (const [key, value] of Object.entries(item)) {
      if (key in existing) throw new Error(`spec/${file}: ${key.toUpperCase()} ${route} is defined twice`);
      existing[key] = value;
    }
  }
  for (const [section, entries] of Object.entries(area.components ?? {})) {
    const existing = (target.components[section] ??= {});
    for (const [name, value] of Object.entries(entries)) {
      if (name in existing) throw new Error(`spec/${file}: components.${section}.${name} is defined twice`);
      existing[name] = value;
    }
  }
}

function sortKeys(object) {
  return Object.fromEntries(Object.entries(object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

async function bundle() {
  const files = (await readdir(specDir)).filter((f) => f.endsWith('.yaml') && f !== ROOT_FILE).sort();
  const document = await loadYaml(ROOT_FILE);
  document.paths ??= {};
  document.components ??= {};
  for (const file of files) mergeArea(document, await loadYaml(file), file);
  document.paths = sortKeys(document.paths);
  for (const section of Object.keys(document.components)) {
    document.components[section] = sortKeys(document.components[section]);
  }
  return document;
}

async function lint(document) {
  const config = await createConfig({ extends: ['recommended'] });
  const source = JSON.stringify(document, null, 2);
  const problems = await lintFromString({ source, absoluteRef: 'generated/kibana.openapi.json', config });
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warn');
  if (problems.length > 0) formatProblems(problems, { format: 'stylish', totals: { errors: errors.length, warnings: warnings.length, ignored: 0 }, version: 'kibana-sdk' });
  if (errors.length > 0) throw new Error(`the OpenAPI linter reported ${errors.length} error(s)`);
  return { errors: errors.length, warnings: warnings.length };
}

function* operations(document) {
  for (const [route, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      if (item[method]) yield { route, method, operation: item[method], shared: item.parameters ?? [] };
    }
  }
}

/** Operation facts the client needs at run time, keyed by `METHOD /path` as the client calls it. */
function operationFacts(document) {
  const apiVersions = {};
  for (const { route, method, operation, shared } of operations(document)) {
    const params = [...shared, ...(operation.parameters ?? [])];
    const versionRef = params.find((p) => p.$ref === '#/components/parameters/ElasticApiVersion');
    const inline = params.find((p) => p.in === 'header' && p.name === 'elastic-api-version');
    const declared = versionRef ? document.components.parameters.ElasticApiVersion : inline;
    if (declared) {
      const value = declared.schema?.default ?? declared.schema?.enum?.[0];
      if (!value) throw new Error(`${method.toUpperCase()} ${route}: elastic-api-version has no default or enum value`);
      apiVersions[`${method.toUpperCase()} ${route}`] = value;
    }
  }
  return apiVersions;
}

function resolveRef(document, value) {
  let current = value;
  while (current?.$ref) current = current.$ref.split('/').slice(1).reduce((node, key) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], document);
  return current;
}

/**
 * The top-level fields a JSON request body must have, keyed by `METHOD /path`, so the client can
 * name a missing field before sending. Bodies that are unions (oneOf) are left to the server.
 */
function requiredBodyFields(document) {
  const fields = {};
  for (const { route, method, operation } of operations(document)) {
    const body = resolveRef(document, operation.requestBody);
    const schema = resolveRef(document, body?.content?.['application/json']?.schema);
    if (schema?.type === 'object' && Array.isArray(schema.required) && schema.required.length > 0) {
      fields[`${method.toUpperCase()} ${route}`] = schema.required;
    }
  }
  return fields;
}

/** A copy of the document for type generation, without the headers the client owns. */
function withoutClientOwnedHeaders(document) {
  const copy = structuredClone(document);
  const owned = (p) => CLIENT_OWNED_HEADERS.has(p.$ref) || (p.in === 'header' && [...CLIENT_OWNED_HEADERS.values()].includes(p.name?.toLowerCase()));
  for (const { operation } of operations(copy)) {
    if (!operation.parameters) continue;
    operation.parameters = operation.parameters.filter((p) => !owned(p));
    if (operation.parameters.length === 0) delete operation.parameters;
  }
  for (const ref of CLIENT_OWNED_HEADERS.keys()) delete copy.components.parameters?.[ref.split('/').pop()];
  return copy;
}

const HEADER = '// Generated by scripts/generate.mjs from spec/. Do not edit by hand: run `npm run generate`.\n';

async function main() {
  const document = await bundle();
  const { warnings } = await lint(document);
  await mkdir(outDir, { recursive: true });
  await writeFile(path.join(outDir, 'kibana.openapi.json'), `${JSON.stringify(document, null, 2)}\n`);

  const ast = await openapiTS(withoutClientOwnedHeaders(document), { alphabetize: false, defaultNonNullable: false });
  await writeFile(path.join(outDir, 'kibana.ts'), `${HEADER}\n${astToString(ast)}`);

  const apiVersions = operationFacts(document);
  const facts = [
    HEADER,
    '/** The `elastic-api-version` value of each operation that declares the header, keyed by `METHOD /path`. */',
    `export const apiVersions: Readonly<Record<string, string>> = ${JSON.stringify(apiVersions, null, 2)};`,
    '',
    '/** The top-level fields each JSON request body must have, keyed by `METHOD /path`. */',
    `export const requiredBodyFields: Readonly<Record<string, readonly string[]>> = ${JSON.stringify(requiredBodyFields(document), null, 2)};`,
    '',
  ].join('\n');
  await writeFile(path.join(outDir, 'operations.ts'), facts);

  const count = [...operations(document)].length;
  console.log(`generated/: ${count} operations, ${Object.keys(apiVersions).length} with elastic-api-version, linter: 0 errors, ${warnings} warnings`);
}

main().catch((error) => {
  console.error(`npm run generate failed: ${error.message}`);
  process.exit(1);
});
