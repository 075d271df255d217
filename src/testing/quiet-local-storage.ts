// Node 25 and later define `globalThis.localStorage` as a getter that, unless Node was started with
// `--localstorage-file`, prints "ExperimentalWarning: localStorage is not available" and answers
// undefined. msw 2 reads it once while it loads (its cookie store looks for cookies saved there), so
// every test run that loads the mock would print the warning. While msw loads, the getter is replaced
// by a plain `undefined`: what msw would have read anyway, without the warning. Only that moment is
// covered: any later read, the user's own included, still goes to Node's getter.

function warnsOnRead(): boolean {
  const major = Number(process.versions?.node?.split('.')[0]);
  if (!(major >= 25)) return false;
  const flags = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' ');
  return !flags.includes('--localstorage-file');
}

/** Hides Node's warning `localStorage` getter; returns the function that puts it back. */
export function hideLocalStorageGetter(): () => void {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'localStorage');
  if (descriptor?.get === undefined || !descriptor.configurable || typeof process === 'undefined') return () => {};
  if (!warnsOnRead()) return () => {};
  Object.defineProperty(globalThis, 'localStorage', { value: undefined, writable: true, configurable: true });
  return () => Object.defineProperty(globalThis, 'localStorage', descriptor);
}
