// Maintenance windows per space: create, find (title, creator, status, paging), read, update, delete,
// archive and unarchive, each answered with the status its schedule gives at the time of the request.
import type { Schemas } from '../../types.js';
import { KibanaHttpError, savedObjectNotFound } from '../respond.js';
import { asList, newId, pageOf, type Routes } from '../routes.js';
import type { SpaceState, StoredMaintenanceWindow } from '../state.js';
import { customToRRule, durationMs } from './snooze.js';

type Status = Schemas['MaintenanceWindowStatus'];
type Custom = Schemas['AlertingCustomSchedule'];

const MAX_RESULT_WINDOW = 10_000;
const YEAR_MS = 365 * 864e5;
const DAY_MS = 864e5;
/** Enough periods to pass any date a test or a user would ask about, without expanding forever. */
const MAX_PERIODS = 5_000;
const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

function requireWindow(space: SpaceState, id: string): StoredMaintenanceWindow {
  const found = space.maintenanceWindows.get(id);
  if (!found) throw savedObjectNotFound('maintenance-window', id);
  return found;
}

/** The next start after `from` for an `every` of `<n><unit>`; months and years step by the calendar. */
function step(from: Date, every: string): Date {
  const match = /^(\d+)([yMwdhms])$/.exec(every);
  const count = Number(match?.[1] ?? 1);
  const next = new Date(from);
  switch (match?.[2]) {
    case 'y':
      next.setUTCFullYear(next.getUTCFullYear() + count);
      break;
    case 'M':
      next.setUTCMonth(next.getUTCMonth() + count);
      break;
    case 'w':
      next.setTime(next.getTime() + count * 7 * DAY_MS);
      break;
    case 'h':
      next.setTime(next.getTime() + count * 36e5);
      break;
    case 'm':
      next.setTime(next.getTime() + count * 6e4);
      break;
    case 's':
      next.setTime(next.getTime() + count * 1e3);
      break;
    default:
      next.setTime(next.getTime() + count * DAY_MS);
  }
  return next;
}

/**
 * The starts of a schedule's periods, in order, up to its end, its occurrences or `until`. Weekly and
 * daily schedules with plain weekdays (`MO`...`SU`) happen on those days of the weeks they cover.
 */
function* periodStarts(custom: Custom, until: number): Generator<number> {
  const first = new Date(custom.start);
  const recurring = custom.recurring;
  if (!recurring) {
    yield first.getTime();
    return;
  }
  const end = Math.min(until, recurring.end === undefined ? Infinity : Date.parse(recurring.end));
  const limit = recurring.occurrences ?? Infinity;
  const every = recurring.every ?? '1d';
  const days = (recurring.onWeekDay ?? []).filter((day) => WEEKDAYS.includes(day));
  const byDay = days.length > 0 && /^\d+[wd]$/.test(every);
  let produced = 0;
  if (!byDay) {
    for (
      let at = first;
      at.getTime() <= end && produced < limit && produced < MAX_PERIODS;
      at = step(at, every), produced++
    )
      yield at.getTime();
    return;
  }
  const weeks = every.endsWith('w') ? Number(every.slice(0, -1)) : 1;
  for (let day = 0; produced < limit && produced < MAX_PERIODS; day++) {
    const at = first.getTime() + day * DAY_MS;
    if (at > end) return;
    const inWeek = Math.floor(day / 7) % weeks === 0;
    if (inWeek && days.includes(WEEKDAYS[new Date(at).getUTCDay()]!)) {
      produced++;
      yield at;
    }
  }
}

/** The status Kibana computes: archived past the expiration date, else disabled, else by the periods around now. */
function statusOf(stored: StoredMaintenanceWindow, now: string): Status {
  const at = Date.parse(now);
  const expiration = Date.parse(stored.expirationDate);
  if (expiration < at) return 'archived';
  if (!stored.window.enabled) return 'disabled';
  const custom = stored.window.schedule.custom;
  const duration = durationMs(custom.duration, 'schedule.custom');
  for (const start of periodStarts(custom, expiration)) {
    if (start <= at && at < start + duration) return 'running';
    if (start > at) return 'upcoming';
  }
  return 'finished';
}

function answer(stored: StoredMaintenanceWindow, now: string): Schemas['MaintenanceWindow'] {
  return { ...structuredClone(stored.window), status: statusOf(stored, now) };
}

/** Kibana's checks of a schedule that its route schema cannot express. */
function checkSchedule(schedule: Schemas['MaintenanceWindowSchedule']): void {
  customToRRule(schedule.custom, 'request body.schedule.custom');
}

function words(text: string): string[] {
  return text.toLowerCase().split(/\s+/).filter(Boolean);
}

export const maintenanceWindowRoutes = {
  createMaintenanceWindow(context) {
    const { body } = context;
    checkSchedule(body.schedule);
    const id = newId();
    const stored: StoredMaintenanceWindow = {
      window: {
        id,
        title: body.title,
        enabled: body.enabled ?? true,
        schedule: body.schedule,
        ...(body.scope ? { scope: body.scope } : {}),
        created_by: context.user.username,
        updated_by: context.user.username,
        created_at: context.now,
        updated_at: context.now,
      },
      expirationDate: new Date(Date.parse(context.now) + YEAR_MS).toISOString(),
    };
    context.space.maintenanceWindows.set(id, stored);
    return answer(stored, context.now);
  },

  findMaintenanceWindows(context) {
    const { query, now } = context;
    const page = query.page ?? 1;
    const perPage = query.per_page ?? 10;
    if (page * perPage > MAX_RESULT_WINDOW)
      throw new KibanaHttpError(
        400,
        `The number of documents is too high. Paginating through more than ${MAX_RESULT_WINDOW.toLocaleString('en-US')} documents is not possible.`,
      );
    const statuses = asList(query.status);
    const title = query.title === undefined ? [] : words(query.title);
    const found = [...context.space.maintenanceWindows.values()]
      .map((stored) => answer(stored, now))
      .filter((window) => title.every((word) => words(window.title).some((candidate) => candidate.includes(word))))
      .filter((window) => query.created_by === undefined || window.created_by === query.created_by)
      .filter((window) => statuses.length === 0 || statuses.includes(window.status));
    return { maintenanceWindows: pageOf(found, page, perPage), page, per_page: perPage, total: found.length };
  },

  getMaintenanceWindow(context) {
    return answer(requireWindow(context.space, context.path.id), context.now);
  },

  updateMaintenanceWindow(context) {
    const stored = requireWindow(context.space, context.path.id);
    const { body } = context;
    if (statusOf(stored, context.now) === 'archived') {
      throw new KibanaHttpError(
        409,
        `Failed to update maintenance window by id: ${context.path.id}, Error: Cannot edit archived maintenance windows`,
      );
    }
    if (body.schedule) checkSchedule(body.schedule);
    stored.window = {
      ...stored.window,
      ...(body.title !== undefined ? { title: body.title } : {}),
      ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
      ...(body.schedule ? { schedule: body.schedule } : {}),
      ...(body.scope ? { scope: body.scope } : {}),
      updated_by: context.user.username,
      updated_at: context.now,
    };
    return answer(stored, context.now);
  },

  deleteMaintenanceWindow(context) {
    requireWindow(context.space, context.path.id);
    context.space.maintenanceWindows.delete(context.path.id);
  },

  archiveMaintenanceWindow(context) {
    const stored = requireWindow(context.space, context.path.id);
    // Archiving ends the window now; the instant before "now" keeps a read at the same time archived.
    stored.expirationDate = new Date(Date.parse(context.now) - 1).toISOString();
    stored.window = { ...stored.window, updated_by: context.user.username, updated_at: context.now };
    return answer(stored, context.now);
  },

  unarchiveMaintenanceWindow(context) {
    const stored = requireWindow(context.space, context.path.id);
    stored.expirationDate = new Date(Date.parse(context.now) + YEAR_MS).toISOString();
    stored.window = { ...stored.window, updated_by: context.user.username, updated_at: context.now };
    return answer(stored, context.now);
  },
} satisfies Partial<Routes>;
