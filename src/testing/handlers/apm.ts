// APM: agent configuration, agent keys, annotations, the APM Server schema and source maps. Kibana
// keeps these in Elasticsearch indices and Fleet artifacts that are not split by space, so the mock
// keeps one APM state for all spaces.
import type { Schemas } from '../../types.js';
import { KibanaHttpError } from '../respond.js';
import { digestHex, newId, pageOf, type Routes } from '../routes.js';
import type { MockState, StoredAgentConfiguration } from '../state.js';
import { check } from '../validate.js';

const CONFIG_INDEX = '.apm-agent-configuration';
const ANNOTATION_INDEX = 'observability-annotations';
const ALL_ENVIRONMENTS = 'ALL_OPTION_VALUE';

type Service = Schemas['ApmServiceObject'];

function sameService(a: Service, b: Service): boolean {
  return (
    (a.name ?? undefined) === (b.name ?? undefined) && (a.environment ?? undefined) === (b.environment ?? undefined)
  );
}

function exact(state: MockState, service: Service): StoredAgentConfiguration | undefined {
  return state.apm.configurations.find((configuration) => sameService(configuration.service, service));
}

function describeService(service: Service): string {
  return JSON.stringify({ name: service.name, environment: service.environment });
}

/** Settings whose values Kibana checks (a few of the common ones). */
function checkSettings(settings: Record<string, string>): void {
  const rate = settings.transaction_sample_rate;
  if (rate !== undefined && !(Number(rate) >= 0 && Number(rate) <= 1 && rate.trim() !== '')) {
    throw new KibanaHttpError(
      400,
      `Invalid value "${rate}" supplied to "settings.transaction_sample_rate": expected a number between 0 and 1`,
    );
  }
  const spans = settings.transaction_max_spans;
  if (spans !== undefined && !/^\d+$/.test(spans))
    throw new KibanaHttpError(
      400,
      `Invalid value "${spans}" supplied to "settings.transaction_max_spans": expected an integer`,
    );
}

/**
 * The configuration the APM Server would pick for a service: among those whose name and environment
 * match or are unset, a named service beats a named environment, which beats the catch-all.
 */
function bestMatch(state: MockState, service: Service): StoredAgentConfiguration | undefined {
  let best: StoredAgentConfiguration | undefined;
  let bestScore = -1;
  for (const configuration of state.apm.configurations) {
    const { name, environment } = configuration.service;
    if (
      (name !== undefined && name !== service.name) ||
      (environment !== undefined && environment !== service.environment)
    )
      continue;
    const score = (name !== undefined ? 2 : 0) + (environment !== undefined ? 1 : 0);
    if (score > bestScore) {
      best = configuration;
      bestScore = score;
    }
  }
  return best;
}

function epoch(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed)) throw new KibanaHttpError(400, `Invalid value "${value}" supplied to "${name}"`);
  return parsed;
}

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export const apmRoutes = {
  async saveAgentConfiguration(context) {
    const { service, settings, agent_name: agentName } = context.body;
    checkSettings(settings);
    const existing = exact(context.state, service);
    if (existing && context.query.overwrite !== true) {
      throw new KibanaHttpError(
        400,
        `A configuration already exists for ${describeService(service)}. Pass overwrite=true to replace it.`,
      );
    }
    const known = context.state.apm.services.find((candidate) => candidate.name === service.name)?.agentName;
    const resolvedAgent = agentName ?? existing?.agent_name ?? known;
    const stored: StoredAgentConfiguration = {
      id: existing?.id ?? newId().replaceAll('-', '').slice(0, 20),
      service: {
        ...(service.name !== undefined ? { name: service.name } : {}),
        ...(service.environment !== undefined ? { environment: service.environment } : {}),
      },
      settings,
      ...(resolvedAgent !== undefined ? { agent_name: resolvedAgent } : {}),
      '@timestamp': Date.parse(context.now),
      applied_by_agent: false,
      etag: await digestHex('SHA-1', JSON.stringify({ service, settings })),
    };
    if (existing)
      context.state.apm.configurations.splice(context.state.apm.configurations.indexOf(existing), 1, stored);
    else context.state.apm.configurations.push(stored);
    return {};
  },

  getAgentConfigurations(context) {
    return { configurations: structuredClone(context.state.apm.configurations) };
  },

  getAgentConfiguration(context) {
    const found = exact(context.state, { name: context.query.name, environment: context.query.environment });
    if (!found) throw new KibanaHttpError(404, 'Not Found');
    return structuredClone(found);
  },

  deleteAgentConfiguration(context) {
    const found = exact(context.state, context.body.service);
    if (!found) throw new KibanaHttpError(404, `Config was not found for ${describeService(context.body.service)}`);
    context.state.apm.configurations.splice(context.state.apm.configurations.indexOf(found), 1);
    return {
      _index: CONFIG_INDEX,
      _id: found.id,
      _version: 2,
      result: 'deleted',
      _shards: { total: 1, successful: 1, failed: 0 },
      _seq_no: context.state.apm.configurations.length + 1,
      _primary_term: 1,
    };
  },

  async searchAgentConfiguration(context) {
    const found = bestMatch(context.state, context.body.service);
    if (!found) return {};
    if (
      context.body.mark_as_applied_by_agent === true ||
      (context.body.etag !== undefined && context.body.etag === found.etag)
    )
      found.applied_by_agent = true;
    const { id, ...source } = found;
    return { _index: CONFIG_INDEX, _id: id, _score: 1, _source: structuredClone(source) };
  },

  getAgentNameForService(context) {
    const service = context.state.apm.services.find((candidate) => candidate.name === context.query.serviceName);
    const configured = context.state.apm.configurations.find(
      (configuration) => configuration.service.name === context.query.serviceName && configuration.agent_name,
    );
    const agentName = service?.agentName ?? configured?.agent_name;
    return agentName === undefined ? {} : { agentName };
  },

  getEnvironmentsForService(context) {
    const name = context.query.serviceName;
    const services = context.state.apm.services.filter((service) => name === undefined || service.name === name);
    const environments = [...new Set(services.flatMap((service) => service.environments))].sort();
    const configured = (environment: string | undefined) => exact(context.state, { name, environment }) !== undefined;
    return {
      environments: [
        { name: ALL_ENVIRONMENTS, alreadyConfigured: configured(undefined) },
        ...environments.map((environment) => ({ name: environment, alreadyConfigured: configured(environment) })),
      ],
    };
  },

  createAgentKey(context) {
    if (context.body.privileges.length === 0)
      throw new KibanaHttpError(400, 'Failed to create agent key: at least one privilege is required');
    const id = newId().replaceAll('-', '').slice(0, 20);
    const apiKey = newId().replaceAll('-', '').slice(0, 22);
    const agentKey: Schemas['ApmAgentKey'] = {
      id,
      name: context.body.name,
      api_key: apiKey,
      encoded: btoa(`${id}:${apiKey}`),
    };
    context.state.apm.agentKeys.push(agentKey);
    return { agentKey };
  },

  createAnnotation(context) {
    const body = context.body;
    epoch('@timestamp', body['@timestamp']);
    const source: Schemas['ApmAnnotation'] = {
      '@timestamp': new Date(Date.parse(body['@timestamp'])).toISOString(),
      annotation: { type: 'deployment' },
      event: { created: context.now },
      message: body.message ?? body.service.version,
      service: {
        name: context.path.serviceName,
        version: body.service.version,
        ...(body.service.environment !== undefined ? { environment: body.service.environment } : {}),
      },
      tags: [...new Set(['apm', ...(body.tags ?? [])])],
    };
    const created = { _index: ANNOTATION_INDEX, _id: newId().replaceAll('-', '').slice(0, 20), _source: source };
    context.state.apm.annotations.push(created);
    return structuredClone(created);
  },

  searchAnnotations(context) {
    const start = epoch('start', context.query.start);
    const end = epoch('end', context.query.end);
    const environment = context.query.environment;
    const anyEnvironment = environment === undefined || environment === 'ENVIRONMENT_ALL';
    const inRange = (time: number) => (start === undefined || time >= start) && (end === undefined || time <= end);
    const stored = context.state.apm.annotations
      .filter(
        ({ _source }) =>
          _source.service.name === context.path.serviceName &&
          (anyEnvironment || _source.service.environment === environment),
      )
      .map(({ _id, _source }) => ({
        type: 'version' as const,
        id: _id,
        '@timestamp': Date.parse(_source['@timestamp']),
        text: _source.message,
      }))
      .filter((annotation) => inRange(annotation['@timestamp']));
    if (stored.length > 0) return { annotations: stored };
    // Without stored annotations, Kibana marks where each service version first shows up in the APM data.
    const service = context.state.apm.services.find((candidate) => candidate.name === context.path.serviceName);
    const derived = (service?.versions ?? [])
      .filter((version) => anyEnvironment || version.environment === environment)
      .map((version) => ({
        type: 'version' as const,
        id: version.version,
        '@timestamp': Date.parse(version.firstSeen),
        text: version.version,
      }))
      .filter((annotation) => inRange(annotation['@timestamp']));
    return { annotations: derived };
  },

  saveApmServerSchema(context) {
    context.state.apm.serverSchema = structuredClone(context.body.schema ?? {});
    return {};
  },

  getSourceMaps(context) {
    const page = context.query.page ?? 1;
    const perPage = context.query.perPage ?? 20;
    const newestFirst = [...context.state.apm.sourcemaps].reverse();
    return {
      artifacts: pageOf(newestFirst, page, perPage).map(({ artifact, body }) => structuredClone({ ...artifact, body })),
      total: newestFirst.length,
    };
  },

  async uploadSourceMap(context) {
    const file = context.form?.get('sourcemap');
    if (file === null || file === undefined || typeof file === 'string')
      throw new KibanaHttpError(400, '[request body.sourcemap]: expected value of type [File] but got [string]');
    let sourceMap: unknown;
    try {
      sourceMap = JSON.parse(await file.text());
    } catch {
      throw new KibanaHttpError(400, '[request body.sourcemap]: could not parse the source map as JSON');
    }
    check({ $ref: '#/components/schemas/ApmSourceMapContent' }, sourceMap, 'request body.sourcemap');
    const {
      service_name: serviceName,
      service_version: serviceVersion,
      bundle_filepath: bundleFilepath,
    } = context.body;
    const body: Schemas['ApmSourceMapBody'] = {
      serviceName,
      serviceVersion,
      bundleFilepath,
      sourceMap: sourceMap as Schemas['ApmSourceMapContent'],
    };
    const decoded = new TextEncoder().encode(JSON.stringify(body));
    const encoded = await deflate(decoded);
    const decodedSha256 = await digestHex('SHA-256', decoded);
    const identifier = `${serviceName}-${serviceVersion}`;
    const artifact: Schemas['ApmSourceMapArtifact'] = {
      id: `apm:${identifier}-${decodedSha256}`,
      identifier,
      type: 'sourcemap',
      relative_url: `/api/fleet/artifacts/${identifier}/${decodedSha256}`,
      created: context.now,
      compressionAlgorithm: 'zlib',
      encryptionAlgorithm: 'none',
      decodedSha256,
      decodedSize: decoded.byteLength,
      encodedSha256: await digestHex('SHA-256', encoded),
      encodedSize: encoded.byteLength,
      packageName: 'apm',
    };
    const list = context.state.apm.sourcemaps;
    const previous = list.findIndex((stored) => stored.artifact.id === artifact.id);
    if (previous !== -1) list.splice(previous, 1);
    const encodedBody = base64(encoded);
    list.push({ artifact, body, encodedBody });
    return { ...structuredClone(artifact), body: encodedBody };
  },

  deleteSourceMap(context) {
    const list = context.state.apm.sourcemaps;
    const index = list.findIndex((stored) => stored.artifact.id === context.path.id);
    if (index === -1) throw new KibanaHttpError(404, `Source map ${context.path.id} not found`);
    list.splice(index, 1);
    return {};
  },
} satisfies Partial<Routes>;
