import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parsePolicy } from '../../policy/document/parse-policy.js';
import { unknownActionFindings } from './action-findings.js';
import { useDefinedServices } from './service-catalogue.js';
import { definitionsFromDirectory } from './static-services.js';

const EXAMPLES = fileURLToPath(new URL('../../../examples/notes-service/', import.meta.url));
const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: ['notes:Get*', 'notes:Fooo', 's3:GetObject'], Resource: '*' },
    { Effect: 'Deny', NotAction: 's3:GetObjekt', Resource: '*' },
  ],
});

afterEach(() => useDefinedServices(undefined));

describe('unknownActionFindings', () => {
  it("reports actions no service has, AWS's or the defined ones, with their paths", async () => {
    useDefinedServices(await definitionsFromDirectory(EXAMPLES));
    const parsed = parsePolicy(POLICY, { kind: 'identity' });
    if (!parsed.ok) throw new Error('the policy should parse');
    expect(await unknownActionFindings(parsed.document)).toEqual([
      { path: 'Statement[0].Action[1]', message: 'notes:Fooo matches no action of service notes' },
      { path: 'Statement[1].NotAction', message: 's3:GetObjekt matches no action of service s3' },
    ]);
  });
});
