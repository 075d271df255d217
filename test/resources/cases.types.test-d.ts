// Type-level tests of kibana.cases. Vitest type-checks this file (nothing here runs): an assertion
// fails by not compiling, or by a `@ts-expect-error` that finds no error.
import { describe, expectTypeOf, it } from 'vitest';
import type {
  CaseComment,
  CaseFileUpload,
  CaseUserAction,
  KibanaClient,
  OperationBody,
  Schemas,
} from '../../src/index.node.js';

declare const kibana: KibanaClient;

type CreateBody = OperationBody<'createCase'>;

const noConnector = { id: 'none', name: 'none', type: '.none', fields: null } as const;
const minimalCase: CreateBody = {
  title: 'Disk full on db-1',
  description: 'The data volume of db-1 is full.',
  owner: 'cases',
  tags: [],
  connector: noConnector,
  settings: { syncAlerts: false },
};

describe('cases.create', () => {
  it('requires title, description, owner, tags, connector and settings', () => {
    const { title, ...noTitle } = minimalCase;
    const { description, ...noDescription } = minimalCase;
    const { owner, ...noOwner } = minimalCase;
    const { tags, ...noTags } = minimalCase;
    const { connector, ...noConnectorField } = minimalCase;
    const { settings, ...noSettings } = minimalCase;
    // @ts-expect-error title is required
    void kibana.cases.create(noTitle);
    // @ts-expect-error description is required
    void kibana.cases.create(noDescription);
    // @ts-expect-error owner is required
    void kibana.cases.create(noOwner);
    // @ts-expect-error tags are required (an empty list is fine)
    void kibana.cases.create(noTags);
    // @ts-expect-error connector is required (`.none` for no connector)
    void kibana.cases.create(noConnectorField);
    // @ts-expect-error settings are required
    void kibana.cases.create(noSettings);
    // @ts-expect-error settings need syncAlerts
    void kibana.cases.create({ ...minimalCase, settings: {} });
    expectTypeOf(title).toBeString();
    expectTypeOf(description).toBeString();
    expectTypeOf(tags).toEqualTypeOf<string[]>();
    expectTypeOf(owner).toEqualTypeOf<'cases' | 'observability' | 'securitySolution'>();
    expectTypeOf(connector).toEqualTypeOf<Schemas['CaseConnector']>();
    expectTypeOf(settings).toEqualTypeOf<Schemas['CaseSettings']>();
  });

  it('leaves severity, assignees, category and custom fields optional, and enforces their types', () => {
    expectTypeOf(kibana.cases.create(minimalCase)).resolves.toEqualTypeOf<Schemas['Case']>();
    void kibana.cases.create({
      ...minimalCase,
      severity: 'critical',
      assignees: [{ uid: 'u_1' }],
      category: null,
      customFields: [{ key: 'k', type: 'toggle', value: true }],
    });
    // @ts-expect-error severity is low, medium, high or critical
    void kibana.cases.create({ ...minimalCase, severity: 'urgent' });
    // @ts-expect-error owner is cases, observability or securitySolution
    void kibana.cases.create({ ...minimalCase, owner: 'siem' });
    // @ts-expect-error a toggle custom field holds a boolean
    void kibana.cases.create({ ...minimalCase, customFields: [{ key: 'k', type: 'toggle', value: 'yes' }] });
    // @ts-expect-error status is not set at creation
    void kibana.cases.create({ ...minimalCase, status: 'open' });
    expectTypeOf<Schemas['CaseSeverity']>().toEqualTypeOf<'low' | 'medium' | 'high' | 'critical'>();
  });

  it('lets the connector type decide its fields', () => {
    void kibana.cases.create({
      ...minimalCase,
      connector: {
        id: 'j1',
        name: 'Jira',
        type: '.jira',
        fields: { issueType: '10006', priority: 'High', parent: null },
      },
    });
    void kibana.cases.create({
      ...minimalCase,
      connector: {
        id: 's1',
        name: 'SN',
        type: '.servicenow',
        fields: { category: null, impact: '2', severity: '2', subcategory: null, urgency: '1' },
      },
    });
    void kibana.cases.create({ ...minimalCase, connector: { id: 'j1', name: 'Jira', type: '.jira', fields: null } });
    void kibana.cases.create({
      ...minimalCase,
      connector: {
        id: 'j1',
        name: 'Jira',
        type: '.jira',
        // @ts-expect-error a Jira connector does not take ServiceNow fields
        fields: { category: null, impact: '2', severity: '2', subcategory: null, urgency: '1' },
      },
    });
    void kibana.cases.create({
      ...minimalCase,
      // @ts-expect-error the `.none` connector has no fields
      connector: { id: 'none', name: 'none', type: '.none', fields: { issueType: null, priority: null, parent: null } },
    });
    // @ts-expect-error not a connector type cases know
    void kibana.cases.create({ ...minimalCase, connector: { id: 'x', name: 'x', type: '.email', fields: null } });
    type Jira = Extract<Schemas['CaseConnector'], { type: '.jira' }>;
    expectTypeOf<NonNullable<Jira['fields']>['issueType']>().toEqualTypeOf<string | null>();
  });
});

describe('case results', () => {
  it('get() resolves to a case with its id, version, title and status', () => {
    type Case = Awaited<ReturnType<KibanaClient['cases']['get']>>;
    expectTypeOf<Case>().toEqualTypeOf<Schemas['Case']>();
    expectTypeOf<Case['id']>().toBeString();
    expectTypeOf<Case['version']>().toBeString();
    expectTypeOf<Case['title']>().toBeString();
    expectTypeOf<Case['status']>().toEqualTypeOf<'open' | 'in-progress' | 'closed'>();
    expectTypeOf<Case['comments']>().toEqualTypeOf<Schemas['CaseComment'][] | undefined>();
    expectTypeOf<Case['external_service']>().toEqualTypeOf<Schemas['CaseExternalService'] | null>();
    expectTypeOf<Case['closed_at']>().toEqualTypeOf<string | null>();
  });

  it('comments narrow by type', () => {
    type Comment = Schemas['CaseComment'];
    expectTypeOf<Extract<Comment, { type: 'user' }>['comment']>().toBeString();
    expectTypeOf<Extract<Comment, { type: 'alert' }>['alertId']>().toEqualTypeOf<string | string[]>();
    expectTypeOf(kibana.cases.getComment('c1', 'm1')).resolves.toEqualTypeOf<CaseComment>();
  });

  it('the find and list operations answer their documented shapes', () => {
    expectTypeOf(kibana.cases.find()).resolves.toEqualTypeOf<Schemas['CaseFindResponse']>();
    expectTypeOf<Schemas['CaseFindResponse']['total']>().toBeNumber();
    expectTypeOf(kibana.cases.findComments('c1')).resolves.toEqualTypeOf<Schemas['CaseCommentFindResponse']>();
    expectTypeOf(kibana.cases.findUserActions('c1')).resolves.toEqualTypeOf<Schemas['CaseUserActionFindResponse']>();
    expectTypeOf(kibana.cases.getAlerts('c1')).resolves.toEqualTypeOf<Schemas['CaseAlert'][]>();
    expectTypeOf(kibana.cases.getCasesByAlert('a1')).resolves.toEqualTypeOf<Schemas['CaseRelatedCase'][]>();
    expectTypeOf(kibana.cases.getConfiguration()).resolves.toEqualTypeOf<Schemas['CaseConfiguration'][]>();
    expectTypeOf(kibana.cases.findConnectors()).resolves.toEqualTypeOf<
      Schemas['CaseConfigurationAvailableConnector'][]
    >();
    expectTypeOf(kibana.cases.getReporters()).resolves.toEqualTypeOf<Schemas['CaseUser'][]>();
    expectTypeOf(kibana.cases.getTags()).resolves.toEqualTypeOf<string[]>();
  });

  it('the case changes answer the case', () => {
    expectTypeOf(kibana.cases.push('c1', 'k1')).resolves.toEqualTypeOf<Schemas['Case']>();
    expectTypeOf(kibana.cases.attachFile('c1', { file: 'x' })).resolves.toEqualTypeOf<Schemas['Case']>();
    expectTypeOf(kibana.cases.addComment('c1', { type: 'user', comment: 'hi', owner: 'cases' })).resolves.toEqualTypeOf<
      Schemas['Case']
    >();
    expectTypeOf(kibana.cases.update([{ id: 'c1', version: 'v1', title: 't' }])).resolves.toEqualTypeOf<
      Schemas['Case'][]
    >();
    expectTypeOf(kibana.cases.close('c1')).resolves.toEqualTypeOf<Schemas['Case']>();
    expectTypeOf(kibana.cases.reopen('c1', { version: 'v1' })).resolves.toEqualTypeOf<Schemas['Case']>();
  });

  it('the deletions resolve to void', () => {
    expectTypeOf(kibana.cases.delete(['c1'])).resolves.toBeVoid();
    expectTypeOf(kibana.cases.deleteComments('c1')).resolves.toBeVoid();
    expectTypeOf(kibana.cases.deleteComment('c1', 'm1')).resolves.toBeVoid();
  });
});

describe('cases.find and the iterate methods', () => {
  it('enforce the query enums and camelCase paging', () => {
    void kibana.cases.find({
      status: 'in-progress',
      severity: 'high',
      tags: ['db'],
      owner: ['cases'],
      sortField: 'updatedAt',
      sortOrder: 'asc',
      page: 2,
      perPage: 50,
    });
    // @ts-expect-error status is open, in-progress or closed
    void kibana.cases.find({ status: 'resolved' });
    // @ts-expect-error sortOrder is asc or desc
    void kibana.cases.find({ sortOrder: 'up' });
    // @ts-expect-error paging is camelCase (perPage), unlike rules
    void kibana.cases.find({ per_page: 10 });
    // @ts-expect-error user action types are a fixed list
    void kibana.cases.findUserActions('c1', { types: ['renamed'] });
  });

  it('yield the items of the pages', () => {
    expectTypeOf(kibana.cases.iterate({ status: 'open' })).toEqualTypeOf<
      AsyncGenerator<Schemas['Case'], void, undefined>
    >();
    expectTypeOf(kibana.cases.iterateUserActions('c1')).toEqualTypeOf<
      AsyncGenerator<CaseUserAction, void, undefined>
    >();
    expectTypeOf(kibana.cases.iterateComments('c1', { sortOrder: 'desc' })).toEqualTypeOf<
      AsyncGenerator<CaseComment, void, undefined>
    >();
    // @ts-expect-error the case id comes first
    void kibana.cases.iterateComments({ perPage: 10 });
  });
});

describe('updates', () => {
  it('each change needs the case id and version, and only takes case fields', () => {
    void kibana.cases.update([{ id: 'c1', version: 'v1', status: 'closed', tags: ['resolved'] }], {
      retryOnConflict: 2,
      space: 'ops',
    });
    // @ts-expect-error the version is required
    void kibana.cases.update([{ id: 'c1', status: 'closed' }]);
    // @ts-expect-error the id is required
    void kibana.cases.update([{ version: 'v1', status: 'closed' }]);
    // @ts-expect-error status is open, in-progress or closed
    void kibana.cases.update([{ id: 'c1', version: 'v1', status: 'done' }]);
    // @ts-expect-error a list of changes, not one
    void kibana.cases.update({ id: 'c1', version: 'v1' });
    // @ts-expect-error retryOnConflict is a number
    void kibana.cases.update([{ id: 'c1', version: 'v1' }], { retryOnConflict: true });
  });

  it('close and reopen take the version and retryOnConflict as options', () => {
    void kibana.cases.close('c1', { version: 'v1', retryOnConflict: 1, signal: new AbortController().signal });
    // @ts-expect-error the version is a string
    void kibana.cases.close('c1', { version: 2 });
    // @ts-expect-error close takes no status: it is always closed
    void kibana.cases.close('c1', { status: 'open' });
  });

  it('updateComment needs the comment id and version', () => {
    void kibana.cases.updateComment(
      'c1',
      { id: 'm1', version: 'v1', type: 'user', comment: 'edited', owner: 'cases' },
      { retryOnConflict: 1 },
    );
    // @ts-expect-error the comment version is required
    void kibana.cases.updateComment('c1', { id: 'm1', type: 'user', comment: 'edited', owner: 'cases' });
    // @ts-expect-error a user comment has comment text, not alert ids
    void kibana.cases.updateComment('c1', { id: 'm1', version: 'v1', type: 'user', alertId: 'a1', owner: 'cases' });
  });

  it('only the update methods take retryOnConflict', () => {
    // @ts-expect-error not a call option of get
    void kibana.cases.get('c1', { retryOnConflict: 1 });
    // @ts-expect-error not a call option of updateConfiguration either: its version is in the body
    void kibana.cases.updateConfiguration('cfg1', { version: 'v1' }, { retryOnConflict: 1 });
  });

  it('updateConfiguration needs the settings version', () => {
    void kibana.cases.updateConfiguration('cfg1', { version: 'v1', closure_type: 'close-by-pushing' });
    // @ts-expect-error the version is required
    void kibana.cases.updateConfiguration('cfg1', { closure_type: 'close-by-user' });
    // @ts-expect-error closure_type is close-by-user or close-by-pushing
    void kibana.cases.updateConfiguration('cfg1', { version: 'v1', closure_type: 'never' });
    // @ts-expect-error createConfiguration needs the owner
    void kibana.cases.createConfiguration({ connector: noConnector, closure_type: 'close-by-user' });
  });
});

describe('comments and files', () => {
  it('addComment takes a user comment or alerts, told apart by type', () => {
    void kibana.cases.addComment('c1', {
      type: 'alert',
      owner: 'securitySolution',
      alertId: ['a1'],
      index: ['.alerts'],
      rule: { id: 'r1', name: 'rule' },
    });
    // @ts-expect-error a user comment needs its text
    void kibana.cases.addComment('c1', { type: 'user', owner: 'cases' });
    // @ts-expect-error alerts need the rule
    void kibana.cases.addComment('c1', { type: 'alert', owner: 'cases', alertId: 'a1', index: '.alerts' });
  });

  it('attachFile takes any file source, and refuses numbers', () => {
    void kibana.cases.attachFile('c1', { file: { path: './shot.png' }, filename: 'shot' });
    void kibana.cases.attachFile(
      'c1',
      { file: new Uint8Array(1), fileName: 'a.bin', contentType: 'application/octet-stream' },
      { retryNonIdempotent: true },
    );
    void kibana.cases.attachFile('c1', { file: new Blob(['x']) });
    expectTypeOf<CaseFileUpload['filename']>().toEqualTypeOf<string | undefined>();
    // @ts-expect-error the file is required
    void kibana.cases.attachFile('c1', { filename: 'x' });
    // @ts-expect-error not a file source
    void kibana.cases.attachFile('c1', { file: 42 });
  });

  it('delete takes a list of ids', () => {
    void kibana.cases.delete(['c1', 'c2'], { space: 'ops' });
    // @ts-expect-error one id is still a list
    void kibana.cases.delete('c1');
  });
});

describe('wrong calls', () => {
  it('do not compile', () => {
    // @ts-expect-error the case id is required
    void kibana.cases.get();
    // @ts-expect-error ids are strings
    void kibana.cases.get(42);
    // @ts-expect-error the connector id is required
    void kibana.cases.push('c1');
    // @ts-expect-error the comment id is required
    void kibana.cases.getComment('c1');
    // @ts-expect-error the body is required
    void kibana.cases.create();
    // @ts-expect-error not a call option
    void kibana.cases.getTags({}, { retries: 2 });
  });
});
