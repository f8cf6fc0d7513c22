// An @aws-sdk/client-accessanalyzer client for a test server (useTestServer), signed with the
// root user's keys unless others are given; the endpoint is looked up when a request is sent.

import { AccessAnalyzerClient } from '@aws-sdk/client-accessanalyzer';
import type { Endpoint } from '@smithy/types';
import { ROOT_KEY, type TestServer } from './server.js';

export function accessAnalyzerClient(t: TestServer, credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } = ROOT_KEY): AccessAnalyzerClient {
  const endpoint = async (): Promise<Endpoint> => {
    const url = new URL(t.server.url);
    return { protocol: url.protocol, hostname: url.hostname, port: Number(url.port), path: '/' };
  };
  return new AccessAnalyzerClient({ endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
}
