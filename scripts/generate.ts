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
import type { OperationFacts } from '../src/openapi/facts.js';
import { nameTypes, namesModule, type NamingRules } from './names.js';
import {
  readOperations,
  resolveRef,
  type OpenApiDocument,
  type SpecParameter,
  type Reference,
} from '../src/openapi/read.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const specDir = path.join(root, 'spec');
const outDir = path.join(root, 'generated');
const ROOT_FILE = 'openapi.yaml';
const IDEMPOTENT = new Set(['get', 'put', 'delete']);

/**
 * How the generated types are named. The APM schemas drop their `Apm` prefix (the SDK keeps them under
 * `kibana.apm`: `SourceMap`, `AgentConfiguration`); `KibanaError` is the error class, whose body is
 * `KibanaErrorBody`; the bodies of the operations typed per connector or rule type are src/per-type.ts's.
 */
async function namingRules(): Promise<NamingRules> {
  const apm = (await loadYaml('apm.yaml')) as { components?: { schemas?: Record<string, unknown> } };
  return {
    unprefixed: { prefix: 'Apm', schemas: new Set(Object.keys(apm.components?.schemas ?? {})) },
    skipped: new Set(['KibanaError']),
    typedPerType: new Set(['createConnector', 'updateConnector', 'runConnector', 'createRule', 'updateRule']),
  };
}

/**
 * Headers the client always sets itself. The bundled document keeps them (a client generated from it
 * must send them), but the TypeScript types leave them out so callers never pass them by hand.
 */
const CLIENT_OWNED_HEADERS = new Map([
  ['#/components/parameters/KbnXsrf', 'kbn-xsrf'],
  ['#/components/parameters/ElasticApiVersion', 'elastic-api-version'],
]);

async function loadYaml(file: string): Promise<OpenApiDocument> {
  const text = await readFile(path.join(specDir, file), 'utf8');
  try {
    return parse(text);
  } catch (error) {
    throw new Error(`spec/${file}: ${(error as Error).message}`);
  }
}

function mergeArea(
  target: OpenApiDocument,
  area: Record<string, Record<string, Record<string, unknown>>>,
  file: string,
): void {
  const unknown = Object.keys(area).filter((key) => key !== 'paths' && key !== 'components');
  if (unknown.length > 0) {
    throw new Error(`spec/${file}: an area file holds only paths and components, found ${unknown.join(', ')}`);
  }
  for (const [route, item] of Object.entries(area.paths ?? {})) {
    const existing: Record<string, unknown> = (target.paths[route] ??= {});
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

function sortKeys<T>(object: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

async function bundle(): Promise<OpenApiDocument> {
  const files = (await readdir(specDir)).filter((f) => f.endsWith('.yaml') && f !== ROOT_FILE).sort();
  const document = await loadYaml(ROOT_FILE);
  document.paths ??= {};
  document.components ??= {};
  for (const file of files) mergeArea(document, (await loadYaml(file)) as never, file);
  document.paths = sortKeys(document.paths);
  for (const section of Object.keys(document.components)) {
    document.components[section] = sortKeys(document.components[section] ?? {});
  }
  return document;
}

async function lint(document: OpenApiDocument): Promise<{ errors: number; warnings: number }> {
  const config = await createConfig({ extends: ['recommended'] });
  const source = JSON.stringify(document, null, 2);
  const problems = await lintFromString({ source, absoluteRef: 'generated/kibana.openapi.json', config });
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warn');
  if (problems.length > 0)
    formatProblems(problems, {
      format: 'stylish',
      totals: { errors: errors.length, warnings: warnings.length, ignored: 0 },
      version: 'kibana-sdk',
    });
  if (errors.length > 0) throw new Error(`the OpenAPI linter reported ${errors.length} error(s)`);
  return { errors: errors.length, warnings: warnings.length };
}

/** What the client must know of each operation at run time, keyed by operationId. */
function operationTable(document: OpenApiDocument): Record<string, OperationFacts> {
  const table: Record<string, OperationFacts> = {};
  for (const entry of readOperations(document)) {
    if (entry.operationId in table) throw new Error(`operationId ${entry.operationId} is used twice`);
    const facts: { -readonly [K in keyof OperationFacts]: OperationFacts[K] } = {
      method: entry.method,
      path: entry.path,
    };
    const pathParams = entry.parameters.filter((p) => p.in === 'path').map((p) => p.name);
    const inTemplate = [...entry.path.matchAll(/\{([^{}]+)\}/g)].map((match) => match[1]!);
    if ([...pathParams].sort().join() !== [...inTemplate].sort().join()) {
      throw new Error(
        `${entry.method.toUpperCase()} ${entry.path}: path parameters ${pathParams.join(', ')} do not match the template`,
      );
    }
    if (inTemplate.length > 0) facts.pathParams = inTemplate;
    if (entry.apiVersion) facts.apiVersion = entry.apiVersion;
    const schema =
      entry.requestBody?.mediaType === 'application/json' ? resolveRef(document, entry.requestBody.schema) : undefined;
    // Bodies that are unions (oneOf) are left to the server: their required fields depend on the variant.
    if (
      typeof schema === 'object' &&
      schema.type === 'object' &&
      Array.isArray(schema.required) &&
      schema.required.length > 0
    ) {
      facts.requiredBody = schema.required as string[];
    }
    if (IDEMPOTENT.has(entry.method)) facts.idempotent = true;
    if (entry.emptyResponse) facts.emptyResponse = true;
    const json = entry.parameters
      .filter((p) => p.in === 'query' && p['x-kibana-encoding'] === 'json')
      .map((p) => p.name);
    if (json.length > 0) facts.jsonQuery = json;
    table[entry.operationId] = facts;
  }
  return table;
}

/** A copy of the document for type generation, without the headers the client owns. */
function withoutClientOwnedHeaders(document: OpenApiDocument): OpenApiDocument {
  const copy = structuredClone(document);
  const ownedNames = new Set(CLIENT_OWNED_HEADERS.values());
  const owned = (p: SpecParameter | Reference) =>
    '$ref' in p ? CLIENT_OWNED_HEADERS.has(p.$ref) : p.in === 'header' && ownedNames.has(p.name.toLowerCase());
  for (const { operation } of readOperations(copy)) {
    if (!operation.parameters) continue;
    operation.parameters = operation.parameters.filter((p) => !owned(p));
    if (operation.parameters.length === 0) delete operation.parameters;
  }
  for (const ref of CLIENT_OWNED_HEADERS.keys()) delete copy.components.parameters?.[ref.split('/').pop()!];
  return copy;
}

/**
 * Lets the request bodies of the operation types take the generic form a discriminator names in its
 * `x-defaultMapping` (a connector or rule of a type the spec does not describe), which Kibana's route
 * accepts. The schema itself stays a closed union, so a known type's body keeps its own checks in the
 * SDK's methods (src/per-type.ts), and answers keep narrowing by their type.
 */
function withGenericBodies(document: OpenApiDocument): OpenApiDocument {
  for (const { operationId, requestBody } of readOperations(document)) {
    const media = requestBody?.declared.content['application/json'];
    if (!media?.schema || typeof media.schema !== 'object' || typeof media.schema.$ref !== 'string') continue;
    const schema = resolveRef(document, media.schema);
    const discriminator = typeof schema === 'object' ? schema.discriminator : undefined;
    const generic = (discriminator as { 'x-defaultMapping'?: unknown } | undefined)?.['x-defaultMapping'];
    if (generic === undefined) continue;
    if (typeof generic !== 'string') throw new Error(`${operationId}: x-defaultMapping is not a reference`);
    media.schema = { anyOf: [media.schema, { $ref: generic }] };
  }
  return document;
}

const HEADER = '// Generated by scripts/generate.ts from spec/. Do not edit by hand: run `npm run generate`.\n';

function factsModule(table: Record<string, OperationFacts>): string {
  const entries = Object.entries(table).map(([id, facts]) => `  ${id}: ${JSON.stringify(facts)},`);
  return [
    HEADER,
    "import type { OperationFacts } from '../src/openapi/facts.js';",
    '',
    '/** The run-time facts of every operation of the spec, keyed by operationId. */',
    'export const operationTable = {',
    ...entries,
    '} as const satisfies Record<string, OperationFacts>;',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const document = await bundle();
  const { warnings } = await lint(document);
  await mkdir(outDir, { recursive: true });
  await writeFile(path.join(outDir, 'kibana.openapi.json'), `${JSON.stringify(document, null, 2)}\n`);

  const typesDocument = withGenericBodies(withoutClientOwnedHeaders(document));
  const ast = await openapiTS(typesDocument as never, { alphabetize: false, defaultNonNullable: false });
  const named = nameTypes(ast, typesDocument, await namingRules());
  await writeFile(path.join(outDir, 'kibana.ts'), `${HEADER}\n${astToString(named.nodes)}`);
  await writeFile(path.join(outDir, 'names.ts'), namesModule(named.names, HEADER));

  const table = operationTable(document);
  await writeFile(path.join(outDir, 'operations.ts'), factsModule(table));

  const versioned = Object.values(table).filter((facts) => facts.apiVersion).length;
  console.log(
    `generated/: ${Object.keys(table).length} operations, ${versioned} with elastic-api-version, linter: 0 errors, ${warnings} warnings`,
  );
}

main().catch((error: unknown) => {
  console.error(`npm run generate failed: ${(error as Error).message}`);
  process.exit(1);
});
