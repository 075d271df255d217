// Node 25 and later define `globalThis.localStorage` as a getter that, unless Node was started with
// `--localstorage-file`, prints "ExperimentalWarning: localStorage is not available" and answers
// undefined. msw 2 reads it once while it loads (its cookie store looks for cookies saved there), so
// every test run that loads the mock would print the warning. While msw loads, the getter is replaced
// by a plain `undefined`: what msw would have read anyway, without the warning. Only that moment is
// covered: any later read, the user's own included, still goes to Node's getter.

/** What decides whether Node's getter warns: its version, and its flags (command line and NODE_OPTIONS). */
export interface NodeRuntime {
  version: string;
  flags: readonly string[];
}

function currentRuntime(): NodeRuntime | undefined {
  if (typeof process === 'undefined' || typeof process.versions?.node !== 'string') return undefined;
  return { version: process.versions.node, flags: [...process.execArgv, process.env.NODE_OPTIONS ?? ''] };
}

function warnsOnRead(runtime: NodeRuntime): boolean {
  return Number(runtime.version.split('.')[0]) >= 25 && !runtime.flags.join(' ').includes('--localstorage-file');
}

/** Hides Node's warning `localStorage` getter; returns the function that puts it back. */
export function hideLocalStorageGetter(runtime: NodeRuntime | undefined = currentRuntime()): () => void {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'localStorage');
  if (descriptor?.get === undefined || !descriptor.configurable || !runtime || !warnsOnRead(runtime)) return () => {};
  Object.defineProperty(globalThis, 'localStorage', { value: undefined, writable: true, configurable: true });
  return () => Object.defineProperty(globalThis, 'localStorage', descriptor);
}
