import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../src/errors.js';
import { spacePrefix } from '../src/space.js';

describe('spacePrefix', () => {
  it('adds no prefix for the default space', () => {
    expect(spacePrefix(undefined)).toBe('');
    expect(spacePrefix('default')).toBe('');
  });

  it('prefixes other spaces with /s/<id>', () => {
    expect(spacePrefix('ops')).toBe('/s/ops');
    expect(spacePrefix('team_a-2')).toBe('/s/team_a-2');
  });

  it.each(['Ops', 'a b', 'ops/x', '', 'é', '../x', 'ops?'])('rejects %j as a space id', (id) => {
    expect(() => spacePrefix(id)).toThrow(ConfigurationError);
    expect(() => spacePrefix(id)).toThrow(/space/);
  });

  it('names the value it rejects', () => {
    expect(() => spacePrefix('Marketing')).toThrow('Invalid option space: "Marketing" is not a valid space id');
  });
});
