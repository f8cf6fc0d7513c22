// Runs a differential scenario through @cloud-copilot/iam-simulate (AGPL, a test-only
// peer) with full input validation, and maps its verdict onto Keyward's names.

import { runSimulation, type EvaluationResult, type Simulation } from '@cloud-copilot/iam-simulate';
import type { Scenario, Verdict } from './scenario.js';

const VERDICTS: Readonly<Record<EvaluationResult, Verdict>> = {
  Allowed: 'Allow',
  ExplicitlyDenied: 'ExplicitDeny',
  ImplicitlyDenied: 'ImplicitDeny',
};

/** Organization levels as iam-simulate takes them: root first, the account last. */
function orgLevels(levels: Scenario['scp'], prefix: string): Simulation['serviceControlPolicies'] {
  return (levels ?? []).map((policies, i) => ({
    orgIdentifier: i === 0 ? 'r-root' : `ou-root-level${i}`,
    policies: policies.map((policy, j) => ({ name: `${prefix}${i}.${j}`, policy })),
  }));
}

/** The scenario as iam-simulate's input (which adds RCPFullAWSAccess to every RCP level itself). */
export function toSimulation(s: Scenario): Simulation {
  return {
    request: {
      principal: s.principal,
      action: s.action,
      resource: { resource: s.resource, accountId: s.resourceAccount },
      contextVariables: Object.fromEntries(Object.entries(s.context).map(([k, v]) => [k, typeof v === 'string' ? v : [...v]])),
    },
    identityPolicies: s.identity.map((policy, i) => ({ name: `identity${i}`, policy })),
    serviceControlPolicies: orgLevels(s.scp, 'scp'),
    resourceControlPolicies: orgLevels(s.rcp, 'rcp'),
    ...(s.boundary ? { permissionBoundaryPolicies: [{ name: 'boundary', policy: s.boundary }] } : {}),
    ...(s.session ? { sessionPolicy: s.session } : {}),
    ...(s.resourcePolicy ? { resourcePolicy: s.resourcePolicy } : {}),
  };
}

/** Runs iam-simulate; a validation error or an ignored context key means the generator made an invalid scenario, and throws. */
export async function runIamSimulate(s: Scenario): Promise<Verdict> {
  const result = await runSimulation(toSimulation(s), {});
  if (result.resultType === 'error') throw new Error(`iam-simulate rejects the scenario: ${JSON.stringify(result.errors)}`);
  if (result.resultType !== 'single') throw new Error(`iam-simulate ran a ${result.resultType} simulation`);
  const ignored = result.result.ignoredContextKeys ?? [];
  if (ignored.length > 0) throw new Error(`iam-simulate ignored context keys ${ignored.join(', ')}`);
  const verdict = VERDICTS[result.overallResult];
  if (verdict === undefined) throw new Error(`unexpected iam-simulate result ${String(result.overallResult)}`);
  return verdict;
}
