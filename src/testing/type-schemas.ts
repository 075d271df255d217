// The schemas of each connector type's config, secrets and run params and of each rule type's params,
// read from the spec's unions typed per type, and Kibana's checks against them: after its route has
// accepted the generic body, Kibana validates what the type itself takes and answers with the type's
// own wording (`error validating action type config: [url]: ...`, `params invalid: [threshold]: ...`).
import { resolveRef } from '../openapi/read.js';
import { KibanaHttpError } from './respond.js';
import { openApiDocument, type JsonSchema } from './spec.js';
import { typeSchemaProblem } from './validate.js';

type SchemaNode = Record<string, unknown>;

function isNode(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const SCHEMA_PREFIX = '#/components/schemas/';

/** `schema` with its references followed by the project's one reader. */
function resolved(schema: unknown): SchemaNode | undefined {
  const target = resolveRef(openApiDocument, schema);
  return isNode(target) ? target : undefined;
}

function component(name: string): SchemaNode {
  const found = resolved({ $ref: SCHEMA_PREFIX + name });
  if (!found) throw new Error(`the spec has no schema ${name}`);
  return found;
}

/** The discriminator mapping of a union schema: type id to member reference. */
function mappingOf(unionName: string): Record<string, string> {
  const discriminator = component(unionName).discriminator;
  const mapping = isNode(discriminator) ? discriminator.mapping : undefined;
  if (!isNode(mapping)) throw new Error(`the spec's ${unionName} has no discriminator mapping`);
  return Object.fromEntries(
    Object.entries(mapping).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

/** The schema a member declares for one property, looking into its `allOf` parts. */
function propertyOf(member: unknown, name: string): JsonSchema | undefined {
  const node = resolved(member);
  if (!node) return undefined;
  const own = isNode(node.properties) ? node.properties[name] : undefined;
  if (isNode(own)) return typeof own.$ref === 'string' ? { $ref: own.$ref } : own;
  for (const part of Array.isArray(node.allOf) ? node.allOf : []) {
    const found = propertyOf(part, name);
    if (found) return found;
  }
  return undefined;
}

/** What a connector type takes, by the spec's create and update members of that type. */
export interface ConnectorTypeSchemas {
  config: JsonSchema;
  secrets: JsonSchema;
  /** The config an update takes, which may be narrower than on create (`.gen-ai`). */
  updateConfig: JsonSchema;
  /** The params of a run. */
  params: JsonSchema;
}

let connectorSchemas: Map<string, ConnectorTypeSchemas> | undefined;

/** The schemas of every connector type the spec describes, by `connector_type_id`. */
export function connectorTypeSchemas(): ReadonlyMap<string, ConnectorTypeSchemas> {
  if (connectorSchemas) return connectorSchemas;
  const updates = resolved(component('ConnectorUpdateRequestByType').properties) ?? {};
  const runs = resolved(component('ConnectorRunParamsByType').properties) ?? {};
  const found = new Map<string, ConnectorTypeSchemas>();
  for (const [typeId, ref] of Object.entries(mappingOf('ConnectorCreateRequest'))) {
    const config = propertyOf({ $ref: ref }, 'config');
    const secrets = propertyOf({ $ref: ref }, 'secrets');
    const updateConfig = propertyOf(updates[typeId], 'config');
    const params = runs[typeId];
    if (!config || !secrets || !updateConfig || !isNode(params))
      throw new Error(`the spec describes ${typeId} only in part`);
    found.set(typeId, { config, secrets, updateConfig, params });
  }
  connectorSchemas = found;
  return found;
}

let ruleSchemas: Map<string, JsonSchema> | undefined;

/** The params schema of every rule type the spec types, by `rule_type_id`. */
export function ruleParamsSchemas(): ReadonlyMap<string, JsonSchema> {
  if (ruleSchemas) return ruleSchemas;
  const found = new Map<string, JsonSchema>();
  for (const [typeId, ref] of Object.entries(mappingOf('RuleCreateRequest'))) {
    const params = propertyOf({ $ref: ref }, 'params');
    if (!params) throw new Error(`the spec's ${ref} has no params`);
    found.set(typeId, params);
  }
  ruleSchemas = found;
  return found;
}

/**
 * The branch of a `oneOf` that `value` means, by the constants the branches pin (`searchType`,
 * `apiProvider`); a branch whose constant property is optional takes a value without it. Other
 * schemas are their own branch.
 */
function branchFor(schema: JsonSchema, value: unknown): JsonSchema {
  const node = resolved(schema);
  if (!node || !Array.isArray(node.oneOf) || !isNode(value)) return schema;
  const matches = node.oneOf.filter((branch: unknown) => {
    const target = resolved(branch);
    const properties = isNode(target?.properties) ? target.properties : {};
    const required = Array.isArray(target?.required) ? target.required : [];
    return Object.entries(properties).every(([name, property]) => {
      if (!isNode(property) || !('const' in property)) return true;
      return name in value ? value[name] === property.const : !required.includes(name);
    });
  });
  return matches.length === 1 ? (matches[0] as JsonSchema) : schema;
}

/** `value` with the defaults its schema declares for top-level properties it leaves out, as Kibana stores it. */
function withDefaults(schema: JsonSchema, value: Record<string, unknown>): Record<string, unknown> {
  const properties = resolved(schema)?.properties;
  const filled = { ...value };
  for (const [name, property] of Object.entries(isNode(properties) ? properties : {})) {
    const own = resolved(property);
    if (!(name in filled) && own && 'default' in own) filled[name] = structuredClone(own.default);
  }
  return filled;
}

/** Kibana's 400 for a value its type's schema refuses, or the value with the type's defaults. */
function checked(schema: JsonSchema, value: Record<string, unknown>, prefix: string): Record<string, unknown> {
  const branch = branchFor(schema, value);
  const problem = typeSchemaProblem(branch, value);
  if (problem !== undefined) throw new KibanaHttpError(400, `${prefix}${problem}`);
  return withDefaults(branch, value);
}

/** A connector's config and secrets checked against its type (config first, like Kibana), config with its defaults. */
export function checkConnector(
  typeId: string,
  config: Record<string, unknown>,
  secrets: Record<string, unknown>,
  update: boolean,
): Record<string, unknown> {
  const schemas = connectorTypeSchemas().get(typeId);
  if (!schemas) return config;
  const filled = checked(
    update ? schemas.updateConfig : schemas.config,
    config,
    'error validating action type config: ',
  );
  checked(schemas.secrets, secrets, 'error validating action type secrets: ');
  return filled;
}

/** What is wrong with the params of a run of a connector of this type, in Kibana's words; undefined when nothing is. */
export function runParamsProblem(typeId: string, params: Record<string, unknown>): string | undefined {
  const schemas = connectorTypeSchemas().get(typeId);
  if (!schemas) return undefined;
  const problem = typeSchemaProblem(branchFor(schemas.params, params), params);
  return problem === undefined ? undefined : `error validating action params: ${problem}`;
}

/** A rule's params checked against its type (when the spec types it), with the type's defaults. */
export function checkRuleParams(typeId: string, params: Record<string, unknown>): Record<string, unknown> {
  const schema = ruleParamsSchemas().get(typeId);
  return schema ? checked(schema, params, 'params invalid: ') : params;
}
