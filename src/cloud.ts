import { decodeBase64Utf8 } from './base64.js';
import { ConfigurationError } from './errors.js';

/**
 * The Kibana URL of an Elastic Cloud deployment. A Cloud ID is `<name>:<base64>`, where the
 * base64 text is `<domain>[:port]$<elasticsearch id>$<kibana id>`.
 */
export function kibanaUrlFromCloudId(cloudId: unknown): string {
  if (typeof cloudId !== 'string' || cloudId.length === 0)
    throw new ConfigurationError('cloud.id', 'expected a non-empty string');
  const encoded = cloudId.slice(cloudId.indexOf(':') + 1);
  let decoded: string;
  try {
    decoded = decodeBase64Utf8(encoded);
  } catch {
    throw new ConfigurationError('cloud.id', 'is not a Cloud ID: the part after ":" is not base64');
  }
  const [domainWithPort, , kibanaId] = decoded.split('$');
  if (!domainWithPort || !kibanaId)
    throw new ConfigurationError('cloud.id', 'has no Kibana component (expected <domain>$<es id>$<kibana id>)');
  const [domain, port] = domainWithPort.split(':');
  return `https://${kibanaId}.${domain}${port && port !== '443' ? `:${port}` : ''}`;
}
