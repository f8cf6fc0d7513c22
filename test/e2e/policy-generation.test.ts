// Policy generation end to end on the embedded SQLite store (cases in policy-generation.case.ts).

import { useTestServer } from '../support/server.js';
import { policyGenerationCases } from './policy-generation.case.js';

const t = useTestServer();

policyGenerationCases(async () => ({
  url: t.server.url,
  iam: (c) => t.iam(c),
  sts: (c) => t.sts(c),
  flush: () => t.server.flushUsage(),
}));
