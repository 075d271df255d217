// While msw loads, Node 25+'s warning `localStorage` getter is out of the way, and only then.
import { afterEach, describe, expect, it } from 'vitest';
import { hideLocalStorageGetter } from '../../src/testing/quiet-local-storage.js';

const original = Object.getOwnPropertyDescriptor(globalThis, 'localStorage');
let reads = 0;

/** A getter like Node's: it counts the reads it would warn about. */
function installGetter(): void {
  reads = 0;
  Object.defineProperty(globalThis, 'localStorage', {
    get: () => {
      reads++;
      return undefined;
    },
    configurable: true,
  });
}

afterEach(() => {
  if (original) Object.defineProperty(globalThis, 'localStorage', original);
  else Reflect.deleteProperty(globalThis, 'localStorage');
});

describe('hideLocalStorageGetter', () => {
  it('on Node 25 and later, answers undefined without the getter until restored', () => {
    installGetter();
    const restore = hideLocalStorageGetter({ version: '26.1.0', flags: ['--no-warnings=SomethingElse'] });
    expect(globalThis.localStorage).toBeUndefined();
    expect(reads).toBe(0);
    restore();
    void globalThis.localStorage;
    expect(reads).toBe(1);
  });

  it('leaves the getter alone with --localstorage-file, before Node 25, or where there is none', () => {
    installGetter();
    const restores = [
      hideLocalStorageGetter({ version: '25.0.0', flags: ['', '--localstorage-file=/tmp/store'] }),
      hideLocalStorageGetter({ version: '24.11.0', flags: [] }),
    ];
    void globalThis.localStorage;
    expect(reads).toBe(1);
    for (const restore of restores) restore();
    Reflect.deleteProperty(globalThis, 'localStorage');
    hideLocalStorageGetter({ version: '26.0.0', flags: [] })();
    expect(Object.getOwnPropertyDescriptor(globalThis, 'localStorage')).toBeUndefined();
  });
});
