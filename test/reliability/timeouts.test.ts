// requestTimeout is one budget for the whole attempt: the headers and the body together.
import { describe, expect, it } from 'vitest';
import { TimeoutError } from '../../src/index.node.js';
import { faults } from './faults.js';
import { runScenario, type Transport } from './scenario.js';

const TIMEOUT = 400;

describe.each(['fetch', 'undici'] as Transport[])('requestTimeout over the %s transport', (transport) => {
  const attempt = (headerDelay: number, bodyTime: number) =>
    runScenario({
      transport,
      fault: faults.slowAnswer(headerDelay, bodyTime),
      client: { requestTimeout: TIMEOUT },
      call: (kibana) => kibana.cases.get('case-1'),
    });

  it.each([
    ['slow headers (1500 ms)', 1_500, 0],
    ['a slow body (headers at once, last byte at 1500 ms)', 0, 1_500],
    ['headers at 250 ms and the last body byte 250 ms later: each within the limit, not both', 250, 250],
  ])('%s: TimeoutError after the one budget', async (_name, headerDelay, bodyTime) => {
    const result = await attempt(headerDelay, bodyTime);
    expect(result.leaks).toEqual([]);
    expect(result.leftOpen).toEqual({});
    for (const outcome of result.outcomes) {
      expect(outcome.error, String(outcome.error)).toBeInstanceOf(TimeoutError);
      expect((outcome.error as Error).message).toBe(`GET /api/cases/{caseId} timed out after ${TIMEOUT} ms`);
      expect(outcome.elapsed).toBeGreaterThanOrEqual(TIMEOUT - 10);
      // Not waiting for the slow phase to end.
      expect(outcome.elapsed).toBeLessThan(1_400);
      expect(outcome.hits).toBe(1);
    }
  });

  it('headers at 100 ms and the body 100 ms later: within the budget', async () => {
    const result = await attempt(100, 100);
    for (const outcome of result.outcomes) expect(outcome.value).toEqual({ id: 'case-1', title: 'Disk full on db-1' });
  });
});
