import { NODE_ONLY, checkFetch, checkInteger, type UndiciSettings } from '../config.js';
import { describe } from '../describe.js';
import { ConfigurationError } from '../errors.js';
import type { NodeOptions } from '../platform.js';

function isBun(): boolean {
  return (globalThis as { Bun?: unknown }).Bun !== undefined || typeof process.versions.bun === 'string';
}

/**
 * The Node entry's checks of the options that select the undici transport, which the browser entry
 * refuses outright: how they combine with `transport` and `fetch`, Bun, and their values.
 */
export const nodeOptions: NodeOptions = {
  transport(options, origin) {
    const given = NODE_ONLY.filter((key) => options[key] !== undefined);
    let transport = options.transport;
    if (transport === 'fetch' && given.length > 0)
      throw new ConfigurationError(given[0]!, 'needs the undici transport; remove transport: "fetch" or this option');
    checkFetch(options.fetch);
    if (options.fetch !== undefined && (transport === 'undici' || given.length > 0))
      throw new ConfigurationError(
        'fetch',
        'is used by the fetch transport only, and the undici transport is selected',
      );
    transport ??= given.length > 0 ? 'undici' : 'fetch';
    if (transport === 'undici' && isBun()) {
      // Bun swaps in its own undici, whose `request` answers without a status: every call would fail.
      throw new ConfigurationError(
        given[0] ?? 'transport',
        'the undici transport does not work under Bun; use the fetch transport (transport: "fetch", the default)',
      );
    }
    if (options.proxy !== undefined) {
      if (typeof options.proxy !== 'string' || !/^https?:\/\//.test(options.proxy))
        throw new ConfigurationError('proxy', 'expected an http:// or https:// URL');
    }
    if (
      options.caFingerprint !== undefined &&
      (typeof options.caFingerprint !== 'string' ||
        !/^([0-9A-Fa-f]{2}:?){31}[0-9A-Fa-f]{2}$/.test(options.caFingerprint))
    ) {
      throw new ConfigurationError(
        'caFingerprint',
        'expected a SHA-256 fingerprint: 64 hex digits, with or without colons',
      );
    }
    if (options.caFingerprint !== undefined && origin.startsWith('http:'))
      throw new ConfigurationError('caFingerprint', 'needs an https: URL');
    if (options.tls !== undefined && (typeof options.tls !== 'object' || options.tls === null))
      throw new ConfigurationError('tls', `expected an object, got ${describe(options.tls)}`);
    return transport;
  },

  undiciSettings(options): UndiciSettings {
    return {
      tls: options.tls,
      caFingerprint: options.caFingerprint,
      proxy: options.proxy,
      connections:
        options.connections === undefined ? 256 : checkInteger('connections', options.connections, 1, 65_536),
    };
  },
};
