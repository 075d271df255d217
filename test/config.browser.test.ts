// The browser entry on its own, as a bundle gets it: the Node entry is never loaded in this file.
import { describe, expect, it } from 'vitest';
import { KibanaClient as BrowserClient } from '../src/index.js';

describe('browser entry', () => {
  it('has no undici transport in the browser entry', () => {
    expect(() => new BrowserClient({ url: 'http://kibana', auth: { apiKey: 'k' }, transport: 'undici' })).toThrow(
      /only in Node/,
    );
  });
});
