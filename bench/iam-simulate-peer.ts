// The workload in @cloud-copilot/iam-simulate's terms (AGPL peer, benchmark only):
// one validated runSimulation() per request, verdicts mapped to Keyward's names.

import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import type { Workload, WorkloadRequest } from './engine-workload.js';

export type Verdict = WorkloadRequest['expect'];

const VERDICTS = { Allowed: 'Allow', ExplicitlyDenied: 'ExplicitDeny', ImplicitlyDenied: 'ImplicitDeny' } as const;

export function simulationFor(workload: Workload, r: WorkloadRequest): Simulation {
  return {
    request: {
      principal: workload.principalArn,
      action: r.action,
      resource: { resource: r.resource, accountId: workload.account },
      contextVariables: Object.fromEntries(Object.entries(r.context).map(([k, v]) => [k, typeof v === 'string' ? v : [...v]])),
    },
    identityPolicies: workload.policies.map((p) => ({ name: p.name, policy: p.document })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
  };
}

/** iam-simulate's verdict; a validation error is thrown, since the workload must be valid. */
export async function peerDecision(workload: Workload, r: WorkloadRequest): Promise<Verdict> {
  const result = await runSimulation(simulationFor(workload, r), {});
  if (result.resultType === 'error') throw new Error(`iam-simulate rejects ${r.action} ${r.resource}: ${JSON.stringify(result.errors)}`);
  return VERDICTS[result.overallResult];
}
