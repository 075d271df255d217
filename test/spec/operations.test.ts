// The operations the SDK covers, checked against the bundled spec: each one exists under the documented
// method, path and operationId and declares the parameters the Kibana documentation gives it.
import { describe, expect, it } from 'vitest';
import { operationTable } from '../../generated/operations.js';
import {
  isReference,
  operations,
  resolve,
  validateResponse,
  type Method,
  type OperationEntry,
  type Parameter,
} from './helpers.js';

interface ExpectedParameter {
  name: string;
  in: Parameter['in'];
  required: boolean;
}

interface ExpectedOperation {
  method: Method;
  path: string;
  operationId: string;
  /** Path and query parameters. The client-owned headers are checked for every operation further down. */
  parameters: ExpectedParameter[];
}

const inPath = (name: string): ExpectedParameter => ({ name, in: 'path', required: true });
const inQuery = (name: string, required = false): ExpectedParameter => ({ name, in: 'query', required });

function op(method: Method, path: string, operationId: string, ...parameters: ExpectedParameter[]): ExpectedOperation {
  return { method, path, operationId, parameters };
}

/**
 * The 33 operations of /work/shared/kibana-docs (api-reference.txt, create-case.txt,
 * set-case-configuration.txt). The rendered pages lost some parameter names while keeping their
 * descriptions; those names come from the same section's curl line or path, or from Kibana's published
 * spec for the parameter the description belongs to: findRules default_search_operator, sort_field and
 * sort_order; getAgentNameForService and getEnvironmentsForService serviceName; createAnnotation and
 * searchAnnotations serviceName, searchAnnotations environment; getSourceMaps page and perPage; findCases
 * defaultSearchOperator, sortField and sortOrder; findCaseUserActions sortOrder; updateCaseConfiguration
 * configurationId. The pages list no `search` parameter for findRules or findCases, so none is expected.
 */
const documented: ExpectedOperation[] = [
  op('get', '/api/alerting/_health', 'getAlertingHealth'),
  op('delete', '/api/alerting/rule/{id}', 'deleteRule', inPath('id')),
  op('post', '/api/alerting/rule/{id}/_enable', 'enableRule', inPath('id')),
  op('post', '/api/alerting/rule/{id}/_mute_all', 'muteAllAlerts', inPath('id')),
  op('post', '/api/alerting/rule/{id}/_unmute_all', 'unmuteAllAlerts', inPath('id')),
  op('post', '/api/alerting/rule/{rule_id}/alert/{alert_id}/_mute', 'muteAlert', inPath('rule_id'), inPath('alert_id')),
  op(
    'post',
    '/api/alerting/rule/{rule_id}/alert/{alert_id}/_unmute',
    'unmuteAlert',
    inPath('rule_id'),
    inPath('alert_id'),
  ),
  op(
    'get',
    '/api/alerting/rules/_find',
    'findRules',
    inQuery('per_page'),
    inQuery('page'),
    inQuery('default_search_operator'),
    inQuery('search_fields'),
    inQuery('sort_field'),
    inQuery('sort_order'),
    inQuery('has_reference'),
    inQuery('fields'),
    inQuery('filter'),
    inQuery('filter_consumers'),
  ),

  op('put', '/api/apm/settings/agent-configuration', 'saveAgentConfiguration', inQuery('overwrite')),
  op('get', '/api/apm/settings/agent-configuration/agent_name', 'getAgentNameForService', inQuery('serviceName', true)),
  op('get', '/api/apm/settings/agent-configuration/environments', 'getEnvironmentsForService', inQuery('serviceName')),
  op('post', '/api/apm/settings/agent-configuration/search', 'searchAgentConfiguration'),
  op('post', '/api/apm/agent_keys', 'createAgentKey'),
  op('post', '/api/apm/services/{serviceName}/annotation', 'createAnnotation', inPath('serviceName')),
  op(
    'get',
    '/api/apm/services/{serviceName}/annotation/search',
    'searchAnnotations',
    inPath('serviceName'),
    inQuery('environment'),
    inQuery('start'),
    inQuery('end'),
  ),
  op('post', '/api/apm/fleet/apm_server_schema', 'saveApmServerSchema'),
  op('get', '/api/apm/sourcemaps', 'getSourceMaps', inQuery('page'), inQuery('perPage')),
  op('post', '/api/apm/sourcemaps', 'uploadSourceMap'),
  op('delete', '/api/apm/sourcemaps/{id}', 'deleteSourceMap', inPath('id')),

  op('post', '/api/cases', 'createCase'),
  op(
    'get',
    '/api/cases/_find',
    'findCases',
    inQuery('assignees'),
    inQuery('category'),
    inQuery('defaultSearchOperator'),
    inQuery('from'),
    inQuery('owner'),
    inQuery('page'),
    inQuery('perPage'),
    inQuery('reporters'),
    inQuery('searchFields'),
    inQuery('severity'),
    inQuery('sortField'),
    inQuery('sortOrder'),
    inQuery('status'),
    inQuery('tags'),
    inQuery('to'),
  ),
  op('get', '/api/cases/{caseId}', 'getCase', inPath('caseId')),
  op('get', '/api/cases/{caseId}/alerts', 'getCaseAlerts', inPath('caseId')),
  op('delete', '/api/cases/{caseId}/comments', 'deleteCaseComments', inPath('caseId')),
  op('delete', '/api/cases/{caseId}/comments/{commentId}', 'deleteCaseComment', inPath('caseId'), inPath('commentId')),
  op('post', '/api/cases/{caseId}/connector/{connectorId}/_push', 'pushCase', inPath('caseId'), inPath('connectorId')),
  op('post', '/api/cases/{caseId}/files', 'addCaseFile', inPath('caseId')),
  op(
    'get',
    '/api/cases/{caseId}/user_actions/_find',
    'findCaseUserActions',
    inPath('caseId'),
    inQuery('page'),
    inQuery('perPage'),
    inQuery('sortOrder'),
    inQuery('types'),
  ),
  op('get', '/api/cases/alerts/{alertId}', 'getCasesByAlert', inPath('alertId'), inQuery('owner')),
  op('post', '/api/cases/configure', 'setCaseConfiguration'),
  op('patch', '/api/cases/configure/{configurationId}', 'updateCaseConfiguration', inPath('configurationId')),

  op('get', '/api/actions/connector/{id}', 'getConnector', inPath('id')),
  op('put', '/api/actions/connector/{id}', 'updateConnector', inPath('id')),
];

/** The 24 operations that /work/shared/kibana-docs/more-operations.md lists as facts, with its parameters. */
const further: ExpectedOperation[] = [
  op('patch', '/api/cases', 'updateCases'),
  op('delete', '/api/cases', 'deleteCases', inQuery('ids', true)),
  op('get', '/api/cases/configure', 'getCaseConfiguration', inQuery('owner')),
  op('get', '/api/cases/configure/connectors/_find', 'findCaseConnectors'),
  op('get', '/api/cases/reporters', 'getCaseReporters', inQuery('owner')),
  op('get', '/api/cases/tags', 'getCaseTags', inQuery('owner')),
  op('post', '/api/cases/{caseId}/comments', 'addCaseComment', inPath('caseId')),
  op('patch', '/api/cases/{caseId}/comments', 'updateCaseComment', inPath('caseId')),
  op(
    'get',
    '/api/cases/{caseId}/comments/_find',
    'findCaseComments',
    inPath('caseId'),
    inQuery('page'),
    inQuery('perPage'),
    inQuery('sortOrder'),
  ),
  op('get', '/api/cases/{caseId}/comments/{commentId}', 'getCaseComment', inPath('caseId'), inPath('commentId')),

  op('get', '/api/alerting/rule/{id}', 'getRule', inPath('id')),
  op('post', '/api/alerting/rule/{id}', 'createRule', inPath('id')),
  op('put', '/api/alerting/rule/{id}', 'updateRule', inPath('id')),
  op('post', '/api/alerting/rule/{id}/_disable', 'disableRule', inPath('id')),
  op('post', '/api/alerting/rule/{id}/_update_api_key', 'updateRuleApiKey', inPath('id')),
  op('get', '/api/alerting/rule_types', 'getRuleTypes'),

  op('post', '/api/actions/connector/{id}', 'createConnector', inPath('id')),
  op('delete', '/api/actions/connector/{id}', 'deleteConnector', inPath('id')),
  op('post', '/api/actions/connector/{id}/_execute', 'runConnector', inPath('id')),
  op('get', '/api/actions/connector_types', 'getConnectorTypes', inQuery('feature_id')),
  op('get', '/api/actions/connectors', 'getConnectors'),

  op('get', '/api/apm/settings/agent-configuration', 'getAgentConfigurations'),
  op('delete', '/api/apm/settings/agent-configuration', 'deleteAgentConfiguration'),
  op(
    'get',
    '/api/apm/settings/agent-configuration/view',
    'getAgentConfiguration',
    inQuery('name'),
    inQuery('environment'),
  ),
];

/** Kibana also creates rules and connectors without an id in the path and generates one (more-operations.md). */
const generatedIdVariants: ExpectedOperation[] = [
  op('post', '/api/alerting/rule', 'createRuleWithGeneratedId'),
  op('post', '/api/actions/connector', 'createConnectorWithGeneratedId'),
];

/** The 9 operations that /work/shared/kibana-docs/current-kibana.md adds (Kibana 8.19 and 9.x). */
const current: ExpectedOperation[] = [
  op('post', '/api/alerting/rule/{id}/snooze_schedule', 'snoozeRule', inPath('id')),
  op(
    'delete',
    '/api/alerting/rule/{ruleId}/snooze_schedule/{scheduleId}',
    'unsnoozeRule',
    inPath('ruleId'),
    inPath('scheduleId'),
  ),
  op('post', '/api/maintenance_window', 'createMaintenanceWindow'),
  op(
    'get',
    '/api/maintenance_window/_find',
    'findMaintenanceWindows',
    inQuery('title'),
    inQuery('created_by'),
    inQuery('status'),
    inQuery('page'),
    inQuery('per_page'),
  ),
  op('get', '/api/maintenance_window/{id}', 'getMaintenanceWindow', inPath('id')),
  op('patch', '/api/maintenance_window/{id}', 'updateMaintenanceWindow', inPath('id')),
  op('delete', '/api/maintenance_window/{id}', 'deleteMaintenanceWindow', inPath('id')),
  op('post', '/api/maintenance_window/{id}/_archive', 'archiveMaintenanceWindow', inPath('id')),
  op('post', '/api/maintenance_window/{id}/_unarchive', 'unarchiveMaintenanceWindow', inPath('id')),
];

const label = ({ method, path }: { method: string; path: string }) => `${method.toUpperCase()} ${path}`;

function checkOperationTable(title: string, table: ExpectedOperation[]) {
  describe(title, () => {
    for (const { method, path, operationId, parameters } of table) {
      it(`${operationId} is ${label({ method, path })}`, () => {
        const found = operations().find((entry) => entry.operationId === operationId);
        expect(found && label(found), `the operation with operationId ${operationId}`).toBe(label({ method, path }));
      });

      it(`${operationId} declares its path and query parameters`, () => {
        const entry = operations().find((candidate) => candidate.method === method && candidate.path === path);
        expect(entry, `${label({ method, path })} is in the spec`).toBeDefined();
        // The spec may declare more than the pages show (the rendering drops whole bullets too), but every
        // documented parameter must be there with the same location and requiredness.
        const declared = parameters.map(({ name, in: location }) => {
          const found = entry?.parameters.find((parameter) => parameter.name === name && parameter.in === location);
          return found
            ? { name, in: location, required: found.required ?? false }
            : `${location} parameter ${name} is not declared`;
        });
        expect(declared).toEqual(parameters);
      });
    }
  });
}

checkOperationTable(`documented operations (${documented.length})`, documented);
checkOperationTable(`further operations (${further.length})`, further);
checkOperationTable('create variants with a generated id', generatedIdVariants);
checkOperationTable(`operations of the current Kibana (${current.length})`, current);

describe('the operations of the current Kibana', () => {
  it('make up the spec with the documented ones', () => {
    const expected = [...documented, ...further, ...generatedIdVariants, ...current].map(label).sort();
    expect(operations().map(label).sort()).toEqual(expected);
  });

  it('declare the responses current-kibana.md lists', () => {
    const statuses = (operationId: string) =>
      Object.keys(operations().find((entry) => entry.operationId === operationId)?.operation.responses ?? {}).sort();
    expect(statuses('snoozeRule')).toEqual(['200', '400', '401', '403', '404']);
    expect(statuses('unsnoozeRule')).toEqual(['204', '400', '401', '403', '404']);
    expect(statuses('createMaintenanceWindow')).toEqual(['200', '400', '401', '403']);
    expect(statuses('findMaintenanceWindows')).toEqual(['200', '400', '401', '403']);
    for (const id of ['getMaintenanceWindow', 'archiveMaintenanceWindow', 'unarchiveMaintenanceWindow'])
      expect(statuses(id)).toEqual(['200', '400', '401', '403', '404']);
    expect(statuses('updateMaintenanceWindow')).toEqual(['200', '400', '401', '403', '404', '409']);
    expect(statuses('deleteMaintenanceWindow')).toEqual(['204', '400', '401', '403', '404']);
  });

  it('answer a snooze with {schedule} itself, not wrapped in a body key as Kibana’s published spec has it', () => {
    const ok = operations().find((entry) => entry.operationId === 'snoozeRule')?.operation.responses?.['200'];
    const schema = ok && resolve(ok).content?.['application/json']?.schema;
    expect(schema && resolve(schema as never)).toMatchObject({
      required: ['schedule'],
      properties: { schedule: { required: ['id'] } },
    });
    expect(validateResponse('snoozeRule', 200, { body: { schedule: { id: 's1' } } })).not.toEqual([]);
    expect(validateResponse('snoozeRule', 200, { schedule: { id: 's1' } })).toEqual([]);
  });

  it('take the query parameter _mute gained in Kibana 9', () => {
    const mute = operations().find((entry) => entry.operationId === 'muteAlert');
    expect(mute?.parameters.find((parameter) => parameter.name === 'validate_alerts_existence')).toMatchObject({
      in: 'query',
      required: false,
      schema: { type: 'boolean' },
    });
  });
});

describe('every operation in the spec', () => {
  const all = operations();
  const headerNames = (entry: OperationEntry) =>
    entry.parameters.filter((parameter) => parameter.in === 'header').map((parameter) => parameter.name.toLowerCase());

  it('has a unique operationId', () => {
    const ids = all.map((entry) => entry.operationId);
    expect(ids.filter((id) => id === undefined).length, 'operations without an operationId').toBe(0);
    expect(
      ids.filter((id, index) => ids.indexOf(id) !== index),
      'operationIds used twice',
    ).toEqual([]);
  });

  it('declares kbn-xsrf through #/components/parameters/KbnXsrf unless it is a GET', () => {
    const missing = all
      .filter((entry) => entry.method !== 'get')
      .filter(
        (entry) =>
          !entry.declaredParameters.some((p) => isReference(p) && p.$ref === '#/components/parameters/KbnXsrf'),
      )
      .map(label);
    expect(missing).toEqual([]);
  });

  it('declares elastic-api-version exactly when it is an APM operation', () => {
    const wrong = all
      .filter((entry) => headerNames(entry).includes('elastic-api-version') !== entry.path.startsWith('/api/apm/'))
      .map(
        (entry) =>
          `${label(entry)} ${entry.path.startsWith('/api/apm/') ? 'lacks' : 'must not declare'} elastic-api-version`,
      );
    expect(wrong).toEqual([]);
  });

  it('answers 200 or 204 on success', () => {
    const without = all
      .filter((entry) => !('200' in (entry.operation.responses ?? {})) && !('204' in (entry.operation.responses ?? {})))
      .map(label);
    expect(without).toEqual([]);
  });
});

describe('generated/operations.ts', () => {
  it('maps exactly the APM operations to elastic-api-version 2023-10-31', () => {
    const apm = [...documented, ...further].filter(({ path }) => path.startsWith('/api/apm/'));
    const versions = Object.fromEntries(
      Object.values(operationTable).flatMap((facts) =>
        'apiVersion' in facts ? [[`${facts.method.toUpperCase()} ${facts.path}`, facts.apiVersion]] : [],
      ),
    );
    expect(versions).toEqual(Object.fromEntries(apm.map((entry) => [label(entry), '2023-10-31'])));
  });

  it('holds each operation once, under its operationId, with its method, path and path parameters', () => {
    const fromSpec = Object.fromEntries(
      operations().map((entry) => [
        entry.operationId,
        {
          method: entry.method,
          path: entry.path,
          pathParams: [...entry.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]),
        },
      ]),
    );
    const fromTable = Object.fromEntries(
      Object.entries(operationTable).map(([id, facts]) => [
        id,
        { method: facts.method, path: facts.path, pathParams: 'pathParams' in facts ? [...facts.pathParams] : [] },
      ]),
    );
    expect(fromTable).toEqual(fromSpec);
  });

  it('marks GET, PUT and DELETE idempotent, 204 answers empty, and the JSON-array ids of deleteCases', () => {
    for (const facts of Object.values(operationTable)) {
      expect('idempotent' in facts, `${facts.method} ${facts.path}`).toBe(
        ['get', 'put', 'delete'].includes(facts.method),
      );
    }
    expect(operationTable.deleteCases).toMatchObject({ emptyResponse: true, jsonQuery: ['ids'] });
    expect(operationTable.getCase).not.toHaveProperty('emptyResponse');
    expect(operationTable.createCase.requiredBody).toEqual([
      'connector',
      'description',
      'owner',
      'settings',
      'tags',
      'title',
    ]);
  });
});
