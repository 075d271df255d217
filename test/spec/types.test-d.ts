// Type-level tests of generated/kibana.ts. Vitest type-checks this file (`typecheck` in vitest.config.ts,
// so `npm test` fails on a type error here), and `npm run typecheck` checks it again with the rest of test/.
// Nothing here runs: an assertion fails by not compiling, or by a `@ts-expect-error` that finds no error.
import { describe, expectTypeOf, it } from 'vitest';
import type { operations, paths } from '../../generated/kibana.js';

type CreateCaseBody = paths['/api/cases']['post']['requestBody']['content']['application/json'];

// The smallest body Kibana accepts: severity, assignees, category and customFields may be left out.
const minimalCase: CreateCaseBody = {
  title: 'Suspicious login',
  description: 'Several failed logins followed by a success.',
  tags: [],
  owner: 'securitySolution',
  connector: { id: 'none', name: 'none', type: '.none', fields: null },
  settings: { syncAlerts: false },
};

describe('createCase request body', () => {
  it('requires title', () => {
    const { title, ...body } = minimalCase;
    // @ts-expect-error title is required
    const request: CreateCaseBody = body;
    expectTypeOf(title).toBeString();
  });

  it('requires description', () => {
    const { description, ...body } = minimalCase;
    // @ts-expect-error description is required
    const request: CreateCaseBody = body;
    expectTypeOf(description).toBeString();
  });

  it('requires tags', () => {
    const { tags, ...body } = minimalCase;
    // @ts-expect-error tags is required, even if empty
    const request: CreateCaseBody = body;
    expectTypeOf(tags).toEqualTypeOf<string[]>();
  });

  it('requires owner, one of the three applications', () => {
    const { owner, ...body } = minimalCase;
    // @ts-expect-error owner is required
    const request: CreateCaseBody = body;
    expectTypeOf(owner).toEqualTypeOf<'cases' | 'observability' | 'securitySolution'>();
  });

  it('requires connector', () => {
    const { connector, ...body } = minimalCase;
    // @ts-expect-error connector is required
    const request: CreateCaseBody = body;
    expectTypeOf(connector).toEqualTypeOf<CreateCaseBody['connector']>();
  });

  it('requires settings', () => {
    const { settings, ...body } = minimalCase;
    // @ts-expect-error settings is required
    const request: CreateCaseBody = body;
    expectTypeOf(settings).toEqualTypeOf<{ syncAlerts: boolean; extractObservables?: boolean }>();
  });

  it('rejects a status, which only updates set', () => {
    // @ts-expect-error a new case is always open
    const request: CreateCaseBody = { ...minimalCase, status: 'closed' };
  });
});

describe('case status', () => {
  it("is 'open' | 'in-progress' | 'closed' on a fetched case", () => {
    type Case = operations['getCase']['responses'][200]['content']['application/json'];
    expectTypeOf<Case['status']>().toEqualTypeOf<'open' | 'in-progress' | 'closed'>();
  });
});

/** The names of an operation's (or a path item's) header parameters; `never` when it has none. */
type HeaderNames<Operation> = Operation extends { parameters: { header?: infer Header } }
  ? [NonNullable<Header>] extends [never]
    ? never
    : keyof NonNullable<Header>
  : never;
type ClientOwnedHeader = 'kbn-xsrf' | 'elastic-api-version';

describe('the headers the client sets itself', () => {
  it('are no parameter of any operation', () => {
    expectTypeOf<Extract<HeaderNames<operations[keyof operations]>, ClientOwnedHeader>>().toBeNever();
  });

  it('are no parameter of any path', () => {
    expectTypeOf<Extract<HeaderNames<paths[keyof paths]>, ClientOwnedHeader>>().toBeNever();
  });

  it('would be noticed if an operation declared one', () => {
    type Declaring = { parameters: { header: { 'kbn-xsrf': string; 'x-opaque-id'?: string } } };
    expectTypeOf<
      Extract<HeaderNames<operations[keyof operations] | Declaring>, ClientOwnedHeader>
    >().toEqualTypeOf<'kbn-xsrf'>();
  });
});

describe('fields of the current Kibana', () => {
  type Schemas = import('../../generated/kibana.js').components['schemas'];

  it('take settings.extractObservables in a new case, as Kibana’s published example sends it', () => {
    const body: CreateCaseBody = { ...minimalCase, settings: { syncAlerts: true, extractObservables: true } };
    expectTypeOf(body.settings.extractObservables).toEqualTypeOf<boolean | undefined>();
  });

  it('leave a read case’s comments optional and type its observables', () => {
    type Case = operations['getCase']['responses'][200]['content']['application/json'];
    expectTypeOf<Case['comments']>().toEqualTypeOf<Schemas['CaseComment'][] | undefined>();
    expectTypeOf<NonNullable<Case['observables']>[number]>().toEqualTypeOf<Schemas['CaseObservable']>();
    expectTypeOf<Case['totalEvents']>().toEqualTypeOf<number | undefined>();
  });

  it('limit searchFields to the case fields Kibana searches', () => {
    type Query = NonNullable<operations['findCases']['parameters']['query']>;
    expectTypeOf<Query['searchFields']>().toEqualTypeOf<
      Schemas['CaseSearchField'] | Schemas['CaseSearchField'][] | undefined
    >();
    // @ts-expect-error tags are not a search field
    const wrong: Query = { searchFields: 'tags' };
  });

  it('type case settings’ observable types, extraction and workflow tags', () => {
    const settings: Schemas['CaseConfigurationRequest'] = {
      owner: 'cases',
      closure_type: 'close-by-user',
      connector: minimalCase.connector,
      observableTypes: [{ key: 'k8s-pod', label: 'Pod' }],
      extractObservables: true,
      workflowTags: ['triage'],
    };
    // @ts-expect-error case settings bodies are closed: Kibana refuses keys it does not know
    const closed: Schemas['CaseConfigurationRequest'] = { ...settings, colour: 'red' };
    expectTypeOf(settings.workflowTags).toEqualTypeOf<string[] | undefined>();
  });

  it('name the shapes of the new operations', () => {
    type Snooze = operations['snoozeRule']['responses'][200]['content']['application/json'];
    expectTypeOf<Snooze>().toEqualTypeOf<Schemas['SnoozeRuleResult']>();
    type Window = operations['getMaintenanceWindow']['responses'][200]['content']['application/json'];
    expectTypeOf<Window>().toEqualTypeOf<Schemas['MaintenanceWindow']>();
    expectTypeOf<Window['status']>().toEqualTypeOf<'running' | 'upcoming' | 'finished' | 'archived' | 'disabled'>();
    type RuleType = operations['getRuleTypes']['responses'][200]['content']['application/json'][number];
    expectTypeOf<RuleType['useWithTripleBracesInTemplates']>().toEqualTypeOf<boolean | undefined>();
  });
});
