// Names the types of generated/kibana.ts. openapi-typescript writes every schema as an anonymous type
// inside `components`, so a hover or an error message shows its whole shape; here each schema (and the
// JSON body of each operation) becomes an exported type alias written directly over that shape, which
// TypeScript shows by name, and `components` refers to it. generated/names.ts lists the public names.
import ts from 'typescript';
import { readOperations, type OpenApiDocument } from '../src/openapi/read.js';

/** How the SDK names the schemas of the spec; everything not listed keeps its spec name. */
export interface NamingRules {
  /** Schemas exported under this prefix-less name, e.g. `ApmSourceMap` as `SourceMap`. */
  unprefixed: { prefix: string; schemas: ReadonlySet<string> };
  /** Schemas the SDK exports under a name of its own elsewhere, so not here. */
  skipped: ReadonlySet<string>;
  /** Operations whose body the SDK types per connector or rule type itself (src/per-type.ts). */
  typedPerType: ReadonlySet<string>;
}

/** The nodes of generated/kibana.ts with the named types, and the names to export. */
export interface NamedTypes {
  nodes: ts.Node[];
  names: string[];
}

const SCHEMA_REF = '#/components/schemas/';
const JSON_MEDIA = 'application/json';

function memberName(member: ts.TypeElement): string | undefined {
  const name = member.name;
  return name && (ts.isIdentifier(name) || ts.isStringLiteral(name)) ? name.text : undefined;
}

/** `node` with the type of its property `name` replaced by what `update` makes of it. */
function withProperty(
  node: ts.TypeLiteralNode,
  name: string,
  update: (type: ts.TypeNode) => ts.TypeNode,
): ts.TypeLiteralNode {
  const members = node.members.map((member) =>
    ts.isPropertySignature(member) && member.type && memberName(member) === name
      ? ts.factory.updatePropertySignature(
          member,
          member.modifiers,
          member.name,
          member.questionToken,
          update(member.type),
        )
      : member,
  );
  return ts.factory.updateTypeLiteralNode(node, ts.factory.createNodeArray(members));
}

function literal(type: ts.TypeNode, where: string): ts.TypeLiteralNode {
  if (!ts.isTypeLiteralNode(type)) throw new Error(`${where} is not an object type in the generated types`);
  return type;
}

function reference(name: string): ts.TypeReferenceNode {
  return ts.factory.createTypeReferenceNode(name);
}

/** `export type name = type;`, with a TSDoc comment. */
function alias(name: string, type: ts.TypeNode, comments: readonly ts.SynthesizedComment[] | undefined) {
  const declaration = ts.factory.createTypeAliasDeclaration(
    [ts.factory.createModifier(ts.SyntaxKind.ExportKeyword)],
    name,
    undefined,
    type,
  );
  return comments ? ts.setSyntheticLeadingComments(declaration, [...comments]) : declaration;
}

function docComment(text: string): ts.SynthesizedComment[] {
  const body = text.replace(/\*\//g, '*\\/').trim();
  return [
    { kind: ts.SyntaxKind.MultiLineCommentTrivia, text: `* ${body} `, hasTrailingNewLine: true, pos: -1, end: -1 },
  ];
}

function pascal(operationId: string): string {
  return operationId.charAt(0).toUpperCase() + operationId.slice(1);
}

function publicName(name: string, rules: NamingRules): string | undefined {
  if (rules.skipped.has(name)) return undefined;
  const { prefix, schemas } = rules.unprefixed;
  return schemas.has(name) && name.startsWith(prefix) ? name.slice(prefix.length) : name;
}

function interfaceNamed(nodes: ts.Node[], name: string): ts.InterfaceDeclaration {
  const found = nodes.find(
    (node): node is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(node) && node.name.text === name,
  );
  if (!found) throw new Error(`openapi-typescript wrote no interface ${name}`);
  return found;
}

function replaceInterface(nodes: ts.Node[], old: ts.InterfaceDeclaration, members: ts.TypeElement[]): ts.Node[] {
  const updated = ts.factory.updateInterfaceDeclaration(
    old,
    old.modifiers,
    old.name,
    old.typeParameters,
    old.heritageClauses,
    ts.factory.createNodeArray(members),
  );
  return nodes.map((node) => (node === old ? updated : node));
}

/**
 * Takes each schema out of `components` into `export type <Name> = <its shape>`, leaving a reference
 * behind, so that every use of the schema (in other schemas too) shows its name.
 */
function nameSchemas(nodes: ts.Node[], rules: NamingRules, declarations: ts.Node[], names: string[]): ts.Node[] {
  const components = interfaceNamed(nodes, 'components');
  const taken = new Map<string, string>();
  const members = components.members.map((member) => {
    if (!ts.isPropertySignature(member) || !member.type || memberName(member) !== 'schemas') return member;
    const schemas = literal(member.type, 'components.schemas');
    const named = schemas.members.map((schema) => {
      const name = memberName(schema);
      const exported = name === undefined ? undefined : publicName(name, rules);
      if (!ts.isPropertySignature(schema) || !schema.type || exported === undefined) return schema;
      const clash = taken.get(exported);
      if (clash) throw new Error(`schemas ${clash} and ${name} would both be exported as ${exported}`);
      taken.set(exported, name!);
      declarations.push(alias(exported, schema.type, ts.getSyntheticLeadingComments(schema)));
      names.push(exported);
      return ts.factory.updatePropertySignature(
        schema,
        schema.modifiers,
        schema.name,
        schema.questionToken,
        reference(exported),
      );
    });
    return ts.factory.updatePropertySignature(
      member,
      member.modifiers,
      member.name,
      member.questionToken,
      ts.factory.updateTypeLiteralNode(schemas, ts.factory.createNodeArray(named)),
    );
  });
  return replaceInterface(nodes, components, members);
}

interface BodyName {
  name: string;
  operationIds: string[];
  /** The schema the body refers to, when it is not written inline. */
  schema: string | undefined;
  description: string;
}

/**
 * `<OperationId>Body` for the JSON body of each operation. Operations that take the same body share
 * one name, that of the shortest operation id (`createRule`, not `createRuleWithGeneratedId`);
 * a body schema already named so keeps its name.
 */
function bodyNames(document: OpenApiDocument, rules: NamingRules): BodyName[] {
  const groups = new Map<string, BodyName>();
  for (const entry of readOperations(document)) {
    const body = entry.requestBody;
    if (body?.mediaType !== JSON_MEDIA || typeof body.schema !== 'object') continue;
    const ref = typeof body.schema.$ref === 'string' ? body.schema.$ref : undefined;
    const schema = ref?.startsWith(SCHEMA_REF) ? ref.slice(SCHEMA_REF.length) : undefined;
    const key = schema ?? JSON.stringify(body.schema);
    const group = groups.get(key);
    const own =
      schema === undefined && typeof body.schema.description === 'string' ? ` ${body.schema.description}` : '';
    const description = `The body of \`${entry.operationId}\` (${entry.method.toUpperCase()} ${entry.path}).${own}`;
    if (!group) groups.set(key, { name: '', operationIds: [entry.operationId], schema, description });
    else if (entry.operationId.length < group.operationIds[0]!.length) {
      group.operationIds.unshift(entry.operationId);
      group.description = description;
    } else group.operationIds.push(entry.operationId);
  }
  const found: BodyName[] = [];
  for (const group of groups.values()) {
    if (group.operationIds.some((id) => rules.typedPerType.has(id))) continue;
    group.name = `${pascal(group.operationIds[0]!)}Body`;
    found.push(group);
  }
  return found.sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** Names the JSON body of each operation: the inline ones move out of `operations`, like the schemas. */
function nameBodies(
  nodes: ts.Node[],
  document: OpenApiDocument,
  rules: NamingRules,
  declarations: ts.Node[],
  names: string[],
): ts.Node[] {
  const bodies = bodyNames(document, rules);
  const inline = new Map<string, BodyName>();
  for (const body of bodies) {
    if (names.includes(body.name)) {
      const exported = body.schema === undefined ? undefined : publicName(body.schema, rules);
      if (exported === body.name) continue;
      throw new Error(`the body of ${body.operationIds[0]} would be exported as ${body.name}, a schema's name`);
    }
    names.push(body.name);
    if (body.schema === undefined) for (const id of body.operationIds) inline.set(id, body);
    else {
      const exported = publicName(body.schema, rules);
      if (exported === undefined) throw new Error(`the body of ${body.operationIds[0]} is a schema exported elsewhere`);
      declarations.push(alias(body.name, reference(exported), docComment(`${body.description} Also \`${exported}\`.`)));
    }
  }
  const operations = interfaceNamed(nodes, 'operations');
  const declared = new Set<string>();
  const members = operations.members.map((member) => {
    const body = inline.get(memberName(member) ?? '');
    if (!body || !ts.isPropertySignature(member) || !member.type) return member;
    const where = `operations.${memberName(member)}`;
    const operation = withProperty(literal(member.type, where), 'requestBody', (requestBody) =>
      withProperty(literal(requestBody, `${where}.requestBody`), 'content', (content) =>
        withProperty(literal(content, `${where}.requestBody.content`), JSON_MEDIA, (shape) => {
          if (!declared.has(body.name)) declarations.push(alias(body.name, shape, docComment(body.description)));
          declared.add(body.name);
          return reference(body.name);
        }),
      ),
    );
    return ts.factory.updatePropertySignature(member, member.modifiers, member.name, member.questionToken, operation);
  });
  return replaceInterface(nodes, operations, members);
}

/** The generated types with every schema and operation body named. */
export function nameTypes(nodes: ts.Node[], document: OpenApiDocument, rules: NamingRules): NamedTypes {
  const declarations: ts.Node[] = [];
  const names: string[] = [];
  let named = nameSchemas(nodes, rules, declarations, names);
  named = nameBodies(named, document, rules, declarations, names);
  return { nodes: [...named, ...declarations], names };
}

/** The text of generated/names.ts: the public names, exported from generated/kibana.ts. */
export function namesModule(names: string[], header: string): string {
  return [
    header,
    '// The named types of generated/kibana.ts that the SDK exports: every schema (the APM ones without',
    '// their `Apm` prefix) and `<OperationId>Body` for the JSON body of each operation.',
    'export type {',
    ...[...names].sort().map((name) => `  ${name},`),
    "} from './kibana.js';",
    '',
  ].join('\n');
}
