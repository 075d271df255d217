// Custom schedules (what snoozes and maintenance windows are given) and the RFC 5545 recurrence
// rules Kibana stores snoozes as, with Kibana's messages for a duration or frequency it cannot read.
import type { Schemas } from '../../types.js';
import { KibanaHttpError } from '../respond.js';

type Custom = Schemas['AlertingCustomSchedule'];
type Snooze = Schemas['RuleSnooze'];

const DURATION = /^(\d+)([dhms])$/;
const EVERY = /^([1-9]\d*)([yMwdhms])$/;
const UNIT_MS = { d: 864e5, h: 36e5, m: 6e4, s: 1e3 } as const;
/** rrule's frequencies: 0 yearly, 1 monthly, 2 weekly, 3 daily, 4 hourly, 5 minutely, 6 secondly. */
const FREQUENCY = { y: 0, M: 1, w: 2, d: 3, h: 4, m: 5, s: 6 } as const;

/** The milliseconds of a `<integer><unit>` duration; Kibana's 400 for any other text. */
export function durationMs(duration: string, where: string): number {
  const match = DURATION.exec(duration);
  if (!match) throw new KibanaHttpError(400, `[${where}.duration]: Invalid schedule duration format: ${duration}`);
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

function checkStart(start: string, where: string): void {
  if (Number.isNaN(Date.parse(start)))
    throw new KibanaHttpError(400, `[${where}.start]: Invalid snooze start date: ${start}`);
}

/** A custom schedule as the recurrence rule and duration Kibana stores. */
export function customToRRule(custom: Custom, where = 'request body.schedule.custom'): Omit<Snooze, 'id'> {
  checkStart(custom.start, where);
  const duration = durationMs(custom.duration, where);
  const recurring = custom.recurring;
  const rRule: Snooze['rRule'] = { dtstart: custom.start, tzid: custom.timezone ?? 'UTC' };
  if (!recurring) return { duration, rRule: { ...rRule, count: 1 } };
  if (recurring.every !== undefined) {
    const match = EVERY.exec(recurring.every);
    if (!match)
      throw new KibanaHttpError(
        400,
        `[${where}.recurring.every]: string is not a valid every of recurring schedule: ${recurring.every}`,
      );
    rRule.interval = Number(match[1]);
    rRule.freq = FREQUENCY[match[2] as keyof typeof FREQUENCY];
  }
  if (recurring.end !== undefined) rRule.until = recurring.end;
  if (recurring.occurrences !== undefined) rRule.count = recurring.occurrences;
  if (recurring.onWeekDay !== undefined) rRule.byweekday = recurring.onWeekDay;
  if (recurring.onMonthDay !== undefined) rRule.bymonthday = recurring.onMonthDay;
  if (recurring.onMonth !== undefined) rRule.bymonth = recurring.onMonth;
  return { duration, rRule };
}

function formatDuration(ms: number): string {
  for (const unit of ['d', 'h', 'm'] as const) if (ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  return `${Math.round(ms / 1e3)}s`;
}

/** A stored snooze as the custom schedule Kibana answers for it. */
export function rRuleToCustom(snooze: Omit<Snooze, 'id'>): Custom {
  const { rRule } = snooze;
  const custom: Custom = { start: rRule.dtstart, duration: formatDuration(snooze.duration), timezone: rRule.tzid };
  if (rRule.freq === undefined && rRule.count === 1) return custom;
  const letter = (Object.entries(FREQUENCY).find(([, value]) => value === rRule.freq) ?? [])[0];
  const recurring: NonNullable<Custom['recurring']> = {};
  if (letter !== undefined) recurring.every = `${rRule.interval ?? 1}${letter}`;
  if (rRule.until !== undefined) recurring.end = rRule.until;
  if (rRule.count !== undefined) recurring.occurrences = rRule.count;
  if (rRule.byweekday) recurring.onWeekDay = rRule.byweekday.map(String);
  if (rRule.bymonthday) recurring.onMonthDay = rRule.bymonthday;
  if (rRule.bymonth) recurring.onMonth = rRule.bymonth;
  return { ...custom, recurring };
}

/**
 * When the snooze that is active at `now` ends, for a one-off snooze; undefined when none is active.
 * The mock does not expand recurrences, so a recurring snooze never reports an end.
 */
export function snoozeEnd(snooze: Omit<Snooze, 'id'>, now: string): string | undefined {
  if (snooze.rRule.freq !== undefined || snooze.rRule.count !== 1) return undefined;
  const start = Date.parse(snooze.rRule.dtstart);
  const end = start + snooze.duration;
  const at = Date.parse(now);
  return start <= at && at < end ? new Date(end).toISOString() : undefined;
}
