// A CloudTrail SDK client for a test server's endpoint (the same endpoint as IAM and STS).

import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { ROOT_KEY, type TestServer } from './server.js';

export function cloudTrailClient(t: TestServer, credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } = ROOT_KEY): CloudTrailClient {
  return new CloudTrailClient({
    endpoint: async () => {
      const url = new URL(t.server.url);
      return { protocol: url.protocol, hostname: url.hostname, port: Number(url.port), path: '/' };
    },
    region: 'us-east-1',
    credentials,
    maxAttempts: 1,
  });
}
