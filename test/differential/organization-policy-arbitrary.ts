// fast-check generators for AWS Organizations policies over a scenario: service
// control policies (SCPs) and resource control policies (RCPs), one list of
// policies per level from the organization root down to the account.

import fc from 'fast-check';
import { conditionBlockArb } from './condition-arbitrary.js';
import { identityPolicyArb } from './policy-arbitrary.js';
import type { PolicyJson, StatementJson } from './scenario.js';
import { ACTION_PATTERNS, RESOURCE_PATTERNS, type Service } from './vocabulary.js';

/** The SCP AWS attaches by default to every root, OU and account. */
export const FULL_AWS_ACCESS: PolicyJson = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

/** The RCP AWS attaches to every root, OU and account, and that cannot be detached. */
export const RCP_FULL_AWS_ACCESS: PolicyJson = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
};

/** Services of the vocabulary that RCPs apply to (IAM and EC2 are not among them). */
const RCP_SERVICES: readonly Service[] = ['s3', 'sqs', 'sts'];

/** 1-3 levels of SCPs: each level FullAWSAccess, custom identity-style policies, or both. */
export function scpLevelsArb(requestService: Service): fc.Arbitrary<PolicyJson[][]> {
  const policy = fc.oneof({ weight: 3, arbitrary: fc.constant(FULL_AWS_ACCESS) }, { weight: 2, arbitrary: identityPolicyArb(requestService, 2) });
  return fc.array(fc.array(policy, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 3 });
}

function rcpStatementArb(requestService: Service): fc.Arbitrary<StatementJson> {
  const service = RCP_SERVICES.includes(requestService) ? fc.constant(requestService) : fc.constantFrom(...RCP_SERVICES);
  return service.chain((s) =>
    fc
      .record({
        actions: fc.subarray([...ACTION_PATTERNS[s]], { minLength: 1, maxLength: 2 }),
        resources: fc.subarray([...RESOURCE_PATTERNS[s], '*'], { minLength: 1, maxLength: 2 }),
        condition: fc.option(conditionBlockArb, { freq: 4 }),
      })
      .map((r) => {
        const st: Record<string, unknown> = { Effect: 'Deny', Principal: '*', Action: r.actions, Resource: r.resources };
        if (r.condition !== null) st['Condition'] = r.condition;
        return st;
      }),
  );
}

/**
 * 1-3 levels of custom RCPs (0-2 per level). Custom RCPs may only deny; the default
 * RCPFullAWSAccess is on every level in AWS and is added by each engine's runner.
 */
export function rcpLevelsArb(requestService: Service): fc.Arbitrary<PolicyJson[][]> {
  const policy = fc
    .array(rcpStatementArb(requestService), { minLength: 1, maxLength: 2 })
    .map((Statement): PolicyJson => ({ Version: '2012-10-17', Statement }));
  return fc.array(fc.array(policy, { maxLength: 2 }), { minLength: 1, maxLength: 3 });
}
