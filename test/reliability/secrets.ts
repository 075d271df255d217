/**
 * Distinctive credentials for the reliability suite, every form in which one could leak (raw,
 * base64, base64url, the whole Authorization header), and the checks that none of them shows up in
 * what an error, a client or a log line exposes.
 */
import { inspect } from 'node:util';
import type { KibanaAuth } from '../../src/index.node.js';

export interface AuthCase {
  kind: string;
  auth: KibanaAuth;
  /** The Authorization header the server must receive: proof that the secret really was in play. */
  header: string;
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const b64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

const API_KEY = 'apikey-Zq7Xv2Lk9Wm4Rt8Pn3Yc6Hd1-secret';
const USERNAME = 'svc-reliability';
const PASSWORD = 'p4ssw0rd-Jf5Nb8Tg2Kx7Qe1Ws9-secret';
const BEARER = 'bearer-Ua3Mc6Vh9Ry2Ep5Lz8Gk4-secret';
const KEY_ID = 'keyid-Hs4Pw7Bn1Dx5Vc9Tq2';
const KEY_PART = 'apikeypart-Yr6Fm3Jw8Nk1Lb4Gd7-secret';

/** The raw secrets, for tests that put them where they do not belong (a bad option, a header). */
export const SECRETS = {
  apiKey: API_KEY,
  username: USERNAME,
  password: PASSWORD,
  bearer: BEARER,
  keyId: KEY_ID,
  keyPart: KEY_PART,
} as const;

export const AUTHS: readonly AuthCase[] = [
  { kind: 'apiKey', auth: { apiKey: API_KEY }, header: `ApiKey ${API_KEY}` },
  {
    kind: 'basic',
    auth: { username: USERNAME, password: PASSWORD },
    header: `Basic ${b64(`${USERNAME}:${PASSWORD}`)}`,
  },
  { kind: 'bearer', auth: { bearer: BEARER }, header: `Bearer ${BEARER}` },
  {
    kind: 'apiKey parts',
    auth: { apiKey: { id: KEY_ID, api_key: KEY_PART } },
    header: `ApiKey ${b64(`${KEY_ID}:${KEY_PART}`)}`,
  },
];

/** Every string that must never be seen outside the Authorization header itself. */
export const SECRET_FORMS: readonly string[] = (() => {
  const secrets = [API_KEY, PASSWORD, BEARER, KEY_PART];
  const joined = [`${USERNAME}:${PASSWORD}`, `${KEY_ID}:${KEY_PART}`];
  const forms = new Set<string>();
  for (const text of [...secrets, ...joined]) {
    forms.add(text);
    // base64 of a text shifted by 0-2 bytes, so a secret embedded in a longer encoded string is found too.
    for (const shift of ['', 'x', 'xx']) {
      const encoded = b64(shift + text).replace(/=+$/, '');
      const encodedUrl = b64url(shift + text);
      // The first characters depend on the shift prefix; the inner part is what a longer encoding contains.
      forms.add(encoded.slice(shift ? 4 : 0, -4));
      forms.add(encodedUrl.slice(shift ? 4 : 0, -4));
    }
  }
  for (const { header } of AUTHS) forms.add(header.split(' ')[1]!);
  return [...forms].filter((form) => form.length >= 12);
})();

/** The first secret form found in `text`, if any. */
export function findSecret(text: string): string | undefined {
  return SECRET_FORMS.find((form) => text.includes(form));
}

function safeStringify(value: unknown): string {
  const seen = new WeakSet<object>();
  try {
    return (
      JSON.stringify(value, (_key, item: unknown) => {
        if (typeof item === 'bigint') return String(item);
        if (typeof item === 'object' && item !== null) {
          if (seen.has(item)) return '[Circular]';
          seen.add(item);
        }
        return item;
      }) ?? ''
    );
  } catch (error) {
    return `[unserializable: ${(error as Error).message}]`;
  }
}

/**
 * Every view of `value` a caller or a logger could produce: String, message, stack, JSON (the
 * error's own toJSON), util.inspect with depth Infinity and hidden properties, and the same for
 * each `cause` down the chain. Answers a description of each leak found.
 */
export function leaksIn(value: unknown, label: string): string[] {
  const leaks: string[] = [];
  const check = (view: string, what: string) => {
    const found = findSecret(view);
    if (found) leaks.push(`${label}: ${what} contains ${JSON.stringify(found)}`);
  };
  let current: unknown = value;
  for (let depth = 0; depth < 16 && current !== undefined && current !== null; depth++) {
    const where = depth === 0 ? 'the value' : `cause #${depth}`;
    check(String(current), `String(${where})`);
    check(safeStringify(current), `JSON.stringify(${where})`);
    check(inspect(current, { depth: Infinity, showHidden: true, getters: true }), `inspect(${where})`);
    if (current instanceof Error) {
      check(current.message, `${where}.message`);
      check(current.stack ?? '', `${where}.stack`);
      if (current instanceof AggregateError)
        for (const [index, inner] of current.errors.entries())
          leaks.push(...leaksIn(inner, `${label} ${where}.errors[${index}]`));
    }
    current = typeof current === 'object' ? (current as { cause?: unknown }).cause : undefined;
  }
  return leaks;
}

/** Collects every line written to console.* and to process stdout/stderr, and every process warning, until stopped. */
export function captureOutput(): { lines: string[]; stop: () => void } {
  const lines: string[] = [];
  const restore: Array<() => void> = [];
  const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
  for (const method of methods) {
    const original = console[method];
    console[method] = (...args: unknown[]) => {
      lines.push(
        args
          .map((arg) => (typeof arg === 'string' ? arg : inspect(arg, { depth: Infinity, showHidden: true })))
          .join(' '),
      );
      original.apply(console, args);
    };
    restore.push(() => {
      console[method] = original;
    });
  }
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write;
    stream.write = function write(this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
      lines.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      return (original as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
    } as typeof stream.write;
    restore.push(() => {
      stream.write = original;
    });
  }
  const onWarning = (warning: Error) => lines.push(`${warning.name}: ${warning.message}\n${warning.stack ?? ''}`);
  process.on('warning', onWarning);
  restore.push(() => process.off('warning', onWarning));
  return {
    lines,
    stop: () => {
      for (const undo of restore.reverse()) undo();
    },
  };
}
