// Custom schedules and the recurrence rules Kibana stores snoozes as.
import { describe, expect, it } from 'vitest';
import { customToRRule, durationMs, rRuleToCustom, snoozeEnd } from '../../../src/testing/handlers/snooze.js';

describe('custom schedules', () => {
  it('read durations as Kibana does, and refuse others with its message', () => {
    expect(durationMs('90m', 'schedule')).toBe(5_400_000);
    expect(durationMs('1d', 'schedule')).toBe(86_400_000);
    expect(() => durationMs('1.5h', 'request body.schedule.custom')).toThrow(
      '[request body.schedule.custom.duration]: Invalid schedule duration format: 1.5h',
    );
  });

  it('become a one-off or recurring rule and back', () => {
    const once = customToRRule({ start: '2030-01-01T00:00:00.000Z', duration: '2h' });
    expect(once).toEqual({
      duration: 7_200_000,
      rRule: { dtstart: '2030-01-01T00:00:00.000Z', tzid: 'UTC', count: 1 },
    });
    expect(rRuleToCustom(once)).toEqual({ start: '2030-01-01T00:00:00.000Z', duration: '2h', timezone: 'UTC' });
    const monthly = {
      start: '2030-01-01T00:00:00.000Z',
      duration: '1h',
      timezone: 'Asia/Tokyo',
      recurring: { every: '2M', onMonthDay: [1, 15], end: '2031-01-01T00:00:00.000Z' },
    };
    const stored = customToRRule(monthly);
    expect(stored.rRule).toEqual({
      dtstart: monthly.start,
      tzid: 'Asia/Tokyo',
      freq: 1,
      interval: 2,
      bymonthday: [1, 15],
      until: '2031-01-01T00:00:00.000Z',
    });
    expect(rRuleToCustom(stored)).toEqual(monthly);
    expect(() => customToRRule({ ...monthly, recurring: { every: 'monthly' } })).toThrow(
      'string is not a valid every of recurring schedule: monthly',
    );
  });

  it('end a one-off snooze that is active now, and no other', () => {
    const snooze = customToRRule({ start: '2030-01-01T00:00:00.000Z', duration: '1h' });
    expect(snoozeEnd(snooze, '2030-01-01T00:30:00.000Z')).toBe('2030-01-01T01:00:00.000Z');
    expect(snoozeEnd(snooze, '2030-01-01T01:00:00.000Z')).toBeUndefined();
    expect(snoozeEnd(snooze, '2029-12-31T23:59:00.000Z')).toBeUndefined();
  });
});
