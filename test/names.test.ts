// What a user's editor shows: a consumer file is compiled with the TypeScript compiler, and the types
// of its results (what a hover shows) and the messages of its mistakes are read back.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const consumerFile = path.join(root, 'test', 'names.consumer.ts');

/** The names generated/names.ts exports, one a line. */
const generatedNames = [...readFileSync(path.join(root, 'generated/names.ts'), 'utf8').matchAll(/^ {2}(\w+),$/gm)].map(
  (match) => match[1]!,
);

// Each mistake is on a line of its own, whose comment names the type the message must name.
const consumer = `
import type { KibanaClient } from '../src/index.js';
import type { ${generatedNames.join(', ')} } from '../src/index.js';

declare const kibana: KibanaClient;
const connector = { id: 'none', name: 'none', type: '.none', fields: null } as const;

export async function hovers(id: string) {
  const aCase = await kibana.cases.get(id);
  const pageCase = (await kibana.cases.find()).cases[0]!;
  const comment = await kibana.cases.getComment(id, id);
  const configurations = await kibana.cases.getConfiguration();
  const rule = await kibana.rules.get(id);
  const ruleTypes = await kibana.rules.types();
  const maintenanceWindow = await kibana.rules.maintenanceWindows.get(id);
  const aConnector = await kibana.connectors.get(id);
  const connectorTypes = await kibana.connectors.types();
  const agentConfiguration = (await kibana.apm.agentConfiguration.list()).configurations[0]!;
  const sourceMap = (await kibana.apm.sourcemaps.list()).artifacts[0]!;
  for await (const userAction of kibana.cases.iterateUserActions(id)) void userAction;
  return [aCase, pageCase, comment, configurations, rule, ruleTypes, maintenanceWindow];
}

export function mistakes(id: string) {
  void kibana.cases.create({
    titel: 'Disk full', // CreateCaseBody
    description: 'The data volume is full.',
    owner: 'cases',
    tags: [],
    settings: { syncAlerts: false },
    connector,
  });
  void kibana.cases.update([{ id, version: 'v1', sevrity: 'high' }]); // CaseUpdateRequest
  void kibana.cases.addComment(id, { type: 'user', owner: 'cases', coment: 'Done.' }); // CaseCommentRequestUser
  void kibana.cases.createConfiguration({
    ownr: 'cases', // CaseConfigurationRequest
    closure_type: 'close-by-user',
    connector,
  });
  void kibana.rules.maintenanceWindows.create({
    titl: 'Upgrade', // CreateMaintenanceWindowBody
    schedule: { custom: { duration: '1h', start: '2025-12-01T00:00:00Z' } },
  });
  void kibana.connectors.create({ name: 'hook', connector_type_id: '.webhook', confg: {} }); // CreateWebhookConnector
}
`;

let program: ts.Program;
let checker: ts.TypeChecker;
let source: ts.SourceFile;

beforeAll(() => {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.json'), undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  })!;
  const host = ts.createCompilerHost(config.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, language, ...rest) =>
    path.resolve(fileName) === consumerFile
      ? ts.createSourceFile(fileName, consumer, language)
      : getSourceFile(fileName, language, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => path.resolve(fileName) === consumerFile || fileExists(fileName);
  program = ts.createProgram([consumerFile], { ...config.options, noEmit: true }, host);
  checker = program.getTypeChecker();
  source = program.getSourceFile(consumerFile)!;
}, 120_000);

function hoverOf(name: string): string {
  let found: ts.Node | undefined;
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && node.name.getText(source) === name) found = node.name;
    else ts.forEachChild(node, visit);
  };
  visit(source);
  if (!found) throw new Error(`no variable ${name} in the consumer`);
  return checker.typeToString(checker.getTypeAtLocation(found));
}

describe('named types', () => {
  it('results show their names, not their shapes', () => {
    expect(hoverOf('aCase')).toBe('Case');
    expect(hoverOf('pageCase')).toBe('Case');
    expect(hoverOf('comment')).toBe('CaseComment');
    expect(hoverOf('configurations')).toBe('CaseConfiguration[]');
    expect(hoverOf('userAction')).toBe('CaseUserAction');
    expect(hoverOf('rule')).toBe('Rule');
    expect(hoverOf('ruleTypes')).toBe('RuleType[]');
    expect(hoverOf('maintenanceWindow')).toBe('MaintenanceWindow');
    expect(hoverOf('aConnector')).toBe('Connector');
    expect(hoverOf('connectorTypes')).toBe('ConnectorType[]');
    expect(hoverOf('agentConfiguration')).toBe('AgentConfiguration');
    expect(hoverOf('sourceMap')).toBe('SourceMap');
  });

  it('a misspelt field of a body gets a short message that names the body type', () => {
    const messages = ts.getPreEmitDiagnostics(program, source).map((diagnostic) => {
      const line = source.getLineAndCharacterOfPosition(diagnostic.start!).line;
      const expected = /\/\/ (\w+)$/.exec(source.text.split('\n')[line]!)?.[1];
      return { expected, text: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n') };
    });
    expect(messages.map((message) => message.expected)).toEqual([
      'CreateCaseBody',
      'CaseUpdateRequest',
      'CaseCommentRequestUser',
      'CaseConfigurationRequest',
      'CreateMaintenanceWindowBody',
      'CreateWebhookConnector',
    ]);
    for (const { expected, text } of messages) {
      expect(text).toContain(`does not exist in type '${expected}'`);
      expect(text.length).toBeLessThanOrEqual(200);
    }
    expect(messages[0]!.text).toBe(
      "Object literal may only specify known properties, but 'titel' does not exist in type 'CreateCaseBody'. " +
        "Did you mean to write 'title'?",
    );
  });

  it('every generated name is exported from the package as the generated type', () => {
    const imported = source.statements.filter(ts.isImportDeclaration)[1]!;
    const specifiers = (imported.importClause!.namedBindings as ts.NamedImports).elements;
    expect(specifiers.map((specifier) => specifier.name.text)).toEqual(generatedNames);
    for (const specifier of specifiers) {
      const symbol = checker.getAliasedSymbol(checker.getSymbolAtLocation(specifier.name)!);
      const declaredIn = symbol.declarations?.[0]?.getSourceFile().fileName;
      expect(declaredIn && path.relative(root, declaredIn), specifier.name.text).toBe('generated/kibana.ts');
    }
    expect(generatedNames).toEqual(expect.arrayContaining(['Case', 'SourceMap', 'AgentConfiguration']));
  });
});
