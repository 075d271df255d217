import { describe, expect, it } from 'vitest';
import { kibanaUrlFromCloudId } from '../src/cloud.js';
import { ConfigurationError } from '../src/errors.js';

const cloudId = (text: string) => `my-deployment:${Buffer.from(text).toString('base64')}`;

describe('kibanaUrlFromCloudId', () => {
  it('derives the Kibana URL from the third component', () => {
    expect(kibanaUrlFromCloudId(cloudId('us-central1.gcp.cloud.es.io:443$es1234$kb5678'))).toBe(
      'https://kb5678.us-central1.gcp.cloud.es.io',
    );
    expect(kibanaUrlFromCloudId(cloudId('eu-west-1.aws.found.io:9243$es$kb'))).toBe(
      'https://kb.eu-west-1.aws.found.io:9243',
    );
    expect(kibanaUrlFromCloudId(cloudId('example.com$es$kb'))).toBe('https://kb.example.com');
  });

  it('explains a Cloud ID without a Kibana component', () => {
    expect(() => kibanaUrlFromCloudId(cloudId('example.com$es'))).toThrow(/no Kibana component/);
  });

  it('rejects text that is not a Cloud ID', () => {
    expect(() => kibanaUrlFromCloudId('name:not base64!')).toThrow(ConfigurationError);
    expect(() => kibanaUrlFromCloudId('')).toThrow(/cloud\.id/);
  });
});
