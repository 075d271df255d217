import { describe, expect, it } from 'vitest';
import { serializeQuery } from '../src/query.js';

describe('serializeQuery', () => {
  it('repeats keys for arrays and leaves out undefined and null', () => {
    expect(serializeQuery({ tags: ['a b', 'c&d'], status: 'open', page: 2, none: undefined, nil: null })).toBe(
      'tags=a%20b&tags=c%26d&status=open&page=2',
    );
  });

  it('sends objects as JSON text', () => {
    const query = serializeQuery({ has_reference: { type: 'dashboard', id: 'x/1' } });
    expect(new URLSearchParams(query).get('has_reference')).toBe('{"type":"dashboard","id":"x/1"}');
  });

  it('sends booleans as true and false', () => {
    expect(serializeQuery({ overwrite: true, flag: false })).toBe('overwrite=true&flag=false');
  });
});
