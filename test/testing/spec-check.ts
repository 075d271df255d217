// Watches every answer a mock Kibana sends through msw and checks it against the spec: the body
// must match the operation's response schema for that status. It also records which operations
// answered successfully, so that a suite can prove it drove every operation of the spec.
import type { SetupServer } from 'msw/node';
import {
  openapiDocument,
  operations,
  resolve,
  validateResponse,
  validatorFor,
  type OperationEntry,
} from '../spec/helpers.js';

const matchers = [...operations()]
  .sort((a, b) => (a.path.match(/\{/g) ?? []).length - (b.path.match(/\{/g) ?? []).length)
  .map((entry) => ({ entry, pattern: new RegExp(`^${entry.path.replace(/\{[^}]+\}/g, '[^/]+')}/?$`) }));

/** The operation a request is for, once the base path and the space prefix are taken off. */
export function operationFor(method: string, url: string, basePaths: readonly string[]): OperationEntry | undefined {
  let path = new URL(url).pathname;
  const base = basePaths
    .filter((candidate) => candidate && path.startsWith(`${candidate}/`))
    .sort((a, b) => b.length - a.length)[0];
  if (base) path = path.slice(base.length);
  path = path.replace(/^\/s\/[^/]+(?=\/api\/)/, '');
  return matchers.find(({ entry, pattern }) => entry.method === method.toLowerCase() && pattern.test(path))?.entry;
}

const kibanaError = validatorFor({ $ref: '#/components/schemas/KibanaError' });

export interface SpecCheck {
  /** Operation ids that answered a 2xx whose body matched the spec. */
  readonly succeeded: Set<string>;
  /** Every problem found so far: a body that breaks its schema, or an answer for no operation. */
  readonly problems: string[];
  /** `operationId status` pairs the mock answered that the spec does not declare (checked against KibanaError). */
  readonly undeclared: Set<string>;
  /** How many answers were checked. */
  count(): number;
  /** Waits for the checks of the answers sent so far. */
  settle(): Promise<void>;
}

/**
 * Starts checking every answer `server` sends from now on. `secrets` are strings no answer may
 * contain (connector secrets).
 */
export function checkResponses(
  server: SetupServer,
  basePaths: readonly string[],
  secrets: readonly string[] = [],
): SpecCheck {
  const pending: Promise<void>[] = [];
  const succeeded = new Set<string>();
  const problems: string[] = [];
  const undeclared = new Set<string>();
  let checked = 0;
  server.events.on('response:mocked', ({ request, response }) => {
    const copy = response.clone();
    pending.push(
      (async () => {
        checked++;
        const entry = operationFor(request.method, request.url, basePaths);
        const where = `${request.method} ${new URL(request.url).pathname} -> ${response.status}`;
        if (!entry?.operationId) {
          problems.push(`${where}: no operation of the spec matches`);
          return;
        }
        const text = await copy.text();
        for (const secret of secrets)
          if (text.includes(secret))
            problems.push(`${where}: the answer contains the secret ${JSON.stringify(secret)}`);
        let body: unknown;
        if (text !== '') {
          try {
            body = JSON.parse(text);
          } catch {
            problems.push(`${where}: the body is not JSON: ${text.slice(0, 100)}`);
            return;
          }
        }
        const declared = entry.operation.responses ?? {};
        const id = entry.operationId;
        if (!(String(response.status) in declared)) {
          undeclared.add(`${id} ${response.status}`);
          const errors = kibanaError(body);
          if (errors.length > 0) problems.push(`${where} (${id}): not a Kibana error body: ${errors.join('; ')}`);
          return;
        }
        const mediaType =
          Object.keys(resolve(declared[String(response.status)]!).content ?? {})[0] ?? 'application/json';
        const errors = validateResponse(id, response.status, body, mediaType);
        if (errors.length > 0) problems.push(`${where} (${id}): ${errors.slice(0, 5).join('; ')}`);
        else if (response.status < 300) succeeded.add(id);
      })(),
    );
  });
  return {
    succeeded,
    problems,
    undeclared,
    count: () => checked,
    async settle() {
      while (pending.length > 0) await Promise.all(pending.splice(0));
    },
  };
}

/** Every operation id of the spec. */
export function allOperationIds(): string[] {
  return operations()
    .map((entry) => entry.operationId)
    .filter((id): id is string => id !== undefined)
    .sort();
}

export { openapiDocument };
