// The typed call path: what a resource method passes for an operation is checked against that
// operation, and every operation of the table has a resource method.
import { describe, expectTypeOf, it } from 'vitest';
import type { Caller } from '../../src/call.js';
import type { KibanaClient } from '../../src/index.node.js';
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

/** The resource method that wraps each operation; a new operation without one does not compile. */
type Coverage = { [Id in OperationId]: (kibana: KibanaClient) => (...args: never[]) => PromiseLike<unknown> };

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

describe('coverage', () => {
  it('has a resource method for every operation', () => {
    expectTypeOf(coverage).toEqualTypeOf<Coverage>();
  });
});
