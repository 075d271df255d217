import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ArgumentError,
  ConfigurationError,
  KibanaClient,
  KibanaError,
  type KibanaClientOptions,
} from '../../src/index.node.js';
import { recordingClient } from '../helpers/recorder.js';
import { AUTHS, SECRETS, leaksIn } from './secrets.js';

/**
 * Every public method of cases, rules, apm and connectors (and KibanaClient.request, space, on),
 * called with missing or wrong-typed arguments, and every client option with invalid values: each
 * must throw an ArgumentError or ConfigurationError that names the argument, before any request.
 */

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
});
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

type Kibana = KibanaClient;
/** A call made with deliberately wrong values: the types are what is being tested, so they are erased. */
type BadCall = (kibana: Kibana) => unknown;

interface Row {
  label: string;
  /** The argument the error must name (`error.argument`, and in the message). */
  argument: string | RegExp;
  call: BadCall;
  /** space() reports a bad space id as a ConfigurationError, like the `space` option. */
  configuration?: true;
}

/** The rows pass wrong types on purpose, which only `any` lets through the type checker. */
type Loose = any;
const bad = (value: unknown): Loose => value;

/** Values that are not an id: missing, null, wrong types, empty. */
const NOT_IDS: Array<[string, unknown]> = [
  ['undefined', undefined],
  ['null', null],
  ['a number', 42],
  ['an empty string', ''],
  ['an object', { id: 'c1' }],
  ['an array', ['c1']],
];
/** Values that are not an object body. */
const NOT_BODIES: Array<[string, unknown]> = [
  ['undefined', undefined],
  ['null', null],
  ['a string', '{"title":"x"}'],
  ['a number', 7],
  ['an array', [{ title: 'x' }]],
];
/** Values that are not an (optional) query object. */
const NOT_QUERIES: Array<[string, unknown]> = [
  ['null', null],
  ['a string', 'status=open'],
  ['a number', 1],
  ['an array', ['open']],
];

/** Consumes the first item, so an iterate method's deferred checks run. */
async function first(iterable: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of iterable) break;
}

const ok = 'ok-id';
const CASE_BODY = {
  title: 't',
  description: 'd',
  owner: 'cases',
  tags: [],
  settings: { syncAlerts: false },
  connector: { id: 'none', name: 'none', type: '.none', fields: null },
};
const RULE_BODY = {
  name: 'r',
  rule_type_id: '.index-threshold',
  consumer: 'alerts',
  schedule: { interval: '1m' },
  params: {},
};

/** Methods taking ids: `args` builds the argument list with `value` in the position of `argument`. */
const ID_METHODS: Array<{ name: string; argument: string; call: (kibana: Kibana, value: Loose) => unknown }> = [
  { name: 'cases.get', argument: 'caseId', call: (k, v) => k.cases.get(v) },
  { name: 'cases.getAlerts', argument: 'caseId', call: (k, v) => k.cases.getAlerts(v) },
  { name: 'cases.getCasesByAlert', argument: 'alertId', call: (k, v) => k.cases.getCasesByAlert(v) },
  { name: 'cases.deleteComments', argument: 'caseId', call: (k, v) => k.cases.deleteComments(v) },
  { name: 'cases.deleteComment', argument: 'caseId', call: (k, v) => k.cases.deleteComment(v, ok) },
  { name: 'cases.deleteComment', argument: 'commentId', call: (k, v) => k.cases.deleteComment(ok, v) },
  { name: 'cases.push', argument: 'caseId', call: (k, v) => k.cases.push(v, ok) },
  { name: 'cases.push', argument: 'connectorId', call: (k, v) => k.cases.push(ok, v) },
  {
    name: 'cases.attachFile',
    argument: 'caseId',
    call: (k, v) => k.cases.attachFile(v, { file: 'text', fileName: 'a.txt' }),
  },
  { name: 'cases.findUserActions', argument: 'caseId', call: (k, v) => k.cases.findUserActions(v) },
  { name: 'cases.iterateUserActions', argument: 'caseId', call: (k, v) => first(k.cases.iterateUserActions(v)) },
  {
    name: 'cases.updateConfiguration',
    argument: 'configurationId',
    call: (k, v) => k.cases.updateConfiguration(v, { version: 'v1' }),
  },
  { name: 'cases.close', argument: 'caseId', call: (k, v) => k.cases.close(v) },
  { name: 'cases.reopen', argument: 'caseId', call: (k, v) => k.cases.reopen(v) },
  {
    name: 'cases.addComment',
    argument: 'caseId',
    call: (k, v) => k.cases.addComment(v, { type: 'user', comment: 'c', owner: 'cases' }),
  },
  {
    name: 'cases.updateComment',
    argument: 'caseId',
    call: (k, v) => k.cases.updateComment(v, { id: 'c', version: 'v', type: 'user', comment: 'c', owner: 'cases' }),
  },
  { name: 'cases.getComment', argument: 'caseId', call: (k, v) => k.cases.getComment(v, ok) },
  { name: 'cases.getComment', argument: 'commentId', call: (k, v) => k.cases.getComment(ok, v) },
  { name: 'cases.findComments', argument: 'caseId', call: (k, v) => k.cases.findComments(v) },
  { name: 'cases.iterateComments', argument: 'caseId', call: (k, v) => first(k.cases.iterateComments(v)) },
  { name: 'rules.get', argument: 'ruleId', call: (k, v) => k.rules.get(v) },
  {
    name: 'rules.update',
    argument: 'ruleId',
    call: (k, v) => k.rules.update(v, { name: 'r', schedule: { interval: '1m' }, params: {} }),
  },
  { name: 'rules.delete', argument: 'ruleId', call: (k, v) => k.rules.delete(v) },
  { name: 'rules.enable', argument: 'ruleId', call: (k, v) => k.rules.enable(v) },
  { name: 'rules.disable', argument: 'ruleId', call: (k, v) => k.rules.disable(v) },
  { name: 'rules.muteAll', argument: 'ruleId', call: (k, v) => k.rules.muteAll(v) },
  { name: 'rules.unmuteAll', argument: 'ruleId', call: (k, v) => k.rules.unmuteAll(v) },
  { name: 'rules.muteAlert', argument: 'ruleId', call: (k, v) => k.rules.muteAlert(v, ok) },
  {
    name: 'rules.snooze',
    argument: 'ruleId',
    call: (k, v) => k.rules.snooze(v, { custom: { duration: '1h', start: '2026-12-02T00:00:00Z' } }),
  },
  { name: 'rules.unsnooze', argument: 'ruleId', call: (k, v) => k.rules.unsnooze(v, ok) },
  { name: 'rules.unsnooze', argument: 'scheduleId', call: (k, v) => k.rules.unsnooze(ok, v) },
  { name: 'rules.maintenanceWindows.get', argument: 'id', call: (k, v) => k.rules.maintenanceWindows.get(v) },
  { name: 'rules.maintenanceWindows.delete', argument: 'id', call: (k, v) => k.rules.maintenanceWindows.delete(v) },
  { name: 'rules.maintenanceWindows.archive', argument: 'id', call: (k, v) => k.rules.maintenanceWindows.archive(v) },
  {
    name: 'rules.maintenanceWindows.unarchive',
    argument: 'id',
    call: (k, v) => k.rules.maintenanceWindows.unarchive(v),
  },
  { name: 'rules.muteAlert', argument: 'alertId', call: (k, v) => k.rules.muteAlert(ok, v) },
  { name: 'rules.unmuteAlert', argument: 'ruleId', call: (k, v) => k.rules.unmuteAlert(v, ok) },
  { name: 'rules.unmuteAlert', argument: 'alertId', call: (k, v) => k.rules.unmuteAlert(ok, v) },
  { name: 'rules.updateApiKey', argument: 'ruleId', call: (k, v) => k.rules.updateApiKey(v) },
  { name: 'connectors.get', argument: 'connectorId', call: (k, v) => k.connectors.get(v) },
  { name: 'connectors.update', argument: 'connectorId', call: (k, v) => k.connectors.update(v, { name: 'n' }) },
  { name: 'connectors.delete', argument: 'connectorId', call: (k, v) => k.connectors.delete(v) },
  { name: 'connectors.run', argument: 'connectorId', call: (k, v) => k.connectors.run(v, { params: {} }) },
  {
    name: 'apm.agentConfiguration.agentName',
    argument: 'serviceName',
    call: (k, v) => k.apm.agentConfiguration.agentName(v),
  },
  {
    name: 'apm.annotations.create',
    argument: 'serviceName',
    call: (k, v) => k.apm.annotations.create(v, { '@timestamp': '2024-01-01T00:00:00Z', service: { version: '1' } }),
  },
  { name: 'apm.annotations.search', argument: 'serviceName', call: (k, v) => k.apm.annotations.search(v) },
  { name: 'apm.sourcemaps.delete', argument: 'id', call: (k, v) => k.apm.sourcemaps.delete(v) },
];

/** Methods taking a required object body (or upload) as the argument named. */
const BODY_METHODS: Array<{ name: string; argument: string; call: (kibana: Kibana, value: Loose) => unknown }> = [
  { name: 'cases.create', argument: 'body', call: (k, v) => k.cases.create(v) },
  { name: 'cases.attachFile', argument: 'upload', call: (k, v) => k.cases.attachFile(ok, v) },
  { name: 'cases.createConfiguration', argument: 'body', call: (k, v) => k.cases.createConfiguration(v) },
  { name: 'cases.updateConfiguration', argument: 'body', call: (k, v) => k.cases.updateConfiguration(ok, v) },
  { name: 'cases.addComment', argument: 'body', call: (k, v) => k.cases.addComment(ok, v) },
  { name: 'cases.updateComment', argument: 'body', call: (k, v) => k.cases.updateComment(ok, v) },
  { name: 'rules.create', argument: 'body', call: (k, v) => k.rules.create(v) },
  { name: 'rules.update', argument: 'body', call: (k, v) => k.rules.update(ok, v) },
  { name: 'connectors.create', argument: 'body', call: (k, v) => k.connectors.create(v) },
  { name: 'connectors.update', argument: 'body', call: (k, v) => k.connectors.update(ok, v) },
  { name: 'connectors.run', argument: 'body', call: (k, v) => k.connectors.run(ok, v) },
  { name: 'apm.agentConfiguration.save', argument: 'body', call: (k, v) => k.apm.agentConfiguration.save(v) },
  { name: 'apm.agentConfiguration.delete', argument: 'body', call: (k, v) => k.apm.agentConfiguration.delete(v) },
  { name: 'apm.agentConfiguration.search', argument: 'body', call: (k, v) => k.apm.agentConfiguration.search(v) },
  { name: 'apm.agentKeys.create', argument: 'body', call: (k, v) => k.apm.agentKeys.create(v) },
  { name: 'apm.annotations.create', argument: 'body', call: (k, v) => k.apm.annotations.create(ok, v) },
  { name: 'apm.serverSchema.save', argument: 'body', call: (k, v) => k.apm.serverSchema.save(v) },
  { name: 'apm.sourcemaps.upload', argument: 'upload', call: (k, v) => k.apm.sourcemaps.upload(v) },
];

/** Methods taking an optional query object. */
const QUERY_METHODS: Array<{ name: string; call: (kibana: Kibana, value: Loose) => unknown }> = [
  { name: 'cases.find', call: (k, v) => k.cases.find(v) },
  { name: 'cases.iterate', call: (k, v) => first(k.cases.iterate(v)) },
  { name: 'cases.getCasesByAlert', call: (k, v) => k.cases.getCasesByAlert(ok, v) },
  { name: 'cases.findUserActions', call: (k, v) => k.cases.findUserActions(ok, v) },
  { name: 'cases.iterateUserActions', call: (k, v) => first(k.cases.iterateUserActions(ok, v)) },
  { name: 'cases.findComments', call: (k, v) => k.cases.findComments(ok, v) },
  { name: 'cases.iterateComments', call: (k, v) => first(k.cases.iterateComments(ok, v)) },
  { name: 'cases.getConfiguration', call: (k, v) => k.cases.getConfiguration(v) },
  { name: 'cases.getReporters', call: (k, v) => k.cases.getReporters(v) },
  { name: 'cases.getTags', call: (k, v) => k.cases.getTags(v) },
  { name: 'rules.find', call: (k, v) => k.rules.find(v) },
  { name: 'rules.iterate', call: (k, v) => first(k.rules.iterate(v)) },
  { name: 'connectors.types', call: (k, v) => k.connectors.types(v) },
  {
    name: 'apm.agentConfiguration.save',
    call: (k, v) => k.apm.agentConfiguration.save({ service: {}, settings: {} }, v),
  },
  { name: 'apm.agentConfiguration.get', call: (k, v) => k.apm.agentConfiguration.get(v) },
  { name: 'apm.agentConfiguration.environments', call: (k, v) => k.apm.agentConfiguration.environments(v) },
  { name: 'apm.annotations.search', call: (k, v) => k.apm.annotations.search(ok, v) },
  { name: 'apm.sourcemaps.list', call: (k, v) => k.apm.sourcemaps.list(v) },
  { name: 'apm.sourcemaps.iterate', call: (k, v) => first(k.apm.sourcemaps.iterate(v)) },
];

/** Every public method once, with a call option that does not exist: the options object is checked everywhere. */
const EVERY_METHOD: Array<{ name: string; call: (kibana: Kibana, options: Loose) => unknown }> = [
  { name: 'cases.create', call: (k, o) => k.cases.create(CASE_BODY as Loose, o) },
  { name: 'cases.get', call: (k, o) => k.cases.get(ok, o) },
  { name: 'cases.find', call: (k, o) => k.cases.find({}, o) },
  { name: 'cases.iterate', call: (k, o) => first(k.cases.iterate({}, o)) },
  { name: 'cases.getAlerts', call: (k, o) => k.cases.getAlerts(ok, o) },
  { name: 'cases.getCasesByAlert', call: (k, o) => k.cases.getCasesByAlert(ok, {}, o) },
  { name: 'cases.deleteComments', call: (k, o) => k.cases.deleteComments(ok, o) },
  { name: 'cases.deleteComment', call: (k, o) => k.cases.deleteComment(ok, ok, o) },
  { name: 'cases.push', call: (k, o) => k.cases.push(ok, ok, o) },
  { name: 'cases.attachFile', call: (k, o) => k.cases.attachFile(ok, { file: 'text', fileName: 'a.txt' }, o) },
  { name: 'cases.findUserActions', call: (k, o) => k.cases.findUserActions(ok, {}, o) },
  { name: 'cases.iterateUserActions', call: (k, o) => first(k.cases.iterateUserActions(ok, {}, o)) },
  {
    name: 'cases.createConfiguration',
    call: (k, o) =>
      k.cases.createConfiguration(
        {
          owner: 'cases',
          closure_type: 'close-by-user',
          connector: { id: 'none', name: 'none', type: '.none', fields: null },
        },
        o,
      ),
  },
  { name: 'cases.updateConfiguration', call: (k, o) => k.cases.updateConfiguration(ok, { version: 'v' }, o) },
  { name: 'cases.update', call: (k, o) => k.cases.update([{ id: ok, version: 'v', status: 'open' }], o) },
  { name: 'cases.close', call: (k, o) => k.cases.close(ok, typeof o === 'object' ? { version: 'v', ...o } : o) },
  { name: 'cases.reopen', call: (k, o) => k.cases.reopen(ok, typeof o === 'object' ? { version: 'v', ...o } : o) },
  { name: 'cases.delete', call: (k, o) => k.cases.delete([ok], o) },
  {
    name: 'cases.addComment',
    call: (k, o) => k.cases.addComment(ok, { type: 'user', comment: 'c', owner: 'cases' }, o),
  },
  {
    name: 'cases.updateComment',
    call: (k, o) => k.cases.updateComment(ok, { id: 'c', version: 'v', type: 'user', comment: 'c', owner: 'cases' }, o),
  },
  { name: 'cases.getComment', call: (k, o) => k.cases.getComment(ok, ok, o) },
  { name: 'cases.findComments', call: (k, o) => k.cases.findComments(ok, {}, o) },
  { name: 'cases.iterateComments', call: (k, o) => first(k.cases.iterateComments(ok, {}, o)) },
  { name: 'cases.getConfiguration', call: (k, o) => k.cases.getConfiguration({}, o) },
  { name: 'cases.findConnectors', call: (k, o) => k.cases.findConnectors(o) },
  { name: 'cases.getReporters', call: (k, o) => k.cases.getReporters({}, o) },
  { name: 'cases.getTags', call: (k, o) => k.cases.getTags({}, o) },
  { name: 'rules.health', call: (k, o) => k.rules.health(o) },
  { name: 'rules.find', call: (k, o) => k.rules.find({}, o) },
  { name: 'rules.iterate', call: (k, o) => first(k.rules.iterate({}, o)) },
  { name: 'rules.get', call: (k, o) => k.rules.get(ok, o) },
  { name: 'rules.create', call: (k, o) => k.rules.create(RULE_BODY as Loose, o) },
  {
    name: 'rules.update',
    call: (k, o) => k.rules.update(ok, { name: 'r', schedule: { interval: '1m' }, params: {} }, o),
  },
  { name: 'rules.delete', call: (k, o) => k.rules.delete(ok, o) },
  { name: 'rules.enable', call: (k, o) => k.rules.enable(ok, o) },
  { name: 'rules.disable', call: (k, o) => k.rules.disable(ok, {}, o) },
  { name: 'rules.muteAll', call: (k, o) => k.rules.muteAll(ok, o) },
  { name: 'rules.unmuteAll', call: (k, o) => k.rules.unmuteAll(ok, o) },
  { name: 'rules.muteAlert', call: (k, o) => k.rules.muteAlert(ok, ok, o) },
  {
    name: 'rules.snooze',
    call: (k, o) => k.rules.snooze(ok, { custom: { duration: '1h', start: '2026-12-02T00:00:00Z' } }, o),
  },
  { name: 'rules.unsnooze', call: (k, o) => k.rules.unsnooze(ok, ok, o) },
  {
    name: 'rules.maintenanceWindows.create',
    call: (k, o) =>
      k.rules.maintenanceWindows.create(
        { title: 't', schedule: { custom: { duration: '1h', start: '2026-12-02T00:00:00Z' } } },
        o,
      ),
  },
  { name: 'rules.maintenanceWindows.find', call: (k, o) => k.rules.maintenanceWindows.find({}, o) },
  { name: 'rules.maintenanceWindows.iterate', call: (k, o) => first(k.rules.maintenanceWindows.iterate({}, o)) },
  { name: 'rules.maintenanceWindows.get', call: (k, o) => k.rules.maintenanceWindows.get(ok, o) },
  { name: 'rules.maintenanceWindows.update', call: (k, o) => k.rules.maintenanceWindows.update(ok, { title: 't' }, o) },
  { name: 'rules.maintenanceWindows.delete', call: (k, o) => k.rules.maintenanceWindows.delete(ok, o) },
  { name: 'rules.maintenanceWindows.archive', call: (k, o) => k.rules.maintenanceWindows.archive(ok, o) },
  { name: 'rules.maintenanceWindows.unarchive', call: (k, o) => k.rules.maintenanceWindows.unarchive(ok, o) },
  { name: 'rules.unmuteAlert', call: (k, o) => k.rules.unmuteAlert(ok, ok, o) },
  { name: 'rules.updateApiKey', call: (k, o) => k.rules.updateApiKey(ok, o) },
  { name: 'rules.types', call: (k, o) => k.rules.types(o) },
  { name: 'connectors.get', call: (k, o) => k.connectors.get(ok, o) },
  {
    name: 'connectors.create',
    call: (k, o) => k.connectors.create({ name: 'n', connector_type_id: '.server-log' }, o),
  },
  { name: 'connectors.update', call: (k, o) => k.connectors.update(ok, { name: 'n' }, o) },
  { name: 'connectors.delete', call: (k, o) => k.connectors.delete(ok, o) },
  { name: 'connectors.list', call: (k, o) => k.connectors.list(o) },
  { name: 'connectors.types', call: (k, o) => k.connectors.types({}, o) },
  { name: 'connectors.run', call: (k, o) => k.connectors.run(ok, { params: {} }, o) },
  {
    name: 'apm.agentConfiguration.save',
    call: (k, o) => k.apm.agentConfiguration.save({ service: {}, settings: {} }, {}, o),
  },
  { name: 'apm.agentConfiguration.list', call: (k, o) => k.apm.agentConfiguration.list(o) },
  { name: 'apm.agentConfiguration.get', call: (k, o) => k.apm.agentConfiguration.get({}, o) },
  { name: 'apm.agentConfiguration.delete', call: (k, o) => k.apm.agentConfiguration.delete({ service: {} }, o) },
  { name: 'apm.agentConfiguration.search', call: (k, o) => k.apm.agentConfiguration.search({ service: {} }, o) },
  { name: 'apm.agentConfiguration.agentName', call: (k, o) => k.apm.agentConfiguration.agentName('svc', o) },
  { name: 'apm.agentConfiguration.environments', call: (k, o) => k.apm.agentConfiguration.environments({}, o) },
  {
    name: 'apm.agentKeys.create',
    call: (k, o) => k.apm.agentKeys.create({ name: 'k', privileges: ['event:write'] }, o),
  },
  {
    name: 'apm.annotations.create',
    call: (k, o) =>
      k.apm.annotations.create('svc', { '@timestamp': '2024-01-01T00:00:00Z', service: { version: '1' } }, o),
  },
  { name: 'apm.annotations.search', call: (k, o) => k.apm.annotations.search('svc', {}, o) },
  { name: 'apm.serverSchema.save', call: (k, o) => k.apm.serverSchema.save({ schema: {} }, o) },
  { name: 'apm.sourcemaps.list', call: (k, o) => k.apm.sourcemaps.list({}, o) },
  { name: 'apm.sourcemaps.iterate', call: (k, o) => first(k.apm.sourcemaps.iterate({}, o)) },
  {
    name: 'apm.sourcemaps.upload',
    call: (k, o) =>
      k.apm.sourcemaps.upload({ serviceName: 's', serviceVersion: '1', bundleFilepath: '/a.js', sourcemap: '{}' }, o),
  },
  { name: 'apm.sourcemaps.delete', call: (k, o) => k.apm.sourcemaps.delete(ok, o) },
  {
    name: 'request',
    call: (k, o) =>
      k.request('get', '/api/cases/{caseId}', typeof o === 'object' ? { params: { path: { caseId: ok } }, ...o } : o),
  },
];

/** Argument checks particular to one method. */
const SPECIFIC: Row[] = [
  // Cases
  {
    label: 'cases.find query.perPage a string',
    argument: 'query.perPage',
    call: (k) => k.cases.find({ perPage: bad('many') }),
  },
  {
    label: 'cases.iterate query.perPage 0',
    argument: 'query.perPage',
    call: (k) => first(k.cases.iterate({ perPage: 0 })),
  },
  {
    label: 'cases.iterate query.perPage "50"',
    argument: 'query.perPage',
    call: (k) => first(k.cases.iterate({ perPage: bad('50') })),
  },
  { label: 'cases.iterate query.page 0', argument: 'query.page', call: (k) => first(k.cases.iterate({ page: 0 })) },
  {
    label: 'cases.iterate query.page past the window',
    argument: 'query.page',
    call: (k) => first(k.cases.iterate({ page: 101, perPage: 100 })),
  },
  {
    label: 'cases.iterateComments query.perPage 1.5',
    argument: 'query.perPage',
    call: (k) => first(k.cases.iterateComments(ok, { perPage: 1.5 })),
  },
  {
    label: 'cases.iterateUserActions query.page -1',
    argument: 'query.page',
    call: (k) => first(k.cases.iterateUserActions(ok, { page: -1 })),
  },
  {
    label: 'cases.attachFile upload.file missing',
    argument: 'upload.file',
    call: (k) => k.cases.attachFile(ok, bad({ filename: 'a' })),
  },
  {
    label: 'cases.attachFile upload.file a number',
    argument: 'upload.file',
    call: (k) => k.cases.attachFile(ok, bad({ file: 42 })),
  },
  {
    label: 'cases.attachFile upload.file { path: "" }',
    argument: 'upload.file.path',
    call: (k) => k.cases.attachFile(ok, { file: { path: '' } }),
  },
  {
    label: 'cases.attachFile upload.file { path: missing file }',
    argument: 'upload.file.path',
    call: (k) => k.cases.attachFile(ok, { file: { path: '/nonexistent/kibana-sdk/file.txt' } }),
  },
  {
    label: 'cases.attachFile upload.filename a number',
    argument: 'upload.filename',
    call: (k) => k.cases.attachFile(ok, bad({ file: 'x', filename: 3 })),
  },
  {
    label: 'cases.attachFile upload.fileName empty',
    argument: 'upload.fileName',
    call: (k) => k.cases.attachFile(ok, { file: 'x', fileName: '' }),
  },
  {
    label: 'cases.attachFile upload.contentType a number',
    argument: 'upload.contentType',
    call: (k) => k.cases.attachFile(ok, bad({ file: 'x', contentType: 1 })),
  },
  { label: 'cases.update cases undefined', argument: 'cases', call: (k) => k.cases.update(bad(undefined)) },
  { label: 'cases.update cases empty', argument: 'cases', call: (k) => k.cases.update([]) },
  { label: 'cases.update cases a string', argument: 'cases', call: (k) => k.cases.update(bad('c1')) },
  {
    label: 'cases.update 101 cases',
    argument: 'cases',
    call: (k) => k.cases.update(Array.from({ length: 101 }, (_, i) => ({ id: `c${i}`, version: 'v' }))),
  },
  { label: 'cases.update cases[0] null', argument: 'cases[0]', call: (k) => k.cases.update(bad([null])) },
  {
    label: 'cases.update cases[1].id missing',
    argument: 'cases[1].id',
    call: (k) => k.cases.update(bad([{ id: 'a', version: 'v' }, { version: 'v' }])),
  },
  {
    label: 'cases.update cases[0].version missing',
    argument: 'cases[0].version',
    call: (k) => k.cases.update(bad([{ id: 'a' }])),
  },
  {
    label: 'cases.update options.retryOnConflict 11',
    argument: 'options.retryOnConflict',
    call: (k) => k.cases.update([{ id: 'a', version: 'v' }], { retryOnConflict: 11 }),
  },
  {
    label: 'cases.update options.retryOnConflict "2"',
    argument: 'options.retryOnConflict',
    call: (k) => k.cases.update([{ id: 'a', version: 'v' }], { retryOnConflict: bad('2') }),
  },
  {
    label: 'cases.close options.version empty',
    argument: 'options.version',
    call: (k) => k.cases.close(ok, { version: '' }),
  },
  {
    label: 'cases.reopen options.version a number',
    argument: 'options.version',
    call: (k) => k.cases.reopen(ok, { version: bad(3) }),
  },
  {
    label: 'cases.close options.retryOnConflict -1',
    argument: 'options.retryOnConflict',
    call: (k) => k.cases.close(ok, { version: 'v', retryOnConflict: -1 }),
  },
  { label: 'cases.delete ids undefined', argument: 'ids', call: (k) => k.cases.delete(bad(undefined)) },
  { label: 'cases.delete ids a string', argument: 'ids', call: (k) => k.cases.delete(bad('c1')) },
  { label: 'cases.delete ids empty', argument: 'ids', call: (k) => k.cases.delete([]) },
  {
    label: 'cases.delete 101 ids',
    argument: 'ids',
    call: (k) => k.cases.delete(Array.from({ length: 101 }, (_, i) => `c${i}`)),
  },
  { label: 'cases.delete ids[1] empty', argument: 'ids[1]', call: (k) => k.cases.delete(['c1', '']) },
  { label: 'cases.delete ids[0] a number', argument: 'ids[0]', call: (k) => k.cases.delete(bad([1])) },
  {
    label: 'cases.updateComment body.id missing',
    argument: 'body.id',
    call: (k) => k.cases.updateComment(ok, bad({ version: 'v', type: 'user', comment: 'c', owner: 'cases' })),
  },
  {
    label: 'cases.updateComment body.version missing',
    argument: 'body.version',
    call: (k) => k.cases.updateComment(ok, bad({ id: 'c', type: 'user', comment: 'c', owner: 'cases' })),
  },
  {
    label: 'cases.create body without title',
    argument: 'body.title',
    call: (k) => k.cases.create(bad({ ...CASE_BODY, title: undefined })),
  },
  {
    label: 'cases.createConfiguration body without owner',
    argument: 'body.owner',
    call: (k) => k.cases.createConfiguration(bad({ closure_type: 'close-by-user', connector: CASE_BODY.connector })),
  },
  {
    label: 'cases.updateConfiguration body without version',
    argument: 'body.version',
    call: (k) => k.cases.updateConfiguration(ok, bad({ closure_type: 'close-by-user' })),
  },
  // Rules
  {
    label: 'rules.find query.has_reference a string',
    argument: 'query.has_reference',
    call: (k) => k.rules.find({ has_reference: bad('action:c1') }),
  },
  {
    label: 'rules.find query.has_reference.type empty',
    argument: 'query.has_reference.type',
    call: (k) => k.rules.find({ has_reference: { type: '', id: 'c1' } }),
  },
  {
    label: 'rules.find query.has_reference.id missing',
    argument: 'query.has_reference.id',
    call: (k) => k.rules.find({ has_reference: bad({ type: 'action' }) }),
  },
  {
    label: 'rules.iterate query.per_page 0',
    argument: 'query.per_page',
    call: (k) => first(k.rules.iterate({ per_page: 0 })),
  },
  {
    label: 'rules.iterate query.page "2"',
    argument: 'query.page',
    call: (k) => first(k.rules.iterate({ page: bad('2') })),
  },
  {
    label: 'rules.create options a string',
    argument: 'options',
    call: (k) => k.rules.create(RULE_BODY as Loose, bad('rule-1')),
  },
  {
    label: 'rules.create options.id empty',
    argument: 'options.id',
    call: (k) => k.rules.create(RULE_BODY as Loose, { id: '' }),
  },
  {
    label: 'rules.create options.id a number',
    argument: 'options.id',
    call: (k) => k.rules.create(RULE_BODY as Loose, { id: bad(5) }),
  },
  {
    label: 'rules.create body without consumer',
    argument: 'body.consumer',
    call: (k) => k.rules.create(bad({ ...RULE_BODY, consumer: undefined })),
  },
  {
    label: 'rules.update body without schedule',
    argument: 'body.schedule',
    call: (k) => k.rules.update(ok, bad({ name: 'r' })),
  },
  { label: 'rules.disable body a string', argument: 'body', call: (k) => k.rules.disable(ok, bad('untrack')) },
  // Connectors
  {
    label: 'connectors.create options a number',
    argument: 'options',
    call: (k) => k.connectors.create({ name: 'n', connector_type_id: '.server-log' }, bad(5)),
  },
  {
    label: 'connectors.create options.id empty',
    argument: 'options.id',
    call: (k) => k.connectors.create({ name: 'n', connector_type_id: '.server-log' }, { id: '' }),
  },
  {
    label: 'connectors.create body without connector_type_id',
    argument: 'body.connector_type_id',
    call: (k) => k.connectors.create(bad({ name: 'n' })),
  },
  { label: 'connectors.run body without params', argument: 'body.params', call: (k) => k.connectors.run(ok, bad({})) },
  // APM
  {
    label: 'apm.sourcemaps.upload upload.serviceName missing',
    argument: 'upload.serviceName',
    call: (k) => k.apm.sourcemaps.upload(bad({ serviceVersion: '1', bundleFilepath: '/a.js', sourcemap: '{}' })),
  },
  {
    label: 'apm.sourcemaps.upload upload.serviceVersion a number',
    argument: 'upload.serviceVersion',
    call: (k) =>
      k.apm.sourcemaps.upload(bad({ serviceName: 's', serviceVersion: 1, bundleFilepath: '/a.js', sourcemap: '{}' })),
  },
  {
    label: 'apm.sourcemaps.upload upload.bundleFilepath empty',
    argument: 'upload.bundleFilepath',
    call: (k) =>
      k.apm.sourcemaps.upload({ serviceName: 's', serviceVersion: '1', bundleFilepath: '', sourcemap: '{}' }),
  },
  {
    label: 'apm.sourcemaps.upload upload.sourcemap missing',
    argument: 'upload.sourcemap',
    call: (k) => k.apm.sourcemaps.upload(bad({ serviceName: 's', serviceVersion: '1', bundleFilepath: '/a.js' })),
  },
  {
    label: 'apm.sourcemaps.upload upload.sourcemap a number',
    argument: 'upload.sourcemap',
    call: (k) =>
      k.apm.sourcemaps.upload(bad({ serviceName: 's', serviceVersion: '1', bundleFilepath: '/a.js', sourcemap: 12 })),
  },
  {
    label: 'apm.agentKeys.create body without privileges',
    argument: 'body.privileges',
    call: (k) => k.apm.agentKeys.create(bad({ name: 'k' })),
  },
  {
    label: 'apm.annotations.create body without @timestamp',
    argument: 'body.@timestamp',
    call: (k) => k.apm.annotations.create('svc', bad({ service: { version: '1' } })),
  },
  {
    label: 'apm.agentConfiguration.save body without settings',
    argument: 'body.settings',
    call: (k) => k.apm.agentConfiguration.save(bad({ service: {} })),
  },
  // KibanaClient.request
  { label: 'request method "fetch"', argument: 'method', call: (k) => (k as Loose).request('fetch', '/api/cases') },
  { label: 'request method undefined', argument: 'method', call: (k) => (k as Loose).request(undefined, '/api/cases') },
  { label: 'request path without /api/', argument: 'path', call: (k) => k.request('get', bad('api/cases')) },
  { label: 'request path a number', argument: 'path', call: (k) => k.request('get', bad(42)) },
  {
    label: 'request path an absolute URL',
    argument: 'path',
    call: (k) => k.request('get', bad('https://elsewhere.example/api/cases')),
  },
  {
    label: 'request init a string',
    argument: 'options',
    call: (k) => k.request('get', '/api/cases/_find', bad('status=open')),
  },
  { label: 'request init a number', argument: 'options', call: (k) => k.request('get', '/api/cases/_find', bad(3)) },
  {
    label: 'request path parameter missing',
    argument: 'caseId',
    call: (k) => k.request('get', '/api/cases/{caseId}', bad({ params: { path: {} } })),
  },
  {
    label: 'request path parameter empty',
    argument: 'caseId',
    call: (k) => k.request('get', '/api/cases/{caseId}', { params: { path: { caseId: '' } } }),
  },
  {
    label: 'request path parameter an object',
    argument: 'caseId',
    call: (k) => k.request('get', '/api/cases/{caseId}', { params: { path: { caseId: bad({}) } } }),
  },
  {
    label: 'request path parameter ".."',
    argument: 'caseId',
    call: (k) => k.request('get', '/api/cases/{caseId}', { params: { path: { caseId: '..' } } }),
  },
  {
    label: 'request body a string',
    argument: 'body',
    call: (k) => k.request('post', '/api/cases', { body: bad('{"title":"x"}') }),
  },
  {
    label: 'request body missing a required field',
    argument: /^body\.\w+$/,
    call: (k) => k.request('post', '/api/cases', { body: bad({}) }),
  },
  // Per-call options, through any method
  {
    label: 'options.requestTimeout 0',
    argument: 'options.requestTimeout',
    call: (k) => k.cases.get(ok, { requestTimeout: 0 }),
  },
  {
    label: 'options.requestTimeout "1000"',
    argument: 'options.requestTimeout',
    call: (k) => k.cases.get(ok, { requestTimeout: bad('1000') }),
  },
  { label: 'options.maxRetries -1', argument: 'options.maxRetries', call: (k) => k.rules.get(ok, { maxRetries: -1 }) },
  {
    label: 'options.maxRetries 101',
    argument: 'options.maxRetries',
    call: (k) => k.rules.get(ok, { maxRetries: 101 }),
  },
  {
    label: 'options.signal a string',
    argument: 'options.signal',
    call: (k) => k.connectors.list({ signal: bad('abort') }),
  },
  {
    label: 'options.signal an object without addEventListener',
    argument: 'options.signal',
    call: (k) => k.connectors.list({ signal: bad({ aborted: false }) }),
  },
  {
    label: 'options.space "Ops Team"',
    argument: 'options.space',
    call: (k) => k.apm.sourcemaps.list({}, { space: 'Ops Team' }),
  },
  {
    label: 'options.space a number',
    argument: 'options.space',
    call: (k) => k.apm.sourcemaps.list({}, { space: bad(7) }),
  },
  {
    // null must not be taken for the default space, whose client is made with the client itself.
    label: 'options.space null',
    argument: 'options.space',
    call: (k) => k.cases.get(ok, { space: bad(null) }),
  },
  {
    label: 'options.space "../default"',
    argument: 'options.space',
    call: (k) => k.cases.get(ok, { space: '../default' }),
  },
  {
    label: 'options.headers a string',
    argument: 'options.headers',
    call: (k) => k.cases.get(ok, { headers: bad('x-a: 1') }),
  },
  {
    label: 'options.headers with a bad name',
    argument: 'options.headers["x a"]',
    call: (k) => k.cases.get(ok, { headers: { 'x a': '1' } }),
  },
  {
    label: 'options.headers with a line break',
    argument: 'options.headers["x-a"]',
    call: (k) => k.rules.enable(ok, { headers: { 'x-a': 'a\r\nx-injected: 1' } }),
  },
  {
    label: 'options.headers with a number value',
    argument: 'options.headers["x-a"]',
    call: (k) => k.request('get', '/api/alerting/_health', { headers: { 'x-a': bad(1) } }),
  },
  {
    label: 'options.headers holding a secret with a trailing newline',
    argument: 'options.headers["x-api-key"]',
    call: (k) => k.cases.get(ok, { headers: { 'x-api-key': `${SECRETS.bearer}\n` } }),
  },
  {
    label: 'options.headers holding a secret with a character beyond Latin-1',
    argument: 'options.headers["x-api-key"]',
    call: (k) => k.cases.get(ok, { headers: { 'x-api-key': `${SECRETS.bearer}\u20ac` } }),
  },
  // space() and on()
  { label: 'space(undefined)', argument: 'space', configuration: true, call: (k) => k.space(bad(undefined)) },
  { label: 'space(42)', argument: 'space', configuration: true, call: (k) => k.space(bad(42)) },
  { label: 'space("")', argument: 'space', configuration: true, call: (k) => k.space('') },
  { label: 'space("Ops")', argument: 'space', configuration: true, call: (k) => k.space('Ops') },
  { label: 'space("a/b")', argument: 'space', configuration: true, call: (k) => k.space('a/b') },
  { label: 'on("requests")', argument: 'event', call: (k) => k.on(bad('requests'), () => undefined) },
  // withOptions()
  {
    label: 'withOptions({ requestTimeout: -1 })',
    argument: 'requestTimeout',
    configuration: true,
    call: (k) => k.withOptions({ requestTimeout: -1 }),
  },
  {
    label: 'withOptions({ maxRetries: 1.5 })',
    argument: 'maxRetries',
    configuration: true,
    call: (k) => k.withOptions({ maxRetries: 1.5 }),
  },
  {
    label: 'withOptions({ retry: { initialDelay: "1s" } })',
    argument: 'retry.initialDelay',
    configuration: true,
    call: (k) => k.withOptions({ retry: { initialDelay: bad('1s') } }),
  },
  {
    label: 'withOptions({ headers: { authorization } })',
    argument: 'headers["authorization"]',
    configuration: true,
    call: (k) => k.withOptions({ headers: { authorization: `Bearer ${SECRETS.bearer}` } }),
  },
  {
    label: 'withOptions({ maxConcurrency: 2 })',
    argument: 'maxConcurrency',
    configuration: true,
    call: (k) => k.withOptions(bad({ maxConcurrency: 2 })),
  },
  { label: 'withOptions(null)', argument: 'options', configuration: true, call: (k) => k.withOptions(bad(null)) },
  { label: 'on("toString")', argument: 'event', call: (k) => k.on(bad('toString'), () => undefined) },
  { label: 'on(undefined)', argument: 'event', call: (k) => k.on(bad(undefined), () => undefined) },
  { label: 'on("retry", "not a function")', argument: 'listener', call: (k) => k.on('retry', bad('listener')) },
  { label: 'on("warning", undefined)', argument: 'listener', call: (k) => k.on('warning', bad(undefined)) },
];

function argumentRows(): Row[] {
  const rows: Row[] = [];
  for (const method of ID_METHODS)
    for (const [what, value] of NOT_IDS)
      rows.push({
        label: `${method.name} ${method.argument} ${what}`,
        argument: method.argument,
        call: (k) => method.call(k, value),
      });
  for (const method of BODY_METHODS)
    for (const [what, value] of NOT_BODIES)
      rows.push({
        label: `${method.name} ${method.argument} ${what}`,
        argument: method.argument,
        call: (k) => method.call(k, value),
      });
  for (const method of QUERY_METHODS)
    for (const [what, value] of NOT_QUERIES)
      rows.push({ label: `${method.name} query ${what}`, argument: 'query', call: (k) => method.call(k, value) });
  for (const method of EVERY_METHOD) {
    rows.push({
      label: `${method.name} with an unknown call option`,
      argument: 'options.timeoutMs',
      call: (k) => method.call(k, { timeoutMs: 5 }),
    });
    rows.push({ label: `${method.name} with options a number`, argument: 'options', call: (k) => method.call(k, 5) });
  }
  rows.push(...SPECIFIC);
  return rows;
}

const ARGUMENT_ROWS = argumentRows();

async function thrown(call: () => unknown): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  return undefined;
}

function expectNamed(
  error: unknown,
  ErrorClass: typeof ArgumentError | typeof ConfigurationError,
  name: string | RegExp,
): void {
  expect(error).toBeInstanceOf(ErrorClass);
  const named = error instanceof ArgumentError ? error.argument : (error as ConfigurationError).option;
  if (typeof name === 'string') {
    expect(named).toBe(name);
    expect((error as Error).message).toContain(
      `Invalid ${error instanceof ArgumentError ? 'argument' : 'option'} ${name}:`,
    );
  } else {
    expect(named).toMatch(name);
    expect((error as Error).message).toContain(named);
  }
}

describe('bad arguments are refused before any request, naming the argument', () => {
  it(`counts its cases (${ARGUMENT_ROWS.length})`, () => {
    expect(ARGUMENT_ROWS.length).toBeGreaterThan(400);
    expect(new Set(ARGUMENT_ROWS.map((row) => row.label)).size).toBe(ARGUMENT_ROWS.length);
  });

  it.each(ARGUMENT_ROWS.map((row, index) => [row.label, row, index] as const))('%s', async (_label, row, index) => {
    const { kibana, requests } = recordingClient({ auth: AUTHS[index % AUTHS.length]!.auth });
    const error = await thrown(() => row.call(kibana));
    expectNamed(error, row.configuration ? ConfigurationError : ArgumentError, row.argument);
    expect(requests).toHaveLength(0);
    expect(leaksIn(error, row.label)).toEqual([]);
  });

  it('every public method of the four resources is in the table', () => {
    const { kibana } = recordingClient();
    const tested = new Set(EVERY_METHOD.map((method) => method.name));
    const groups: Record<string, object> = {
      cases: kibana.cases,
      rules: kibana.rules,
      'rules.maintenanceWindows': kibana.rules.maintenanceWindows,
      connectors: kibana.connectors,
      'apm.agentConfiguration': kibana.apm.agentConfiguration,
      'apm.agentKeys': kibana.apm.agentKeys,
      'apm.annotations': kibana.apm.annotations,
      'apm.serverSchema': kibana.apm.serverSchema,
      'apm.sourcemaps': kibana.apm.sourcemaps,
    };
    const missing: string[] = [];
    for (const [group, api] of Object.entries(groups)) {
      for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(api))) {
        if (name !== 'constructor' && !tested.has(`${group}.${name}`)) missing.push(`${group}.${name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

/** Valid options, to which each row adds or changes one. */
const BASE: KibanaClientOptions = { url: 'http://kibana.test:5601', auth: { apiKey: 'k' } };
const FINGERPRINT = 'AB'.repeat(32);

const OPTION_ROWS: Array<{ label: string; option: string; options: Record<string, unknown> }> = [
  { label: 'options undefined', option: 'options', options: bad(undefined) },
  { label: 'options a string', option: 'options', options: bad('http://kibana.test') },
  { label: 'unknown option', option: 'timeout', options: { ...BASE, timeout: 5 } },
  { label: 'url missing', option: 'url', options: { auth: BASE.auth } },
  { label: 'url a number', option: 'url', options: { ...BASE, url: 5601 } },
  { label: 'url not absolute', option: 'url', options: { ...BASE, url: 'kibana.test:5601' } },
  { label: 'url ftp:', option: 'url', options: { ...BASE, url: 'ftp://kibana.test' } },
  { label: 'url with a query', option: 'url', options: { ...BASE, url: 'http://kibana.test/?x=1' } },
  { label: 'url with a fragment', option: 'url', options: { ...BASE, url: 'http://kibana.test/#top' } },
  { label: 'url and cloud', option: 'url', options: { ...BASE, cloud: { id: 'x' } } },
  {
    label: 'url with credentials and auth',
    option: 'url',
    options: { ...BASE, url: 'http://elastic:changeme@kibana.test' },
  },
  { label: 'cloud a string', option: 'cloud', options: { auth: BASE.auth, cloud: 'deployment:abc' } },
  {
    label: 'cloud.id not a Cloud ID',
    option: 'cloud.id',
    options: { auth: BASE.auth, cloud: { id: 'not-a-cloud-id' } },
  },
  { label: 'auth missing', option: 'auth', options: { url: BASE.url } },
  { label: 'auth a string', option: 'auth', options: { ...BASE, auth: 'ApiKey abc' } },
  { label: 'auth empty', option: 'auth', options: { ...BASE, auth: {} } },
  { label: 'auth with two kinds', option: 'auth', options: { ...BASE, auth: { apiKey: 'a', bearer: 'b' } } },
  { label: 'auth.apiKey empty', option: 'auth.apiKey', options: { ...BASE, auth: { apiKey: '' } } },
  { label: 'auth.apiKey a number', option: 'auth.apiKey', options: { ...BASE, auth: { apiKey: 5 } } },
  {
    label: 'auth.apiKey.id missing',
    option: 'auth.apiKey.id',
    options: { ...BASE, auth: { apiKey: { api_key: 'k' } } },
  },
  {
    label: 'auth.apiKey.api_key empty',
    option: 'auth.apiKey.api_key',
    options: { ...BASE, auth: { apiKey: { id: 'i', api_key: '' } } },
  },
  {
    label: 'auth.username with ":"',
    option: 'auth.username',
    options: { ...BASE, auth: { username: 'a:b', password: 'p' } },
  },
  {
    label: 'auth.username empty',
    option: 'auth.username',
    options: { ...BASE, auth: { username: '', password: 'p' } },
  },
  { label: 'auth.password missing', option: 'auth.password', options: { ...BASE, auth: { username: 'elastic' } } },
  { label: 'auth.bearer null', option: 'auth.bearer', options: { ...BASE, auth: { bearer: null } } },
  // Credentials that cannot travel in a header: refused up front, since a transport's error would quote the header.
  {
    label: 'auth.apiKey with a trailing newline (read from a file)',
    option: 'auth.apiKey',
    options: { ...BASE, auth: { apiKey: `${SECRETS.apiKey}\n` } },
  },
  {
    label: 'auth.apiKey with a character beyond Latin-1',
    option: 'auth.apiKey',
    options: { ...BASE, auth: { apiKey: `${SECRETS.apiKey}\u20ac` } },
  },
  {
    label: 'auth.bearer with a NUL',
    option: 'auth.bearer',
    options: { ...BASE, auth: { bearer: `${SECRETS.bearer}\u0000` } },
  },
  {
    label: 'auth.bearer with a carriage return',
    option: 'auth.bearer',
    options: { ...BASE, auth: { bearer: `${SECRETS.bearer}\r` } },
  },
  {
    label: 'auth.username with ":" (and a secret password)',
    option: 'auth.username',
    options: { ...BASE, auth: { username: 'svc:ops', password: SECRETS.password } },
  },
  {
    label: 'url with a password holding an unencoded "/"',
    option: 'url',
    options: { url: `http://${SECRETS.username}:p/${SECRETS.password}@kibana.test` },
  },
  {
    label: 'url with a password holding an unencoded "?" and "@"',
    option: 'url',
    options: { url: `http://${SECRETS.username}:${SECRETS.password}?@x@kibana.test:99999` },
  },
  {
    label: 'url with credentials and a bad host',
    option: 'url',
    options: { url: `http://${SECRETS.username}:${SECRETS.password}@kibana test` },
  },
  {
    label: 'url with credentials and ftp:',
    option: 'url',
    options: { url: `ftp://${SECRETS.username}:${SECRETS.password}@kibana.test` },
  },
  {
    label: 'url with credentials and a query',
    option: 'url',
    options: { url: `http://${SECRETS.username}:${SECRETS.password}@kibana.test/?a=1` },
  },
  { label: 'space with capitals', option: 'space', options: { ...BASE, space: 'Ops' } },
  { label: 'space a number', option: 'space', options: { ...BASE, space: 1 } },
  { label: 'headers a string', option: 'headers', options: { ...BASE, headers: 'x-a: 1' } },
  { label: 'headers an array', option: 'headers', options: { ...BASE, headers: [['x-a', '1']] } },
  { label: 'headers with a bad name', option: 'headers["x a"]', options: { ...BASE, headers: { 'x a': '1' } } },
  {
    label: 'headers with authorization',
    option: 'headers["Authorization"]',
    options: { ...BASE, headers: { Authorization: 'Basic x' } },
  },
  { label: 'headers with kbn-xsrf', option: 'headers["kbn-xsrf"]', options: { ...BASE, headers: { 'kbn-xsrf': 'x' } } },
  { label: 'headers with a number value', option: 'headers["x-a"]', options: { ...BASE, headers: { 'x-a': 1 } } },
  {
    label: 'headers with a line break',
    option: 'headers["x-a"]',
    options: { ...BASE, headers: { 'x-a': 'a\r\nx-injected: 1' } },
  },
  {
    label: 'headers holding a secret with a control character',
    option: 'headers["x-api-key"]',
    options: { ...BASE, headers: { 'x-api-key': `${SECRETS.bearer}\u0007` } },
  },
  { label: 'requestTimeout 0', option: 'requestTimeout', options: { ...BASE, requestTimeout: 0 } },
  { label: 'requestTimeout 1.5', option: 'requestTimeout', options: { ...BASE, requestTimeout: 1.5 } },
  { label: 'requestTimeout "30s"', option: 'requestTimeout', options: { ...BASE, requestTimeout: '30s' } },
  { label: 'requestTimeout NaN', option: 'requestTimeout', options: { ...BASE, requestTimeout: Number.NaN } },
  { label: 'maxRetries -1', option: 'maxRetries', options: { ...BASE, maxRetries: -1 } },
  { label: 'maxRetries 101', option: 'maxRetries', options: { ...BASE, maxRetries: 101 } },
  { label: 'maxRetries Infinity', option: 'maxRetries', options: { ...BASE, maxRetries: Number.POSITIVE_INFINITY } },
  { label: 'retry a number', option: 'retry', options: { ...BASE, retry: 3 } },
  { label: 'retry with an unknown key', option: 'retry.attempts', options: { ...BASE, retry: { attempts: 3 } } },
  { label: 'retry.initialDelay -1', option: 'retry.initialDelay', options: { ...BASE, retry: { initialDelay: -1 } } },
  { label: 'retry.maxDelay "1s"', option: 'retry.maxDelay', options: { ...BASE, retry: { maxDelay: '1s' } } },
  {
    label: 'retry.maxRetryAfter 0.5',
    option: 'retry.maxRetryAfter',
    options: { ...BASE, retry: { maxRetryAfter: 0.5 } },
  },
  { label: 'maxResponseSize 0', option: 'maxResponseSize', options: { ...BASE, maxResponseSize: 0 } },
  { label: 'maxResponseSize "32MB"', option: 'maxResponseSize', options: { ...BASE, maxResponseSize: '32MB' } },
  { label: 'transport "http"', option: 'transport', options: { ...BASE, transport: 'http' } },
  { label: 'transport fetch with tls', option: 'tls', options: { ...BASE, transport: 'fetch', tls: { ca: 'x' } } },
  { label: 'fetch a string', option: 'fetch', options: { ...BASE, fetch: 'fetch' } },
  {
    label: 'fetch with the undici transport',
    option: 'fetch',
    options: { ...BASE, transport: 'undici', fetch: async () => new Response('{}') },
  },
  { label: 'tls a string', option: 'tls', options: { ...BASE, tls: 'ca.pem' } },
  {
    label: 'caFingerprint too short',
    option: 'caFingerprint',
    options: { ...BASE, url: 'https://kibana.test', caFingerprint: 'AB:CD' },
  },
  {
    label: 'caFingerprint not hex',
    option: 'caFingerprint',
    options: { ...BASE, url: 'https://kibana.test', caFingerprint: 'ZZ'.repeat(32) },
  },
  {
    label: 'caFingerprint with an http: URL',
    option: 'caFingerprint',
    options: { ...BASE, caFingerprint: FINGERPRINT },
  },
  { label: 'proxy socks5:', option: 'proxy', options: { ...BASE, proxy: 'socks5://127.0.0.1:1080' } },
  { label: 'proxy a number', option: 'proxy', options: { ...BASE, proxy: 3128 } },
  { label: 'connections 0', option: 'connections', options: { ...BASE, connections: 0 } },
  { label: 'connections 70000', option: 'connections', options: { ...BASE, connections: 70_000 } },
  { label: 'connections "16"', option: 'connections', options: { ...BASE, connections: '16' } },
];

describe('invalid client options are refused by the constructor, naming the option', () => {
  it(`counts its cases (${OPTION_ROWS.length})`, () => {
    expect(OPTION_ROWS.length).toBeGreaterThan(50);
  });

  it.each(OPTION_ROWS.map((row) => [row.label, row] as const))('%s', async (_label, row) => {
    let calls = 0;
    const fetch = async () => {
      calls++;
      return new Response('{}');
    };
    const options =
      row.options === undefined || typeof row.options !== 'object' || 'fetch' in row.options
        ? row.options
        : { ...row.options, ...(usesUndici(row.options) ? {} : { fetch }) };
    const error = await thrown(() => new KibanaClient(options as unknown as KibanaClientOptions));
    expectNamed(error, ConfigurationError, row.option);
    expect(error).toBeInstanceOf(KibanaError);
    expect(calls).toBe(0);
    expect(leaksIn(error, row.label)).toEqual([]);
  });
});

function usesUndici(options: Record<string, unknown>): boolean {
  return (
    options.transport === 'undici' ||
    ['tls', 'caFingerprint', 'proxy', 'connections'].some((key) => options[key] !== undefined)
  );
}

/**
 * What the SDK leaves to Kibana: values of the right container type whose fields are wrong. Each
 * of these is sent, and Kibana's 400 (BadRequestError) is the first to object. Kept as a table so a
 * change that starts checking one of them shows up here.
 */
const LEFT_TO_KIBANA: Array<{ label: string; call: BadCall }> = [
  { label: 'cases.create body.title a number', call: (k) => k.cases.create(bad({ ...CASE_BODY, title: 42 })) },
  { label: 'cases.create body.tags a string', call: (k) => k.cases.create(bad({ ...CASE_BODY, tags: 'db' })) },
  { label: 'cases.find query.status not a status', call: (k) => k.cases.find({ status: bad('pending') }) },
  {
    label: 'cases.addComment body.type unknown',
    call: (k) => k.cases.addComment(ok, bad({ type: 'note', comment: 'c', owner: 'cases' })),
  },
  { label: 'rules.create body.schedule a string', call: (k) => k.rules.create(bad({ ...RULE_BODY, schedule: '1m' })) },
  { label: 'rules.disable body.untrack a string', call: (k) => k.rules.disable(ok, { untrack: bad('yes') }) },
  { label: 'connectors.run body.params a string', call: (k) => k.connectors.run(ok, { params: bad('go') }) },
  {
    label: 'apm.agentConfiguration.save query.overwrite a string',
    call: (k) => k.apm.agentConfiguration.save({ service: {}, settings: {} }, { overwrite: bad('yes') }),
  },
];

describe('left to Kibana (listed, not checked locally)', () => {
  it.each(LEFT_TO_KIBANA.map((row) => [row.label, row] as const))('%s is sent as given', async (_label, row) => {
    const { kibana, requests } = recordingClient();
    await row.call(kibana);
    expect(requests).toHaveLength(1);
  });
});
