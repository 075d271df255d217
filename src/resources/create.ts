import type { CallOptions } from '../types.js';
import { optionalName, optionalObject } from './args.js';

/** Call options of a create method that may name the new object's id. */
export type CreateOptions = CallOptions & { id?: string };

/**
 * Splits `options.id`, the id a rule or connector is created with (Kibana generates one when it is
 * left out), from the options of the call itself.
 */
export function splitCreateOptions(options: CreateOptions | undefined): {
  id: string | undefined;
  call: CallOptions | undefined;
} {
  const { id, ...call } = optionalObject('options', options) ?? {};
  return { id: optionalName('options.id', id), call };
}
