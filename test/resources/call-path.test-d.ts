// The typed call path: what a resource method passes for an operation is checked against that
// operation, and every operation of the table has a resource method.
import { describe, expectTypeOf, it } from 'vitest';
import type { Caller } from '../../src/call.js';
import type { Case, KibanaClient, KibanaPromise, KibanaResponse, RuleType } from '../../src/index.node.js';
import type { OperationId, OperationResult } from '../../src/types.js';

declare const caller: Caller;

describe('Caller.call', () => {
  it('takes the path parameters, query and body of the named operation', () => {
    expectTypeOf(caller.call('getCase', { path: { caseId: 'c' } })).resolves.toEqualTypeOf<
      OperationResult<'getCase'>
    >();
    // @ts-expect-error the path parameter is caseId, not caseID
    caller.call('getCase', { path: { caseID: 'c' } });
    // @ts-expect-error getCase needs its path parameter
    caller.call('getCase', {});
    caller.call('createCase', {
      body: {
        // @ts-expect-error the body of createCase needs a title of type string
        title: 42,
        description: 'd',
        owner: 'cases',
        tags: [],
        settings: { syncAlerts: false },
        connector: { id: 'none', name: 'none', type: '.none', fields: null },
      },
    });
    // @ts-expect-error a misspelt path parameter is refused inside a thunk too
    caller.call('deleteRule', () => ({ path: { ruleId: 'r' } }));
    // @ts-expect-error deleteCases requires its ids query
    caller.call('deleteCases', { query: {} });
    // @ts-expect-error multipart operations take FormData
    caller.call('addCaseFile', { path: { caseId: 'c' }, body: { file: 'x', filename: 'x' } });
  });
});

/**
 * The resource method that wraps each operation, answering a `KibanaPromise`; a new operation without
 * one does not compile.
 */
type Coverage = { [Id in OperationId]: (kibana: KibanaClient) => (...args: never[]) => KibanaPromise<unknown> };

const coverage: Coverage = {
  createConnectorWithGeneratedId: (k) => k.connectors.create,
  createConnector: (k) => k.connectors.create,
  getConnector: (k) => k.connectors.get,
  updateConnector: (k) => k.connectors.update,
  deleteConnector: (k) => k.connectors.delete,
  runConnector: (k) => k.connectors.run,
  getConnectorTypes: (k) => k.connectors.types,
  getConnectors: (k) => k.connectors.list,
  getAlertingHealth: (k) => k.rules.health,
  createRuleWithGeneratedId: (k) => k.rules.create,
  createRule: (k) => k.rules.create,
  getRule: (k) => k.rules.get,
  updateRule: (k) => k.rules.update,
  deleteRule: (k) => k.rules.delete,
  enableRule: (k) => k.rules.enable,
  disableRule: (k) => k.rules.disable,
  muteAllAlerts: (k) => k.rules.muteAll,
  unmuteAllAlerts: (k) => k.rules.unmuteAll,
  muteAlert: (k) => k.rules.muteAlert,
  unmuteAlert: (k) => k.rules.unmuteAlert,
  updateRuleApiKey: (k) => k.rules.updateApiKey,
  getRuleTypes: (k) => k.rules.types,
  findRules: (k) => k.rules.find,
  createAgentKey: (k) => k.apm.agentKeys.create,
  saveApmServerSchema: (k) => k.apm.serverSchema.save,
  createAnnotation: (k) => k.apm.annotations.create,
  searchAnnotations: (k) => k.apm.annotations.search,
  getAgentConfigurations: (k) => k.apm.agentConfiguration.list,
  saveAgentConfiguration: (k) => k.apm.agentConfiguration.save,
  deleteAgentConfiguration: (k) => k.apm.agentConfiguration.delete,
  getAgentNameForService: (k) => k.apm.agentConfiguration.agentName,
  getEnvironmentsForService: (k) => k.apm.agentConfiguration.environments,
  searchAgentConfiguration: (k) => k.apm.agentConfiguration.search,
  getAgentConfiguration: (k) => k.apm.agentConfiguration.get,
  getSourceMaps: (k) => k.apm.sourcemaps.list,
  uploadSourceMap: (k) => k.apm.sourcemaps.upload,
  deleteSourceMap: (k) => k.apm.sourcemaps.delete,
  createCase: (k) => k.cases.create,
  updateCases: (k) => k.cases.update,
  deleteCases: (k) => k.cases.delete,
  findCases: (k) => k.cases.find,
  getCase: (k) => k.cases.get,
  getCaseAlerts: (k) => k.cases.getAlerts,
  getCasesByAlert: (k) => k.cases.getCasesByAlert,
  addCaseComment: (k) => k.cases.addComment,
  updateCaseComment: (k) => k.cases.updateComment,
  deleteCaseComments: (k) => k.cases.deleteComments,
  findCaseComments: (k) => k.cases.findComments,
  getCaseComment: (k) => k.cases.getComment,
  deleteCaseComment: (k) => k.cases.deleteComment,
  pushCase: (k) => k.cases.push,
  addCaseFile: (k) => k.cases.attachFile,
  findCaseUserActions: (k) => k.cases.findUserActions,
  getCaseConfiguration: (k) => k.cases.getConfiguration,
  setCaseConfiguration: (k) => k.cases.createConfiguration,
  updateCaseConfiguration: (k) => k.cases.updateConfiguration,
  findCaseConnectors: (k) => k.cases.findConnectors,
  getCaseReporters: (k) => k.cases.getReporters,
  getCaseTags: (k) => k.cases.getTags,
  snoozeRule: (k) => k.rules.snooze,
  unsnoozeRule: (k) => k.rules.unsnooze,
  createMaintenanceWindow: (k) => k.rules.maintenanceWindows.create,
  findMaintenanceWindows: (k) => k.rules.maintenanceWindows.find,
  getMaintenanceWindow: (k) => k.rules.maintenanceWindows.get,
  updateMaintenanceWindow: (k) => k.rules.maintenanceWindows.update,
  deleteMaintenanceWindow: (k) => k.rules.maintenanceWindows.delete,
  archiveMaintenanceWindow: (k) => k.rules.maintenanceWindows.archive,
  unarchiveMaintenanceWindow: (k) => k.rules.maintenanceWindows.unarchive,
};

declare const kibana: KibanaClient;

describe('withResponse()', () => {
  it("types data as the method's result, and a plain await is unchanged", () => {
    expectTypeOf(kibana.cases.get('c')).resolves.toEqualTypeOf<Case>();
    expectTypeOf(kibana.cases.get('c').withResponse()).resolves.toEqualTypeOf<KibanaResponse<Case>>();
    expectTypeOf(kibana.rules.types().withResponse()).resolves.toHaveProperty('data').toEqualTypeOf<RuleType[]>();
    expectTypeOf(kibana.cases.close('c').withResponse()).resolves.toHaveProperty('data').toEqualTypeOf<Case>();
    expectTypeOf(kibana.rules.delete('r').withResponse()).resolves.toHaveProperty('data').toEqualTypeOf<void>();
    expectTypeOf(
      kibana.request('get', '/api/cases/{caseId}', { params: { path: { caseId: 'c' } } }),
    ).resolves.toEqualTypeOf<Case>();
    expectTypeOf(kibana.request('get', '/api/cases/{caseId}', { params: { path: { caseId: 'c' } } }).withResponse())
      .resolves.toHaveProperty('status')
      .toEqualTypeOf<number>();
  });
});

describe('withOptions()', () => {
  it('returns a KibanaClient and takes only its four options', () => {
    expectTypeOf(kibana.withOptions({ requestTimeout: 1 })).toEqualTypeOf<KibanaClient>();
    expectTypeOf(
      kibana
        .space('ops')
        .withOptions({ headers: { 'x-job': '1' } })
        .cases.get('c'),
    ).resolves.toEqualTypeOf<Case>();
    // @ts-expect-error auth is the client's, not a withOptions option
    kibana.withOptions({ auth: { apiKey: 'k' } });
    // @ts-expect-error requestTimeout is a number
    kibana.withOptions({ requestTimeout: '5s' });
  });
});

describe('coverage', () => {
  it('has a resource method for every operation', () => {
    expectTypeOf(coverage).toEqualTypeOf<Coverage>();
  });
});
