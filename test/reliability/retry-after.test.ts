// Retry-After values a server may send that are neither whole seconds nor an HTTP date, and the
// retryAfter that 429 and 503 errors report.
import { describe, expect, it } from 'vitest';
import { ServiceUnavailableError, TooManyRequestsError } from '../../src/index.node.js';
import { faults } from './faults.js';
import { runScenario, type Transport } from './scenario.js';

const BACKOFF = { initialDelay: 100, maxDelay: 100 };

describe.each(['fetch', 'undici'] as Transport[])('Retry-After over the %s transport', (transport) => {
  it.each(['-1', '5.5', '1.5', '1e3', '0x10', 'soon'])(
    'Retry-After: %s is ignored: the retries wait the normal backoff',
    async (value) => {
      const result = await runScenario({
        transport,
        fault: faults.times(2, faults.kibanaStarting(value), faults.ok()),
        client: { retry: BACKOFF },
        call: (kibana) => kibana.cases.get('case-1'),
      });
      expect(result.leaks).toEqual([]);
      expect(result.leftOpen).toEqual({});
      const delays = result.outcomes.flatMap((outcome) => {
        expect(outcome.error).toBeUndefined();
        expect(outcome.hits).toBe(3);
        return outcome.retries.map((event) => event.delay);
      });
      expect(delays).toHaveLength(8);
      for (const delay of delays) expect(delay).toBeLessThan(BACKOFF.maxDelay);
      // Full jitter draws each delay from [0, 100): eight zeros would mean the value was read as a past date.
      expect(delays.some((delay) => delay > 0)).toBe(true);
    },
  );

  it('an HTTP date two seconds ahead is waited for', async () => {
    const result = await runScenario({
      transport,
      fault: (hit, response, attempt) =>
        faults.times(1, faults.kibanaStarting(new Date(Date.now() + 2_000).toUTCString()), faults.ok())(
          hit,
          response,
          attempt,
        ),
      client: { retry: BACKOFF },
      call: (kibana) => kibana.cases.get('case-1'),
    });
    for (const outcome of result.outcomes) {
      expect(outcome.error).toBeUndefined();
      expect(outcome.retries).toHaveLength(1);
      // The date has whole seconds: the wait is between one and two seconds.
      expect(outcome.retries[0]!.delay).toBeGreaterThan(900);
      expect(outcome.retries[0]!.delay).toBeLessThanOrEqual(2_000);
    }
  });

  it('retryAfter on a 503 and a 429 is the seconds Kibana asked for, or undefined', async () => {
    const cases: Array<[string, number | undefined]> = [
      ['7', 7],
      ['0', 0],
      ['-1', undefined],
      ['1.5', undefined],
    ];
    for (const [value, expected] of cases) {
      const starting = await runScenario({
        transport,
        fault: faults.kibanaStarting(value),
        client: { maxRetries: 0 },
        call: (kibana) => kibana.cases.get('case-1'),
      });
      for (const outcome of starting.outcomes) {
        expect(outcome.error).toBeInstanceOf(ServiceUnavailableError);
        expect((outcome.error as ServiceUnavailableError).retryAfter).toBe(expected);
      }
      const limited = await runScenario({
        transport,
        fault: faults.tooManyRequests(value),
        client: { maxRetries: 0 },
        call: (kibana) => kibana.cases.get('case-1'),
      });
      for (const outcome of limited.outcomes) {
        expect(outcome.error).toBeInstanceOf(TooManyRequestsError);
        expect((outcome.error as TooManyRequestsError).retryAfter).toBe(expected);
      }
    }
    const dated = await runScenario({
      transport,
      fault: (hit, response, attempt) =>
        faults.tooManyRequests(new Date(Date.now() + 3_000).toUTCString())(hit, response, attempt),
      client: { maxRetries: 0 },
      call: (kibana) => kibana.cases.get('case-1'),
    });
    for (const outcome of dated.outcomes) {
      const seconds = (outcome.error as TooManyRequestsError).retryAfter;
      expect(seconds).toBeGreaterThanOrEqual(2);
      expect(seconds).toBeLessThanOrEqual(3);
    }
    const silent = await runScenario({
      transport,
      fault: faults.ok({ statusCode: 503, error: 'Service Unavailable', message: 'busy' }, 503),
      client: { maxRetries: 0 },
      call: (kibana) => kibana.cases.get('case-1'),
    });
    for (const outcome of silent.outcomes)
      expect((outcome.error as ServiceUnavailableError).retryAfter).toBeUndefined();
  });
});
