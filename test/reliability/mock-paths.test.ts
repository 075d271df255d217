// The loopback mock Kibana given a path it cannot decode answers as Kibana does: a 400, not a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKibanaMock, startKibanaMock } from '../../src/testing/index.js';

let kibana: Awaited<ReturnType<typeof startKibanaMock>>;
beforeAll(async () => {
  kibana = await startKibanaMock({ mock: createKibanaMock({ auth: { apiKey: 'k' } }) });
});
afterAll(() => kibana.close());

describe('mock Kibana and malformed percent-encoding', () => {
  it.each(['/api/cases/%E0%A4%A', '/s/ops/api/cases/%E0%A4%A', '/api/cases/%ZZ', '/api/actions/connector/%C3'])(
    'GET %s: Kibana-shaped 400',
    async (path) => {
      const response = await fetch(kibana.url + path, { headers: { authorization: 'ApiKey k' } });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: 'Invalid request path: malformed percent-encoding',
      });
    },
  );

  it('a well-formed encoded id still reaches the route (404 for a case that does not exist)', async () => {
    const response = await fetch(`${kibana.url}/api/cases/${encodeURIComponent('नहीं')}`, {
      headers: { authorization: 'ApiKey k' },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });
});
