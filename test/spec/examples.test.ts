// Every example in the bundled spec must be valid against the schema it illustrates: the examples are
// what users copy and what the mock Kibana serves, so an example the schema rejects means one of the two
// is wrong.
import { describe, expect, it } from 'vitest';
import {
  findOperation,
  isReference,
  openapiDocument,
  operations,
  resolve,
  validateRequestBody,
  validateResponse,
  validatorFor,
  type Example,
  type Header,
  type MediaType,
  type Parameter,
  type Reference,
  type RequestBody,
  type Response,
  type Schema,
} from './helpers.js';

interface ExampleCase {
  name: string;
  schema: Schema | undefined;
  example: Example;
}

function examplesOf(
  where: string,
  schema: Schema | undefined,
  holder: { example?: unknown; examples?: Record<string, Example | Reference> },
): ExampleCase[] {
  const found: ExampleCase[] = [];
  if ('example' in holder) found.push({ name: `${where} example`, schema, example: { value: holder.example } });
  for (const [name, example] of Object.entries(holder.examples ?? {})) {
    found.push({ name: `${where} example '${name}'`, schema, example: resolve(example) });
  }
  return found;
}

function mediaTypeExamples(where: string, content: Record<string, MediaType> | undefined): ExampleCase[] {
  return Object.entries(content ?? {}).flatMap(([mediaType, media]) =>
    examplesOf(`${where} ${mediaType}`, media.schema, media),
  );
}

// Parameters and headers carry examples either beside a `schema` or inside `content` media types.
function parameterExamples(where: string, parameter: Parameter | Header): ExampleCase[] {
  return [...examplesOf(where, parameter.schema, parameter), ...mediaTypeExamples(where, parameter.content)];
}

// A referenced component is walked once, under its own name, rather than at every place that uses it.
function inline<T>(value: T | Reference): T | undefined {
  return isReference(value) ? undefined : value;
}

function responseExamples(where: string, response: Response): ExampleCase[] {
  return [
    ...mediaTypeExamples(where, response.content),
    ...Object.entries(response.headers ?? {}).flatMap(([name, header]) => {
      const defined = inline(header);
      return defined ? parameterExamples(`${where} header ${name}`, defined) : [];
    }),
  ];
}

function requestBodyExamples(where: string, body: RequestBody): ExampleCase[] {
  return mediaTypeExamples(where, body.content);
}

function allExamples(): ExampleCase[] {
  const found: ExampleCase[] = [];
  for (const { path, method, operationId, operation, declaredParameters } of operations()) {
    const name = operationId ?? `${method.toUpperCase()} ${path}`;
    for (const parameter of declaredParameters.map(inline)) {
      if (parameter) found.push(...parameterExamples(`${name} ${parameter.in} parameter ${parameter.name}`, parameter));
    }
    const body = operation.requestBody && inline(operation.requestBody);
    if (body) found.push(...requestBodyExamples(`${name} request`, body));
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      const defined = inline(response);
      if (defined) found.push(...responseExamples(`${name} ${status}`, defined));
    }
  }
  const { parameters = {}, requestBodies = {}, responses = {}, headers = {} } = openapiDocument.components;
  for (const [name, parameter] of Object.entries(parameters)) {
    const defined = inline(parameter);
    if (defined) found.push(...parameterExamples(`components/parameters/${name}`, defined));
  }
  for (const [name, body] of Object.entries(requestBodies)) {
    const defined = inline(body);
    if (defined) found.push(...requestBodyExamples(`components/requestBodies/${name}`, defined));
  }
  for (const [name, response] of Object.entries(responses)) {
    const defined = inline(response);
    if (defined) found.push(...responseExamples(`components/responses/${name}`, defined));
  }
  for (const [name, header] of Object.entries(headers)) {
    const defined = inline(header);
    if (defined) found.push(...parameterExamples(`components/headers/${name}`, defined));
  }
  return found;
}

const examples = allExamples();

describe(`examples in the spec (${examples.length})`, () => {
  it('include request and response examples to check', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  for (const { name, schema, example } of examples) {
    it(`${name} matches its schema`, () => {
      expect(schema, 'a schema to check the example against').toBeDefined();
      expect('value' in example, 'an inline value (externalValue cannot be checked)').toBe(true);
      expect(validatorFor(schema ?? false)(example.value)).toEqual([]);
    });
  }
});

function firstExampleValue(content: Record<string, MediaType> | undefined): unknown {
  const [example] = Object.values(content?.['application/json']?.examples ?? {});
  if (!example) throw new Error('the media type has no examples');
  return structuredClone(resolve(example).value);
}

describe('the example check', () => {
  it('rejects a createCase request without title', () => {
    const { operation } = findOperation('createCase');
    const body = firstExampleValue(operation.requestBody && resolve(operation.requestBody).content) as Record<
      string,
      unknown
    >;
    expect(validateRequestBody('createCase', body)).toEqual([]);

    delete body.title;
    expect(validateRequestBody('createCase', body)).toContainEqual(
      expect.stringContaining("must have required property 'title'"),
    );
  });

  it("rejects a findCases response with a case whose status is 'bogus'", () => {
    const ok = findOperation('findCases').operation.responses?.['200'];
    const body = firstExampleValue(ok && resolve(ok).content) as { cases: { status: string }[] };
    expect(validateResponse('findCases', 200, body)).toEqual([]);

    const [first] = body.cases;
    if (!first) throw new Error('the findCases example has no case to break');
    first.status = 'bogus';
    expect(validateResponse('findCases', 200, body)).toContainEqual(
      expect.stringMatching(/^\/cases\/0\/status must be equal to one of the allowed values/),
    );
  });

  it('checks connector config and rule params per type, and keeps other types in their generic form', () => {
    const webhook = { name: 'hook', connector_type_id: '.webhook', config: { url: 42, method: 'yeet' } };
    expect(validateRequestBody('createConnector', webhook)).not.toEqual([]);
    expect(
      validateRequestBody('createConnector', { ...webhook, config: { url: 'https://hooks.test', method: 'post' } }),
    ).toEqual([]);
    expect(
      validateRequestBody('createConnector', { name: 'p', connector_type_id: '.my-plugin', config: { anything: 1 } }),
    ).toEqual([]);
    const rule = { name: 'r', consumer: 'alerts', schedule: { interval: '1m' } };
    expect(
      validateRequestBody('createRule', { ...rule, rule_type_id: '.index-threshold', params: { aggType: 'average' } }),
    ).not.toEqual([]);
    expect(
      validateRequestBody('createRule', { ...rule, rule_type_id: '.geo-containment', params: { index: 'vehicles' } }),
    ).toEqual([]);
    expect(
      validateRequestBody('createRule', {
        ...rule,
        rule_type_id: '.index-threshold',
        params: {},
        artifacts: { dashboards: [{ id: 'd1' }] },
      }),
    ).not.toEqual([]);
  });

  it('rejects a response status the operation does not declare', () => {
    expect(validateResponse('getCase', 418, {})).toEqual(['getCase declares no 418 response']);
  });
});
