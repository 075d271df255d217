/**
 * The payloads of the benchmark, built from the documented examples of the bundled spec so that the
 * client parses the same shapes Kibana sends.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Size of the case document answered by GET /api/cases/{caseId}, in bytes of compact JSON. */
export const CASE_BYTES = 1500;
export const PAGES = 100;
export const PER_PAGE = 100;

export interface Fixtures {
  caseId: string;
  /** The ~1.5 KB case, compact JSON. */
  caseJson: string;
  /** The documented createCase request body. */
  createBody: Record<string, unknown>;
}

interface Operation {
  requestBody?: { content: Record<string, { examples?: Record<string, { value: unknown }> }> };
  responses: Record<string, { content?: Record<string, { examples?: Record<string, { value: unknown }> }> }>;
}

type Spec = { paths: Record<string, Record<string, Operation>> };

function firstExample(examples: Record<string, { value: unknown }> | undefined, what: string): Record<string, unknown> {
  const first = examples && Object.values(examples)[0];
  if (!first || typeof first.value !== 'object' || first.value === null)
    throw new Error(`the spec has no example for ${what}`);
  return structuredClone(first.value) as Record<string, unknown>;
}

/** Pads (or trims) the case's description so the compact JSON is exactly `bytes` long. */
function sized(document: Record<string, unknown>, bytes: number): string {
  const filler = 'Disk usage on db-1 crossed 90% during the nightly backup; the on-call engineer is investigating. ';
  const base = String(document.description ?? '');
  const length = (description: string) => Buffer.byteLength(JSON.stringify({ ...document, description }));
  let description = base;
  while (length(description) < bytes) description += filler;
  while (length(description) > bytes && description.length > 0) description = description.slice(0, -1);
  const text = JSON.stringify({ ...document, description });
  if (Buffer.byteLength(text) !== bytes) throw new Error(`could not size the case document to ${bytes} bytes`);
  return text;
}

export function buildFixtures(root: string): Fixtures {
  const spec = JSON.parse(readFileSync(path.join(root, 'generated/kibana.openapi.json'), 'utf8')) as Spec;
  const getCase = spec.paths['/api/cases/{caseId}']?.get;
  const createCase = spec.paths['/api/cases']?.post;
  if (!getCase || !createCase) throw new Error('the spec lacks GET /api/cases/{caseId} or POST /api/cases');
  const document = firstExample(getCase.responses['200']?.content?.['application/json']?.examples, 'getCase');
  const createBody = firstExample(createCase.requestBody?.content['application/json']?.examples, 'createCase');
  return { caseId: String(document.id), caseJson: sized(document, CASE_BYTES), createBody };
}

/**
 * The `_find` answer for `page`: `perPage` distinct cases made from the example, `total` overall.
 * What differs between real cases (ids, versions, times, title, description, comment ids) differs
 * here too, so a parsed page holds as many distinct strings as a real one would.
 */
export function findPage(caseJson: string, page: number, perPage: number, total: number): string {
  const template = JSON.parse(caseJson) as Record<string, unknown> & { comments?: Record<string, unknown>[] };
  const cases: unknown[] = [];
  const first = (page - 1) * perPage;
  for (let i = first; i < Math.min(first + perPage, total); i++) {
    const suffix = i.toString(16).padStart(12, '0');
    const time = new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString();
    cases.push({
      ...template,
      id: `31cdada0-02c1-11ed-85f2-${suffix}`,
      version: `WzM2LD${i}Fd`,
      title: `Case ${i + 1}: ${String(template.title)}`,
      description: `#${i + 1} ${String(template.description)}`.slice(0, String(template.description).length),
      created_at: time,
      updated_at: time,
      comments: (template.comments ?? []).map((comment) => ({
        ...comment,
        id: `2134c1d0-02c2-11ed-85f2-${suffix}`,
        version: `WzM3LD${i}Fd`,
        created_at: time,
      })),
    });
  }
  return JSON.stringify({
    page,
    per_page: perPage,
    total,
    cases,
    count_open_cases: total,
    count_in_progress_cases: 0,
    count_closed_cases: 0,
  });
}
