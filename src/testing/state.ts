// The mock's memory: one SpaceState per Kibana space (cases, comments, settings, activity, files,
// rules, connectors: Kibana keeps all of them per space) and one global APM state (Kibana keeps APM
// settings, annotations, source maps and agent keys in Elasticsearch indices that spaces do not split).
import type { Schemas } from '../types.js';
import {
  defaultAgentConfigurations,
  defaultApmServices,
  type ApmServiceData,
  type KibanaMockSeed,
  type KibanaMockSpaceSeed,
  type MockConnector,
  type MockRule,
} from './seed.js';

/** A file attached to a case. */
export interface StoredFile {
  id: string;
  caseId: string;
  name: string;
  extension: string;
  mimeType: string;
  size: number;
  created: string;
  data: Uint8Array;
}

/** A connector and the secrets it keeps. */
export interface StoredConnector {
  connector: MockConnector;
  secrets: Record<string, unknown>;
}

/** A case as stored: the case with its comments (totals are computed when it is answered). */
export type StoredCase = Schemas['Case'] & { comments: Schemas['CaseComment'][] };

/**
 * A maintenance window as stored: without its status, which depends on the time it is read, and with
 * the date after which it counts as archived (archiving sets it to now, unarchiving a year ahead).
 */
export interface StoredMaintenanceWindow {
  window: Omit<Schemas['MaintenanceWindow'], 'status'>;
  expirationDate: string;
}

/** The objects of one space. */
export class SpaceState {
  readonly cases = new Map<string, StoredCase>();
  readonly userActions = new Map<string, Schemas['CaseUserAction'][]>();
  readonly configurations = new Map<string, Schemas['CaseConfiguration']>();
  readonly files = new Map<string, StoredFile>();
  readonly rules = new Map<string, MockRule>();
  readonly maintenanceWindows = new Map<string, StoredMaintenanceWindow>();
  readonly connectors = new Map<string, StoredConnector>();
  /** External incidents made by pushes, by `${caseId}/${connectorId}`: a second push updates the same incident. */
  readonly incidents = new Map<string, Schemas['CaseExternalService']>();
}

/** An APM agent configuration with its document id. */
export type StoredAgentConfiguration = Schemas['ApmAgentConfiguration'] & { id: string };

/** An uploaded source map: the artifact, its decoded content and its compressed, base64 body. */
export interface StoredSourceMap {
  artifact: Schemas['ApmSourceMapArtifact'];
  body: Schemas['ApmSourceMapBody'];
  encodedBody: string;
}

/** APM's objects, shared by every space. */
export interface ApmState {
  configurations: StoredAgentConfiguration[];
  annotations: Schemas['ApmAnnotationCreateResult'][];
  sourcemaps: StoredSourceMap[];
  agentKeys: Schemas['ApmAgentKey'][];
  serverSchema: Record<string, unknown> | undefined;
  services: ApmServiceData[];
}

/** Everything the mock holds, and the counters that make versions and external ids. */
export class MockState {
  readonly spaces = new Map<string, SpaceState>();
  apm: ApmState = emptyApm();
  #sequence = 0;
  #incident = 0;
  readonly #seed: KibanaMockSeed;

  constructor(seed: KibanaMockSeed) {
    this.#seed = structuredClone(seed);
    this.reset();
  }

  /** Back to the seed: every space, APM and the counters. */
  reset(): void {
    this.spaces.clear();
    this.#sequence = 0;
    this.#incident = 0;
    this.apm = { ...emptyApm(), configurations: defaultAgentConfigurations(), services: defaultApmServices() };
    const { spaces, ...own } = structuredClone(this.#seed);
    this.#load('default', own);
    for (const [id, seed] of Object.entries(spaces ?? {})) this.#load(id, seed);
  }

  /** The state of a space, created empty on first use (the mock accepts any space id). */
  space(id: string): SpaceState {
    let space = this.spaces.get(id);
    if (!space) {
      space = new SpaceState();
      this.spaces.set(id, space);
    }
    return space;
  }

  /** A new saved-object version, written the way Kibana writes them: base64 of `[seqNo,primaryTerm]`. */
  nextVersion(): string {
    this.#sequence++;
    return btoa(`[${this.#sequence},1]`);
  }

  /** The next number for an incident in an external system. */
  nextIncident(): number {
    this.#incident++;
    return this.#incident;
  }

  #load(spaceId: string, seed: KibanaMockSpaceSeed): void {
    const space = this.space(spaceId);
    for (const { secrets, ...connector } of seed.connectors ?? [])
      space.connectors.set(connector.id, { connector, secrets: secrets ?? {} });
    for (const rule of seed.rules ?? []) space.rules.set(rule.id, rule);
    for (const stored of seed.cases ?? []) {
      space.cases.set(stored.id, { ...stored, comments: stored.comments ?? [] });
      const {
        id,
        version,
        created_at,
        created_by,
        owner,
        title,
        description,
        tags,
        severity,
        status,
        settings,
        connector,
        assignees,
        category,
        customFields,
      } = stored;
      // A seeded case has the activity of a case created as it is now.
      space.userActions.set(id, [
        {
          id: `${id}-create`,
          version,
          type: 'create_case',
          action: 'create',
          comment_id: null,
          created_at,
          created_by,
          owner,
          payload: {
            title,
            description,
            tags,
            severity,
            status,
            settings,
            connector,
            owner,
            assignees: assignees ?? [],
            category: category ?? null,
            customFields: customFields ?? [],
          },
        },
      ]);
    }
  }
}

function emptyApm(): ApmState {
  return { configurations: [], annotations: [], sourcemaps: [], agentKeys: [], serverSchema: undefined, services: [] };
}
