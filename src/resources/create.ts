import type { KibanaClient } from '../client.js';
import type { CallOptions } from '../types.js';
import { optionalName, optionalObject, requireObject } from './args.js';

/** Call options of a create method that may name the new object's id. */
export type CreateOptions = CallOptions & { id?: string };

/**
 * POSTs `body` to `<path>/{id}` when `options.id` names the new object, or to `<path>`, where Kibana
 * generates the id. Rules and connectors are created this way.
 */
export async function createWithOptionalId(client: KibanaClient, path: string, body: unknown, options: CreateOptions | undefined): Promise<unknown> {
  const { id, ...callOptions } = optionalObject('options', options) ?? {};
  const given = optionalName('options.id', id);
  requireObject('body', body);
  if (given === undefined) return client.send('post', path, { ...callOptions, body });
  return client.send('post', `${path}/{id}`, { ...callOptions, params: { path: { id: given } }, body });
}
