import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ConflictError,
  KibanaClient,
  NotFoundError,
  type CallOptions,
  type CreateMaintenanceWindowBody,
  type MaintenanceWindow,
  type UpdateMaintenanceWindowBody,
} from '../../src/index.node.js';
import { createKibanaMock, startKibanaMock, type RunningKibanaMock } from '../../src/testing/index.js';
import {
  expectIdsRefused,
  expectRead,
  expectWrite,
  recordingClient,
  requestExample,
  responseExample,
} from '../helpers/recorder.js';
import { validateRequestBody } from '../spec/helpers.js';

/** The documented weekly patching window. */
const WEEKLY = requestExample('createMaintenanceWindow', 'weeklyWindow') as CreateMaintenanceWindowBody;
const DISABLE = requestExample('updateMaintenanceWindow', 'disable') as UpdateMaintenanceWindowBody;
const WINDOW_ID = '6a1f3c2e-5b7d-4e21-9c0a-3d8e2f1b4a55';

/** A one-off window of `hours` hours from `startOffsetHours` from now. */
function oneOff(title: string, startOffsetHours: number, hours = 2): CreateMaintenanceWindowBody {
  const start = new Date(Date.now() + startOffsetHours * 3_600_000).toISOString();
  return { title, schedule: { custom: { start, duration: `${hours}h` } } };
}

describe('maintenance windows on the wire', () => {
  it('create POSTs the body to /api/maintenance_window and answers the window', async () => {
    const recorder = recordingClient();
    const { kibana, reply } = recorder;
    reply({ body: responseExample('createMaintenanceWindow') });
    expect(validateRequestBody('createMaintenanceWindow', WEEKLY)).toEqual([]);
    const created = await kibana.rules.maintenanceWindows.create(WEEKLY);
    expectWrite(recorder.last, 'POST', '/api/maintenance_window', WEEKLY);
    expect(created).toEqual(responseExample('createMaintenanceWindow'));
  });

  it('find sends the filters and snake_case paging, a status list as repeated keys', async () => {
    const recorder = recordingClient();
    const { kibana, reply } = recorder;
    reply({ body: responseExample('findMaintenanceWindows') });
    const page = await kibana.rules.maintenanceWindows.find({
      title: 'patching',
      status: ['running', 'upcoming'],
      page: 2,
      per_page: 5,
    });
    expectRead(
      recorder.last,
      '/api/maintenance_window/_find',
      'title=patching&status=running&status=upcoming&page=2&per_page=5',
    );
    expect(page).toEqual(responseExample('findMaintenanceWindows'));
  });

  it('get, update, delete, archive and unarchive address the window by id', async () => {
    const recorder = recordingClient();
    const { kibana, reply, requests } = recorder;
    reply((request) => (request.method === 'DELETE' ? { status: 204 } : { body: {} }));
    const windows = kibana.rules.maintenanceWindows;
    await windows.get('a/b');
    await windows.update(WINDOW_ID, DISABLE);
    await expect(windows.delete(WINDOW_ID)).resolves.toBeUndefined();
    await windows.archive(WINDOW_ID);
    await windows.unarchive(WINDOW_ID);
    expectRead(requests[0]!, '/api/maintenance_window/a%2Fb');
    expectWrite(requests[1]!, 'PATCH', `/api/maintenance_window/${WINDOW_ID}`, { enabled: false });
    expectWrite(requests[2]!, 'DELETE', `/api/maintenance_window/${WINDOW_ID}`);
    expectWrite(requests[3]!, 'POST', `/api/maintenance_window/${WINDOW_ID}/_archive`);
    expectWrite(requests[4]!, 'POST', `/api/maintenance_window/${WINDOW_ID}/_unarchive`);
  });

  it('go to /s/ops through kibana.space and through options.space', async () => {
    const { kibana, requests } = recordingClient();
    const calls: ((options?: CallOptions) => Promise<unknown>)[] = [
      (o) => kibana.rules.maintenanceWindows.create(WEEKLY, o),
      (o) => kibana.rules.maintenanceWindows.find({}, o),
      (o) => kibana.rules.maintenanceWindows.get('w1', o),
    ];
    for (const call of calls) await call({ space: 'ops' });
    await kibana.space('ops').rules.maintenanceWindows.archive('w1');
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /s/ops/api/maintenance_window',
      'GET /s/ops/api/maintenance_window/_find',
      'GET /s/ops/api/maintenance_window/w1',
      'POST /s/ops/api/maintenance_window/w1/_archive',
    ]);
  });

  it('a missing or empty id is an ArgumentError and nothing is sent', async () => {
    await expectIdsRefused('id', (k, id) => k.rules.maintenanceWindows.get(id));
    await expectIdsRefused('id', (k, id) => k.rules.maintenanceWindows.update(id, DISABLE));
    await expectIdsRefused('id', (k, id) => k.rules.maintenanceWindows.delete(id));
    await expectIdsRefused('id', (k, id) => k.rules.maintenanceWindows.archive(id));
    await expectIdsRefused('id', (k, id) => k.rules.maintenanceWindows.unarchive(id));
  });

  it('refuses a body that is not an object and bad paging, without sending', async () => {
    const { kibana, requests } = recordingClient();
    await expect(kibana.rules.maintenanceWindows.create(null as never)).rejects.toMatchObject({ argument: 'body' });
    await expect(kibana.rules.maintenanceWindows.update(WINDOW_ID, 'off' as never)).rejects.toMatchObject({
      argument: 'body',
    });
    await expect(kibana.rules.maintenanceWindows.find({ per_page: 0 })).rejects.toMatchObject({
      name: 'ArgumentError',
    });
    expect(requests).toHaveLength(0);
  });
});

describe('maintenance windows against the mock Kibana', () => {
  let running: RunningKibanaMock;
  let kibana: KibanaClient;
  const mock = createKibanaMock();
  beforeAll(async () => {
    running = await startKibanaMock({ mock });
    kibana = new KibanaClient({ url: running.url, auth: { username: 'elastic', password: 'changeme' }, maxRetries: 0 });
  });
  beforeEach(() => mock.reset());
  afterAll(() => running.close());

  it('a created window is read back as created, with its status and author', async () => {
    const created = await kibana.rules.maintenanceWindows.create(WEEKLY);
    expect(created).toMatchObject({
      title: 'Weekly database patching',
      enabled: true,
      schedule: WEEKLY.schedule,
      scope: WEEKLY.scope,
      created_by: 'elastic',
      updated_by: 'elastic',
    });
    expect(created.id).toEqual(expect.any(String));
    expect(await kibana.rules.maintenanceWindows.get(created.id)).toEqual(created);
  });

  it('status follows the schedule: running now, upcoming later, finished before', async () => {
    const windows = kibana.rules.maintenanceWindows;
    const now = await windows.create(oneOff('now', -1));
    const later = await windows.create(oneOff('later', 24));
    const before = await windows.create(oneOff('before', -48));
    expect([now.status, later.status, before.status]).toEqual(['running', 'upcoming', 'finished']);
    const running = await windows.find({ status: 'running' });
    expect(running.maintenanceWindows.map((w) => w.id)).toEqual([now.id]);
    const notFinished = await windows.find({ status: ['running', 'upcoming'] });
    expect(notFinished.maintenanceWindows.map((w) => w.id)).toEqual([now.id, later.id]);
  });

  it('find filters by title words and pages with per_page', async () => {
    const windows = kibana.rules.maintenanceWindows;
    const a = await windows.create(oneOff('Patch database hosts', 1));
    await windows.create(oneOff('Network upgrade', 1));
    const c = await windows.create(oneOff('Patch web hosts', 1));
    const patches = await windows.find({ title: 'patch' });
    expect(patches.total).toBe(2);
    expect(patches.maintenanceWindows.map((w) => w.id)).toEqual([a.id, c.id]);
    const second = await windows.find({ per_page: 2, page: 2 });
    expect(second).toMatchObject({ page: 2, per_page: 2, total: 3 });
    expect(second.maintenanceWindows).toHaveLength(1);
  });

  it('iterate yields every window, page after page, and ends at the total', async () => {
    const windows = kibana.rules.maintenanceWindows;
    const created: MaintenanceWindow[] = [];
    for (let i = 0; i < 5; i++) created.push(await windows.create(oneOff(`window ${i}`, i + 1)));
    const seen: string[] = [];
    for await (const window of windows.iterate({ per_page: 2 })) seen.push(window.id);
    expect(seen).toEqual(created.map((w) => w.id));
    const upcoming: string[] = [];
    for await (const window of windows.iterate({ title: 'window 3' })) upcoming.push(window.title);
    expect(upcoming).toEqual(['window 3']);
  });

  it('update changes the given fields, and a later read shows them', async () => {
    const windows = kibana.rules.maintenanceWindows;
    const created = await windows.create(WEEKLY);
    const disabled = await windows.update(created.id, DISABLE);
    expect(disabled).toMatchObject({ id: created.id, enabled: false, status: 'disabled', title: WEEKLY.title });
    await windows.update(created.id, { title: 'Monthly database patching' });
    expect(await windows.get(created.id)).toMatchObject({
      title: 'Monthly database patching',
      enabled: false,
      status: 'disabled',
      schedule: WEEKLY.schedule,
    });
  });

  it('archive stops the window and unarchive brings it back; an archived window cannot be edited', async () => {
    const windows = kibana.rules.maintenanceWindows;
    const created = await windows.create(oneOff('release', -1));
    expect((await windows.archive(created.id)).status).toBe('archived');
    expect((await windows.get(created.id)).status).toBe('archived');
    expect((await windows.find({ status: 'archived' })).maintenanceWindows.map((w) => w.id)).toEqual([created.id]);
    await expect(windows.update(created.id, { title: 'renamed' })).rejects.toBeInstanceOf(ConflictError);
    expect((await windows.unarchive(created.id)).status).toBe('running');
    expect((await windows.get(created.id)).status).toBe('running');
  });

  it('delete removes the window: later reads answer NotFoundError and find leaves it out', async () => {
    const windows = kibana.rules.maintenanceWindows;
    const kept = await windows.create(oneOff('kept', 1));
    const gone = await windows.create(oneOff('gone', 1));
    await expect(windows.delete(gone.id)).resolves.toBeUndefined();
    await expect(windows.get(gone.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await windows.find()).maintenanceWindows.map((w) => w.id)).toEqual([kept.id]);
    await expect(windows.delete(gone.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('windows belong to their space', async () => {
    const ops = kibana.space('ops').rules.maintenanceWindows;
    const created = await ops.create(oneOff('ops only', 1));
    expect((await ops.find()).total).toBe(1);
    expect((await kibana.rules.maintenanceWindows.find()).total).toBe(0);
    await expect(kibana.rules.maintenanceWindows.get(created.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('a schedule Kibana cannot read is a BadRequestError naming the field', async () => {
    await expect(
      kibana.rules.maintenanceWindows.create({
        title: 'bad',
        schedule: { custom: { start: '2026-12-24T00:00:00.000Z', duration: '2 hours' } },
      }),
    ).rejects.toMatchObject({
      name: 'BadRequestError',
      message: expect.stringContaining('Invalid schedule duration format: 2 hours'),
    });
  });
});
