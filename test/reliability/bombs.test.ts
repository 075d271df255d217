// Compressed answers that expand far past maxResponseSize ("decompression bombs"). fetch decodes
// gzip and br as it reads; undici hands over the bytes as they came (and asks for no encoding).
import { beforeAll, describe, expect, it } from 'vitest';
import { DeserializationError, ResponseError } from '../../src/index.node.js';
import { compressedJson, faults, peakMemory, type BombEncoding } from './faults.js';
import { errorName, runScenario, type Outcome, type Transport } from './scenario.js';

const MiB = 1024 * 1024;
const LIMIT = MiB;
const bombs = new Map<BombEncoding, Buffer>();

beforeAll(async () => {
  for (const encoding of ['gzip', 'br'] as const) bombs.set(encoding, await compressedJson(encoding, 64 * MiB));
});

function errors(outcomes: Outcome[]): unknown[] {
  return outcomes.map((outcome) => outcome.error);
}

describe.each(['fetch', 'undici'] as Transport[])('decompression bombs over the %s transport', (transport) => {
  describe.each(['gzip', 'br'] as BombEncoding[])('%s', (encoding) => {
    it('64 MiB behind a small content-length: DeserializationError, memory bounded by maxResponseSize', async () => {
      const bomb = bombs.get(encoding)!;
      expect(bomb.length).toBeLessThan(LIMIT / 10);
      const { value: result, peak } = await peakMemory(() =>
        runScenario({
          transport,
          fault: faults.compressed(encoding, bomb),
          client: { maxResponseSize: LIMIT, maxRetries: 0 },
          call: (kibana) => kibana.cases.get('case-1'),
        }),
      );
      expect(result.leaks).toEqual([]);
      expect(result.leftOpen).toEqual({});
      for (const error of errors(result.outcomes)) {
        expect(error, String(error)).toBeInstanceOf(DeserializationError);
        // fetch decoded it and stopped at the limit; undici got the compressed bytes, which are not JSON.
        if (transport === 'fetch')
          expect((error as Error).message).toMatch(/more than maxResponseSize \(1048576 bytes\)/);
        else expect((error as Error).message).toMatch(/not JSON/);
      }
      expect(peak).toBeLessThan(48 * MiB);
    });

    // undici is bounded by the compressed bytes, which for br are under the limit: the whole bomb is
    // sent to it, so it gets a smaller one to keep the server's compressing short.
    const streamed = transport === 'fetch' ? 2048 * MiB : 256 * MiB;
    it(`${streamed / MiB} MiB compressed as it is sent, no content-length: DeserializationError, memory bounded`, async () => {
      const { value: result, peak } = await peakMemory(() =>
        runScenario({
          transport,
          fault: faults.compressedStream(encoding, streamed),
          client: { maxResponseSize: LIMIT, maxRetries: 0 },
          call: (kibana) => kibana.cases.get('case-1'),
        }),
      );
      expect(result.leaks).toEqual([]);
      expect(result.leftOpen).toEqual({});
      for (const error of errors(result.outcomes)) expect(error, String(error)).toBeInstanceOf(DeserializationError);
      // Four clients, each stopped reading near 1 MiB decoded (plus what the pipes buffered), so the
      // server had to make only a small part of the 8 GiB it offered.
      if (transport === 'fetch') expect(result.server!.bodyBytesSent).toBeLessThan(512 * MiB);
      expect(peak).toBeLessThan(48 * MiB);
    });

    it('an error status with a bomb for a body: the ResponseError keeps no more than the limit', async () => {
      const bomb = bombs.get(encoding)!;
      const { value: result, peak } = await peakMemory(() =>
        runScenario({
          transport,
          fault: faults.compressed(encoding, bomb, 502),
          client: { maxResponseSize: LIMIT, maxRetries: 0 },
          call: (kibana) => kibana.cases.get('case-1'),
        }),
      );
      expect(result.leaks).toEqual([]);
      expect(result.leftOpen).toEqual({});
      for (const outcome of result.outcomes) {
        expect(errorName(outcome)).toBe('BadGatewayError');
        const error = outcome.error as ResponseError;
        expect(error).toBeInstanceOf(ResponseError);
        expect(error.statusCode).toBe(502);
        expect(String(error.body).length).toBeLessThanOrEqual(LIMIT);
      }
      expect(peak).toBeLessThan(48 * MiB);
    });
  });
});
