import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArgumentError } from '../src/errors.js';
import { encodeSegment, fillPath } from '../src/path.js';

describe('fillPath', () => {
  it('encodes each parameter as one segment', () => {
    expect(fillPath('/api/cases/{caseId}/comments/{commentId}', { caseId: 'a/b?c#d%e f', commentId: 'ü' })).toBe(
      '/api/cases/a%2Fb%3Fc%23d%25e%20f/comments/%C3%BC',
    );
  });

  it('does not substitute placeholders that appear inside a value', () => {
    expect(fillPath('/api/cases/{caseId}/comments/{commentId}', { caseId: '{commentId}', commentId: 'x' })).toBe(
      '/api/cases/%7BcommentId%7D/comments/x',
    );
  });

  it.each([
    [undefined, 'is required'],
    ['', 'must not be empty'],
    ['.', 'cannot be sent'],
    ['..', 'cannot be sent'],
    ['\uD800', 'lone UTF-16 surrogate'],
    [{}, 'expected a string'],
  ])('refuses %j with an ArgumentError', (value, problem) => {
    expect(() => encodeSegment('caseId', value)).toThrow(ArgumentError);
    expect(() => encodeSegment('caseId', value)).toThrow(problem);
  });

  it('round-trips any well-formed id through one segment', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1 }), (id) => {
        fc.pre(id !== '.' && id !== '..');
        const segment = encodeSegment('id', id);
        expect(segment).not.toMatch(/[/?#]/);
        expect(decodeURIComponent(segment)).toBe(id);
      }),
      { numRuns: 2000 },
    );
  });
});
