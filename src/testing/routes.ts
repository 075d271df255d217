// What a route of the mock receives and must answer, typed per operation from the generated types,
// so that an answer that breaks the spec's shape does not compile.
import type { OperationBody, OperationId, OperationPath, OperationQuery, OperationResult, Schemas } from '../types.js';
import type { MockUser } from './auth.js';
import type { MockConnector, MockRule } from './seed.js';
import type { MockState, SpaceState } from './state.js';

/** One request, checked and parsed, with the state it may read and change. */
export interface RouteContext<Id extends OperationId> {
  readonly request: Request;
  /** Path parameters, decoded. */
  readonly path: OperationPath<Id>;
  /** Query parameters, typed per the spec (numbers, booleans, arrays) and validated. */
  readonly query: Partial<OperationQuery<Id>>;
  /** The JSON body, validated; for multipart bodies the text fields (files are in `form`). */
  readonly body: OperationBody<Id>;
  /** The multipart form, for the upload operations. */
  readonly form: FormData | undefined;
  readonly spaceId: string;
  /** The objects of the request's space. */
  readonly space: SpaceState;
  /** Everything, for what is not per space (APM, counters). */
  readonly state: MockState;
  readonly user: MockUser;
  /** The time of the request, ISO 8601. */
  readonly now: string;
}

/** The implementation of one operation. */
export type Route<Id extends OperationId> = (
  context: RouteContext<Id>,
) => OperationResult<Id> | Promise<OperationResult<Id>>;

/** An implementation for every operation of the spec. */
export type Routes = { [Id in OperationId]: Route<Id> };

/** A page of `items` the way Kibana pages: 1-based pages. */
export function pageOf<T>(items: readonly T[], page: number, perPage: number): T[] {
  return items.slice((page - 1) * perPage, page * perPage);
}

/** A value that may be one item or a list, as a list. */
export function asList<T>(value: T | T[] | undefined | null): T[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** A new random id. */
export function newId(): string {
  return crypto.randomUUID();
}

/** The user as cases record it. Kibana fills `profile_uid` for users with a profile; the mock derives one from the name. */
export function caseUser(user: MockUser): Schemas['CaseUser'] {
  const encoded = btoa(
    Array.from(new TextEncoder().encode(user.username), (b) => String.fromCharCode(b)).join(''),
  ).replace(/[+/=]/g, '');
  return { email: null, full_name: null, username: user.username, profile_uid: `u_${encoded}_0` };
}

/** Lower-case hex of a SHA digest of `data`. */
export async function digestHex(algorithm: 'SHA-1' | 'SHA-256', data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest(algorithm, bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Distributes Omit over a union, so each variant keeps its own fields. */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * A rule as an operation's answer. Rules of types the spec types no params for are answered in the
 * generic shape `OtherRule`, which the `Rule` union names as its `x-defaultMapping` but leaves out of
 * its members (so that checking `rule_type_id` narrows a rule); the answer's type cannot say so.
 */
export function answerRule(rule: MockRule): Schemas['Rule'] {
  return structuredClone(rule) as Schemas['Rule'];
}

/** A connector as an operation's answer; connectors of other types are answered as `OtherConnector` (see {@link answerRule}). */
export function answerConnector(connector: MockConnector): Schemas['Connector'] {
  return structuredClone(connector) as Schemas['Connector'];
}
