import { describe, expect, it } from 'vitest';
import {
  BadGatewayError,
  ConflictError,
  GatewayTimeoutError,
  InternalServerError,
  KibanaError,
  NotFoundError,
  PayloadTooLargeError,
  ResponseError,
  isKibanaError,
  responseError,
} from '../src/errors.js';

const request = { method: 'PATCH', path: '/api/cases/configure/{configurationId}', url: '/api/cases/configure/abc' };

describe('ResponseError', () => {
  it("names the operation, the status and Kibana's message", () => {
    const error = responseError({
      statusCode: 409,
      body: { statusCode: 409, error: 'Conflict', message: 'This configuration has been updated.' },
      headers: {},
      request,
    });
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toBe(
      'PATCH /api/cases/configure/{configurationId} failed with 409 Conflict: This configuration has been updated.',
    );
    expect(error.kibanaMessage).toBe('This configuration has been updated.');
  });

  it('keeps the raw text of a body that is not JSON', () => {
    const error = responseError({
      statusCode: 502,
      body: '<html><body>Bad gateway</body></html>',
      headers: {},
      request,
    });
    expect(error.constructor).toBe(BadGatewayError);
    expect(error.body).toBe('<html><body>Bad gateway</body></html>');
    expect(error.message).toContain('502 Bad Gateway: <html>');
  });

  it.each([
    [500, InternalServerError, 'InternalServerError', 'Internal Server Error'],
    [502, BadGatewayError, 'BadGatewayError', 'Bad Gateway'],
    [504, GatewayTimeoutError, 'GatewayTimeoutError', 'Gateway Timeout'],
  ])('answers %i with its own ResponseError subclass', (statusCode, ErrorClass, name, reason) => {
    const error = responseError({
      statusCode,
      body: { statusCode, error: reason, message: 'm' },
      headers: {},
      request,
    });
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.name).toBe(name);
    expect(error.statusCode).toBe(statusCode);
  });

  it('keeps ResponseError itself for a status without a subclass', () => {
    const error = responseError({ statusCode: 418, body: 'teapot', headers: {}, request });
    expect(error.constructor).toBe(ResponseError);
  });

  it("explains Kibana's payload limit on 413", () => {
    const error = responseError({
      statusCode: 413,
      body: {
        statusCode: 413,
        error: 'Request Entity Too Large',
        message: 'Payload content length greater than maximum allowed: 1048576',
      },
      headers: {},
      request,
    });
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect(error.message).toMatch(/1 MB.*server\.maxPayload/);
  });

  it('serialises to plain data', () => {
    const error = responseError({
      statusCode: 404,
      body: { statusCode: 404, error: 'Not Found', message: 'nope' },
      headers: { 'content-type': 'application/json' },
      request,
    });
    expect(error).toBeInstanceOf(NotFoundError);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      name: 'NotFoundError',
      statusCode: 404,
      request: { method: 'PATCH' },
    });
  });
});

describe('isKibanaError', () => {
  it('recognises errors of another copy of the package', async () => {
    const copy = (await import('../src/errors.js?copy' as string)) as typeof import('../src/errors.js');
    expect(copy.KibanaError).not.toBe(KibanaError);
    const foreign = new copy.NotFoundError({ statusCode: 404, body: 'x', headers: {}, request });
    expect(foreign instanceof KibanaError).toBe(false);
    expect(isKibanaError(foreign)).toBe(true);
  });

  it('says no to other errors', () => {
    expect(isKibanaError(new Error('x'))).toBe(false);
    expect(isKibanaError(null)).toBe(false);
    expect(isKibanaError({ statusCode: 404 })).toBe(false);
  });
});
