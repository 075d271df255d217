// Writes generated/names.ts: one exported name for every schema of the spec and for the JSON body of
// every operation, declared over the generated `components` and `operations` so that no shape is
// written twice. Object schemas become interfaces, which TypeScript shows by name in hovers and error
// messages (an alias of an indexed type shows as the anonymous object it points at).
import { readOperations, resolveRef, type JsonSchema, type OpenApiDocument } from '../src/openapi/read.js';

/** How the SDK names the schemas of the spec; everything not listed keeps its spec name. */
export interface NamingRules {
  /** Schemas exported under this prefix-less name, e.g. `ApmSourceMap` as `SourceMap`. */
  unprefixed: { prefix: string; schemas: ReadonlySet<string> };
  /** Schemas the SDK exports under a name of its own elsewhere, so not here. */
  skipped: ReadonlySet<string>;
  /** Operations whose body the SDK types per connector or rule type itself (src/per-type.ts). */
  typedPerType: ReadonlySet<string>;
}

type Kind = { kind: 'object' } | { kind: 'union'; members: string[] } | { kind: 'alias' };

const SCHEMA_REF = '#/components/schemas/';

function refName(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const ref = (value as { $ref?: unknown }).$ref;
  return typeof ref === 'string' && ref.startsWith(SCHEMA_REF) ? ref.slice(SCHEMA_REF.length) : undefined;
}

function pascal(operationId: string): string {
  return operationId.charAt(0).toUpperCase() + operationId.slice(1);
}

/** A TSDoc comment of `text`, wrapped at 100 columns. */
function doc(text: string | undefined): string[] {
  if (!text) return [];
  const words = text.replace(/\*\//g, '*\\/').trim().split(/\s+/);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line && line.length + word.length + 1 > 96) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.length === 1 ? [`/** ${lines[0]} */`] : ['/**', ...lines.map((l) => ` * ${l}`), ' */'];
}

/** `export type Name = A | B;`, one member a line when that is too long for one. */
function union(name: string, members: string[]): string[] {
  const line = `export type ${name} = ${members.join(' | ')};`;
  if (line.length <= 120) return [line];
  return [
    `export type ${name} =`,
    ...members.map((member, index) => `  | ${member}${index === members.length - 1 ? ';' : ''}`),
  ];
}

class Namer {
  readonly #document: OpenApiDocument;
  readonly #rules: NamingRules;
  readonly #schemas: Record<string, JsonSchema>;
  readonly #kinds = new Map<string, Kind>();

  constructor(document: OpenApiDocument, rules: NamingRules) {
    this.#document = document;
    this.#rules = rules;
    this.#schemas = (document.components.schemas ?? {}) as Record<string, JsonSchema>;
  }

  /** The exported name of schema `name`, or undefined when it is not exported here. */
  nameOf(name: string): string | undefined {
    if (this.#rules.skipped.has(name)) return undefined;
    const { prefix, schemas } = this.#rules.unprefixed;
    return schemas.has(name) && name.startsWith(prefix) ? name.slice(prefix.length) : name;
  }

  /** Whether `schema` is an object type TypeScript lets an interface extend. */
  #isObject(schema: JsonSchema): boolean {
    if (typeof schema !== 'object') return false;
    const referenced = refName(schema);
    if (referenced !== undefined) return this.kindOf(referenced).kind === 'object';
    if (schema.oneOf || schema.anyOf || schema.not || schema.enum || schema.const !== undefined) return false;
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (schema.type !== undefined && !(types.length === 1 && types[0] === 'object')) return false;
    const parts = Array.isArray(schema.allOf) ? (schema.allOf as JsonSchema[]) : [];
    if (schema.type === undefined && parts.length === 0 && !schema.properties) return false;
    return parts.every((part) => this.#isObject(part));
  }

  kindOf(name: string): Kind {
    const known = this.#kinds.get(name);
    if (known) return known;
    const schema = this.#schemas[name];
    if (schema === undefined) throw new Error(`components.schemas.${name} is referenced but not defined`);
    // A placeholder while the schema is classified stops a cycle of references from recursing forever.
    this.#kinds.set(name, { kind: 'alias' });
    const kind = this.#classify(schema);
    this.#kinds.set(name, kind);
    return kind;
  }

  #classify(schema: JsonSchema): Kind {
    if (typeof schema !== 'object') return { kind: 'alias' };
    const alternatives = (schema.oneOf ?? schema.anyOf) as JsonSchema[] | undefined;
    if (alternatives) {
      if (schema.properties || schema.allOf) return { kind: 'alias' };
      const members = alternatives.map((member) => {
        const referenced = refName(member);
        return referenced === undefined ? undefined : this.nameOf(referenced);
      });
      if (members.some((member) => member === undefined)) return { kind: 'alias' };
      return { kind: 'union', members: members as string[] };
    }
    return this.#isObject(schema) ? { kind: 'object' } : { kind: 'alias' };
  }

  #description(schema: JsonSchema | undefined): string | undefined {
    if (typeof schema !== 'object') return undefined;
    const own = schema.description;
    if (typeof own === 'string') return own;
    const referenced = refName(schema);
    return referenced === undefined ? undefined : this.#description(this.#schemas[referenced]);
  }

  schemaDeclarations(): string[] {
    const out: string[] = [];
    const taken = new Map<string, string>();
    for (const [name, schema] of Object.entries(this.#schemas)) {
      const exported = this.nameOf(name);
      if (exported === undefined) continue;
      const clash = taken.get(exported);
      if (clash) throw new Error(`schemas ${clash} and ${name} would both be exported as ${exported}`);
      taken.set(exported, name);
      const kind = this.kindOf(name);
      out.push(...doc(this.#description(schema)));
      if (kind.kind === 'object') out.push(`export interface ${exported} extends Schema<'${name}'>, Named {}`);
      else if (kind.kind === 'union') out.push(...union(exported, kind.members));
      else out.push(`export type ${exported} = Schema<'${name}'>;`);
    }
    return out;
  }

  /**
   * `<OperationId>Body` for the JSON body of each operation. Operations that take the same body schema
   * share one name, that of the shortest operation id (`createRule`, not `createRuleWithGeneratedId`);
   * a body schema already named so is not named twice.
   */
  bodyDeclarations(): string[] {
    const groups = new Map<string, { operationId: string; method: string; path: string; schema: JsonSchema }>();
    for (const entry of readOperations(this.#document)) {
      const body = entry.requestBody;
      if (body?.mediaType !== 'application/json' || body.schema === undefined) continue;
      const key = refName(body.schema) ?? `#${entry.operationId}`;
      const group = groups.get(key);
      if (group && group.operationId.length <= entry.operationId.length) continue;
      groups.set(key, { operationId: entry.operationId, method: entry.method, path: entry.path, schema: body.schema });
    }
    const out: string[] = [];
    const ordered = [...groups.values()].sort((a, b) => (a.operationId < b.operationId ? -1 : 1));
    for (const { operationId, method, path, schema } of ordered) {
      if (this.#rules.typedPerType.has(operationId)) continue;
      const name = `${pascal(operationId)}Body`;
      const referenced = refName(schema);
      const schemaName = referenced === undefined ? undefined : this.nameOf(referenced);
      if (schemaName === name) continue;
      if (referenced === undefined && name in this.#schemas)
        throw new Error(`the body of ${operationId} would be exported as ${name}, the name of another schema`);
      const description = this.#description(resolveRef(this.#document, schema));
      out.push(...doc(`The body of \`${operationId}\` (${method.toUpperCase()} ${path}). ${description ?? ''}`));
      if (referenced !== undefined && schemaName !== undefined) {
        out.push(
          this.kindOf(referenced).kind === 'object'
            ? `export interface ${name} extends ${schemaName}, Named {}`
            : `export type ${name} = ${schemaName};`,
        );
      } else if (this.#isObject(schema))
        out.push(`export interface ${name} extends JsonBody<'${operationId}'>, Named {}`);
      else out.push(`export type ${name} = JsonBody<'${operationId}'>;`);
    }
    return out;
  }
}

/** The text of generated/names.ts. */
export function namesModule(document: OpenApiDocument, rules: NamingRules, header: string): string {
  const namer = new Namer(document, rules);
  return [
    header,
    "import type { components, operations } from './kibana.js';",
    '',
    "type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];",
    '',
    'type JsonBody<Id extends keyof operations> = operations[Id] extends {',
    "  requestBody?: { content: { 'application/json': infer Body } };",
    '}',
    '  ? Body',
    '  : never;',
    '',
    '// Every interface below also extends this empty one. TypeScript relates an interface with a single',
    '// base and no members of its own as that base, so its error messages would name the anonymous base',
    '// type; a second base keeps the name.',
    'interface Named {}',
    '',
    ...namer.schemaDeclarations(),
    '',
    ...namer.bodyDeclarations(),
    '',
  ].join('\n');
}
