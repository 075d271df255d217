// Request validation against the spec, with Kibana's wording: a failing field is reported as
// `[request body.title]: expected value of type [string] but got [number]`, the way Kibana's
// route validation (@kbn/config-schema) reports it.
import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { isReference, resolveRef } from '../openapi/read.js';
import { externals } from './externals.js';
import { openApiDocument, type JsonSchema, type SpecOperation, type SpecParameter } from './spec.js';
import { KibanaHttpError } from './respond.js';

/** Under this id the document is known to ajv, so `#/components/...` references resolve in any schema. */
const DOCUMENT_ID = 'https://kibana-sdk.invalid/kibana.openapi.json';

let ajv: Ajv2020 | undefined;

function getAjv(): Ajv2020 {
  if (ajv) return ajv;
  // Not strict: OpenAPI's own keywords (discriminator, example, x-...) are annotations here.
  const instance = new externals.Ajv2020({ allErrors: true, verbose: true, strict: false, allowUnionTypes: true });
  externals.addFormats(instance);
  instance.addSchema(openApiDocument, DOCUMENT_ID);
  ajv = instance;
  return instance;
}

function anchor(schema: JsonSchema): JsonSchema {
  const visit = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(visit);
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) =>
        key === '$ref' && typeof child === 'string' && child.startsWith('#')
          ? [key, DOCUMENT_ID + child]
          : [key, visit(child)],
      ),
    );
  };
  return visit(schema) as JsonSchema;
}

const compiled = new WeakMap<object, ValidateFunction>();

function validatorFor(schema: JsonSchema): ValidateFunction {
  const key = typeof schema === 'object' ? schema : { schema };
  let validate = compiled.get(key);
  if (!validate) {
    validate = getAjv().compile(anchor(schema));
    compiled.set(key, validate);
  }
  return validate;
}

/** Kibana's name for the type of a value (what @kbn/config-schema prints after "but got"). */
function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'Array';
  if (typeof value === 'object') return 'Object';
  return typeof value;
}

function schemaTypeName(type: unknown): string {
  const names = (Array.isArray(type) ? type : [type])
    .filter((t) => t !== 'null')
    .map((t) => (t === 'integer' ? 'number' : String(t)));
  return names.length > 0 ? names.join(' | ') : 'null';
}

function valueAt(data: unknown, pointer: string): unknown {
  let current = data;
  for (const token of pointer.split('/').slice(1)) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[token.replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  return current;
}

/**
 * `schema` with its references followed by the project's one reader. Schemas given to ajv carry
 * {@link DOCUMENT_ID} before their `#/...` references (see `anchor`), and ajv's errors quote them so.
 */
function resolveSchema(schema: unknown): Record<string, unknown> | undefined {
  const local =
    isReference(schema) && schema.$ref.startsWith(`${DOCUMENT_ID}#`)
      ? { $ref: schema.$ref.slice(DOCUMENT_ID.length) }
      : schema;
  const resolved = resolveRef(openApiDocument, local);
  return typeof resolved === 'object' && resolved !== null ? (resolved as Record<string, unknown>) : undefined;
}

/** The JSON types a schema allows, looking through references and unions; empty when it does not say. */
function schemaTypes(schema: unknown, depth = 0): string[] {
  const resolved = resolveSchema(schema);
  if (!resolved || depth > 10) return [];
  if (resolved.type !== undefined)
    return Array.isArray(resolved.type) ? (resolved.type as string[]) : [String(resolved.type)];
  for (const keyword of ['oneOf', 'anyOf', 'allOf']) {
    const branches = resolved[keyword];
    if (Array.isArray(branches)) {
      const types = branches.map((branch) => schemaTypes(branch, depth + 1));
      return types.some((list) => list.length === 0) ? [] : [...new Set(types.flat())];
    }
  }
  return [];
}

function dotted(prefix: string, pointer: string, extra?: string): string {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
  if (extra !== undefined) parts.push(extra);
  if (prefix === '') return parts.join('.');
  return parts.length > 0 ? `${prefix}.${parts.join('.')}` : prefix;
}

/** Errors that only say "this union branch does not apply" are the least telling ones. */
function isBranchMismatch(error: ErrorObject, data: unknown): boolean {
  if (error.keyword !== 'enum' && error.keyword !== 'const') return false;
  const last = error.instancePath.split('/').pop();
  return (last === 'type' || last === 'actionTypeId') && typeof valueAt(data, error.instancePath) === 'string';
}

const UNION_KEYWORDS = new Set(['oneOf', 'anyOf']);

function isUnder(pointer: string, parent: string): boolean {
  return pointer === parent || pointer.startsWith(`${parent}/`);
}

/** The values a union branch takes for its discriminator property (`type`), from `enum` or `const`. */
function discriminatorValues(branch: unknown, property: string): unknown[] | undefined {
  const resolved = resolveSchema(branch);
  if (!resolved) return undefined;
  const own = resolveSchema((resolved.properties as Record<string, unknown> | undefined)?.[property]);
  if (own && Array.isArray(own.enum)) return own.enum;
  if (own && 'const' in own) return [own.const];
  for (const part of Array.isArray(resolved.allOf) ? resolved.allOf : []) {
    const found = discriminatorValues(part, property);
    if (found) return found;
  }
  return undefined;
}

/**
 * For a union with a discriminator (`type: 'user' | 'alert'`...), the branch the value names, so that
 * its own complaints are reported rather than those of every branch; or the discriminator itself
 * when it names none.
 */
function describeUnion(union: ErrorObject, data: unknown, where: string): string | undefined {
  const value = valueAt(data, union.instancePath);
  const branches = union.schema;
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !Array.isArray(branches)) return undefined;
  const property =
    (union.parentSchema as { discriminator?: { propertyName?: string } } | undefined)?.discriminator?.propertyName ??
    'type';
  const values = branches.map((branch) => discriminatorValues(branch, property));
  if (values.some((list) => list === undefined)) return undefined;
  const tag = (value as Record<string, unknown>)[property];
  const matching = branches.filter((_, index) => values[index]!.includes(tag));
  const at = dotted(where, union.instancePath);
  if (matching.length === 0) {
    const allowed = [...new Set(values.flat())].map(String).join(', ');
    return `[${at}.${property}]: expected one of [${allowed}] but got [${tag === undefined ? 'undefined' : String(tag)}]`;
  }
  if (matching.length !== 1) return undefined;
  const validate = validatorFor(matching[0] as JsonSchema);
  return validate(value) ? undefined : describeErrors(validate.errors ?? [], value, at);
}

/** One Kibana-style message for what is wrong, from ajv's list (which names every union branch's complaint). */
export function describeErrors(errors: ErrorObject[], data: unknown, where: string): string {
  const unions = errors
    .filter((e) => UNION_KEYWORDS.has(e.keyword))
    .sort((a, b) => a.instancePath.length - b.instancePath.length);
  // A complaint outside every union is the plainest to report; otherwise let the outermost union pick its branch.
  const plain = errors.filter(
    (e) => !UNION_KEYWORDS.has(e.keyword) && !unions.some((u) => isUnder(e.instancePath, u.instancePath)),
  );
  if (plain.length === 0) {
    for (const union of unions) {
      const message = describeUnion(union, data, where);
      if (message) return message;
    }
  }
  const candidates = (plain.length > 0 ? plain : errors).filter(
    (e) => !['oneOf', 'anyOf', 'allOf', 'if', 'then', 'else', 'not', 'discriminator'].includes(e.keyword),
  );
  const pool = candidates.length > 0 ? candidates : errors;
  const depth = (e: ErrorObject) =>
    e.instancePath.split('/').length + (e.keyword === 'required' || e.keyword === 'additionalProperties' ? 1 : 0);
  const best = [...pool].sort(
    (a, b) => Number(isBranchMismatch(a, data)) - Number(isBranchMismatch(b, data)) || depth(b) - depth(a),
  )[0];
  if (!best) return `[${where}]: invalid value`;
  const value = valueAt(data, best.instancePath);
  const params = best.params as Record<string, unknown>;
  switch (best.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      const properties = (best.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
      const types = schemaTypes(properties?.[missing]);
      return `[${dotted(where, best.instancePath, missing)}]: expected value of type [${types.length === 0 ? 'any' : schemaTypeName(types)}] but got [undefined]`;
    }
    case 'additionalProperties':
      return `[${dotted(where, best.instancePath, String(params.additionalProperty))}]: definition for this key is missing`;
    case 'type':
      return `[${dotted(where, best.instancePath)}]: expected value of type [${schemaTypeName(params.type)}] but got [${typeName(value)}]`;
    case 'enum':
    case 'const': {
      // The same field failing in several branches: name every value any branch would take.
      const allowed = new Set<unknown>();
      for (const e of pool) {
        if (e.instancePath !== best.instancePath) continue;
        const p = e.params as { allowedValues?: unknown[]; allowedValue?: unknown };
        if (e.keyword === 'enum') p.allowedValues?.forEach((v) => allowed.add(v));
        if (e.keyword === 'const') allowed.add(p.allowedValue);
      }
      const at = dotted(where, best.instancePath);
      // A connector or rule type's own schema lists literals, which @kbn/config-schema reports one by one.
      if (where === '')
        return `[${at}]: types that failed validation:\n${[...allowed].map((v, i) => `- [${at}.${i}]: expected value to equal [${String(v)}] but got [${String(value)}]`).join('\n')}`;
      return `[${at}]: expected one of [${[...allowed].map(String).join(', ')}] but got [${String(value)}]`;
    }
    case 'maxLength':
      return `[${dotted(where, best.instancePath)}]: value has length [${String(value).length}] but it must have a maximum length of [${String(params.limit)}].`;
    case 'minLength':
      return `[${dotted(where, best.instancePath)}]: value has length [${String(value).length}] but it must have a minimum length of [${String(params.limit)}].`;
    case 'maxItems':
      return `[${dotted(where, best.instancePath)}]: array size is [${Array.isArray(value) ? value.length : '?'}], but cannot be greater than [${String(params.limit)}]`;
    case 'minItems':
      return `[${dotted(where, best.instancePath)}]: array size is [${Array.isArray(value) ? value.length : '?'}], but cannot be smaller than [${String(params.limit)}]`;
    case 'maximum':
      return `[${dotted(where, best.instancePath)}]: Value must be equal to or lower than [${String(params.limit)}].`;
    case 'minimum':
      return `[${dotted(where, best.instancePath)}]: Value must be equal to or greater than [${String(params.limit)}].`;
    default:
      return `[${dotted(where, best.instancePath)}]: ${best.message ?? best.keyword}`;
  }
}

/** Throws Kibana's 400 when `value` breaks `schema`. */
export function check(schema: JsonSchema, value: unknown, where: string): void {
  const validate = validatorFor(schema);
  if (!validate(value)) throw new KibanaHttpError(400, describeErrors(validate.errors ?? [], value, where));
}

/**
 * What is wrong with `value` as a connector type's config or secrets, or a rule type's params, in the
 * words @kbn/config-schema uses for a type's own schema (`[url]: expected value of type [string] ...`);
 * undefined when nothing is.
 */
export function typeSchemaProblem(schema: JsonSchema, value: unknown): string | undefined {
  const validate = validatorFor(schema);
  return validate(value) ? undefined : describeErrors(validate.errors ?? [], value, '');
}

/**
 * The schema Kibana's route checks a body against. A union typed per connector or rule type names its
 * generic form in `discriminator.x-defaultMapping`: that is what the route validates (Kibana checks the
 * type's own config, secrets or params afterwards, with messages of its own).
 */
function routeSchema(schema: JsonSchema): JsonSchema {
  const discriminator = resolveSchema(schema)?.discriminator as { 'x-defaultMapping'?: unknown } | undefined;
  const generic = discriminator?.['x-defaultMapping'];
  return typeof generic === 'string' ? { $ref: generic } : schema;
}

/** The request body of `operation`, checked against the schema Kibana's route checks it against. */
export function checkBody(operation: SpecOperation, body: unknown): void {
  if (!operation.requestBody) return;
  const strict = STRICT_DECODES[operation.operationId];
  if (strict && typeof body === 'object' && body !== null && !Array.isArray(body)) {
    const known = resolveSchema(operation.requestBody.schema ?? true)?.properties as
      | Record<string, unknown>
      | undefined;
    const excess = Object.keys(body).filter((key) => !(known && key in known));
    if (excess.length > 0) throw new KibanaHttpError(400, `${strict}Error: invalid keys "${excess.join(',')}"`);
  }
  check(routeSchema(operation.requestBody.schema ?? true), body, 'request body');
}

/**
 * Bodies that Kibana's cases client decodes strictly (io-ts `exact`), refusing unknown keys with the
 * prefix of the operation's error.
 */
const STRICT_DECODES: Partial<Record<string, string>> = {
  setCaseConfiguration: 'Failed to create case configuration: ',
  updateCaseConfiguration: 'Failed to get patch configure in route: ',
};

function allows(schema: unknown, type: string): boolean {
  const resolved = resolveSchema(schema);
  if (!resolved) return false;
  const types = Array.isArray(resolved.type) ? resolved.type : [resolved.type];
  if (types.includes(type)) return true;
  for (const keyword of ['oneOf', 'anyOf', 'allOf']) {
    const branches = resolved[keyword];
    if (Array.isArray(branches) && branches.some((branch) => allows(branch, type))) return true;
  }
  return false;
}

/** A query value as its schema types it: numbers, booleans and arrays out of the query string's text. */
function coerce(parameter: SpecParameter, values: string[]): unknown {
  const json = parameter.content?.['application/json'];
  if (json) {
    try {
      return JSON.parse(values[values.length - 1] ?? '');
    } catch {
      throw new KibanaHttpError(400, `[request query.${parameter.name}]: could not parse object value from json input`);
    }
  }
  const schema = parameter.schema;
  const scalar = (text: string): unknown => {
    if ((allows(schema, 'number') || allows(schema, 'integer')) && text.trim() !== '' && !Number.isNaN(Number(text)))
      return Number(text);
    if (allows(schema, 'boolean') && (text === 'true' || text === 'false')) return text === 'true';
    return text;
  };
  const array = resolveSchema(schema)?.type === 'array' || (values.length > 1 && allows(schema, 'array'));
  if (array) return values.map(scalar);
  return scalar(values[values.length - 1] ?? '');
}

/**
 * The query as `operation` types it, for the request log: like {@link parseQuery}, but never refusing.
 * A key the operation does not declare, or a value that does not parse, keeps the text as sent (a list
 * when the key is repeated).
 */
export function typedQuery(operation: SpecOperation, search: URLSearchParams): Record<string, unknown> {
  const declared = new Map(operation.parameters.filter((p) => p.in === 'query').map((p) => [p.name, p]));
  const query: Record<string, unknown> = {};
  for (const name of new Set(search.keys())) {
    const values = search.getAll(name);
    const parameter = declared.get(name);
    const sent = values.length === 1 ? values[0] : values;
    try {
      query[name] = parameter ? coerce(parameter, values) : sent;
    } catch {
      query[name] = sent;
    }
  }
  return query;
}

/** The query of `operation`, typed per its parameters; unknown keys and bad values give Kibana's 400. */
export function parseQuery(operation: SpecOperation, search: URLSearchParams): Record<string, unknown> {
  const declared = new Map(operation.parameters.filter((p) => p.in === 'query').map((p) => [p.name, p]));
  const query: Record<string, unknown> = {};
  for (const name of new Set(search.keys())) {
    const parameter = declared.get(name);
    if (!parameter) throw new KibanaHttpError(400, `[request query.${name}]: definition for this key is missing`);
    const value = coerce(parameter, search.getAll(name));
    const schema = parameter.content?.['application/json']?.schema ?? parameter.schema;
    if (schema !== undefined) check(schema, value, `request query.${name}`);
    query[name] = value;
  }
  for (const parameter of declared.values()) {
    if (parameter.required && !(parameter.name in query)) {
      throw new KibanaHttpError(
        400,
        `[request query.${parameter.name}]: expected value of type [${schemaTypeName(resolveSchema(parameter.schema)?.type ?? 'string')}] but got [undefined]`,
      );
    }
  }
  return query;
}
