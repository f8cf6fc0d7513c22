// One EvaluationResult of the policy simulator: the engine's decision for an action on each
// requested resource, shaped the way AWS reports it (one result per action, aggregated over
// the resources, with one ResourceSpecificResult per resource).

import { authorize } from '../../../policy/authorize/authorize.js';
import { contextKeys, type ContextKeys, type RequestPrincipal } from '../../../policy/context.js';
import type { DecisionKind, MatchedStatement } from '../../../policy/evaluate/types.js';
import type { PolicySet } from '../../../policy/authorize/policy-set.js';
import type { WireObject } from '../../../protocol/wire-value.js';
import type { SimulatedCaller } from './caller.js';
import type { SuppliedContext } from './context.js';
import { referencedContextKeys } from './context-keys.js';
import type { SimulationPolicies } from './policies.js';
import { actionResourceTypes } from './resource-types.js';

export interface SimulationSetup {
  readonly policies: SimulationPolicies;
  readonly caller: SimulatedCaller;
  readonly context: SuppliedContext;
  /** The account from ResourceOwner, for resources whose ARN names none. */
  readonly resourceOwner?: string;
}

type WireDecision = 'allowed' | 'explicitDeny' | 'implicitDeny';

const WIRE: Readonly<Record<DecisionKind, WireDecision>> = { Allow: 'allowed', ExplicitDeny: 'explicitDeny', ImplicitDeny: 'implicitDeny' };
const SEVERITY: Readonly<Record<WireDecision, number>> = { allowed: 0, implicitDeny: 1, explicitDeny: 2 };

interface ResourceOutcome {
  readonly resource: string;
  readonly decision: WireDecision;
  readonly statements: readonly WireObject[];
  readonly missing: readonly string[];
  readonly boundaryAllowed?: boolean;
  readonly details?: Readonly<Record<string, WireDecision>>;
}

function accountOfArn(arn: string): string {
  const account = arn.split(':')[4] ?? '';
  return account === 'aws' ? '' : account;
}

export class Simulator {
  private readonly set: PolicySet;
  private readonly keys: ContextKeys;
  private readonly principal: RequestPrincipal;
  /** Keys the policies refer to that the caller did not supply: AWS reports them on implicit denials. */
  private readonly missing: readonly string[];

  constructor(private readonly setup: SimulationSetup) {
    this.set = setup.policies.policySet();
    this.principal = setup.caller.principal;
    this.keys = contextKeys({ ...setup.caller.keys, ...setup.context.values });
    this.missing = referencedContextKeys(setup.policies.documents()).filter((k) => !setup.context.names.has(k.toLowerCase()));
  }

  /** The result for one action; `resources` undefined means ResourceArns was not given (`*`). */
  async evaluate(action: string, resources: readonly string[] | undefined): Promise<WireObject> {
    const types = await actionResourceTypes(action);
    const outcomes = (resources ?? ['*']).map((r) => this.outcome(action, r, types.fits(r)));
    const decision = outcomes.reduce<WireDecision>((worst, o) => (SEVERITY[o.decision] > SEVERITY[worst] ? o.decision : worst), 'allowed');
    const statements = unique(outcomes.flatMap((o) => o.statements), (s) => JSON.stringify(s));
    const missing = unique(outcomes.flatMap((o) => o.missing), (k) => k.toLowerCase());
    const name = resources === undefined ? '*' : resources.length === 1 ? resources[0] : types.formatFor(resources);
    const boundary = this.setup.policies.hasBoundary ? { AllowedByPermissionsBoundary: outcomes.every((o) => o.boundaryAllowed === true) } : undefined;
    return {
      EvalActionName: action,
      ...(name !== undefined && { EvalResourceName: name }),
      EvalDecision: decision,
      MatchedStatements: statements,
      MissingContextValues: missing,
      ...(boundary !== undefined && { PermissionsBoundaryDecisionDetail: boundary }),
      ...(resources !== undefined && { EvalDecisionDetails: aggregateDetails(outcomes) }),
      ...(resources !== undefined && { ResourceSpecificResults: outcomes.map(resourceResult) }),
    };
  }

  private outcome(action: string, resource: string, fits: boolean): ResourceOutcome {
    const hasResourcePolicy = this.setup.policies.hasResourcePolicy;
    // Without a resource policy the simulation is about identity policies alone: same account.
    const resourceAccount = hasResourcePolicy ? accountOfArn(resource) || this.setup.resourceOwner || this.principal.account : this.principal.account;
    const d = authorize({ principal: this.principal, action, resource, keys: this.keys, resourceAccount }, this.set);
    // AWS denies an action on an ARN that is none of its resource types, whatever the policies say.
    const kind: DecisionKind = fits ? d.decision : 'ImplicitDeny';
    const decision = WIRE[kind];
    const matched = kind === 'Allow' ? d.matched.filter((m) => m.policyType !== 'boundary') : kind === 'ExplicitDeny' ? boundaryFirst(d.matched) : [];
    const crossAccount = hasResourcePolicy && resourceAccount !== this.principal.account;
    return {
      resource,
      decision,
      statements: matched.map((m) => this.statement(m)),
      missing: kind === 'ImplicitDeny' ? this.missing : [],
      ...(this.setup.policies.hasBoundary && { boundaryAllowed: d.byType.boundary === 'Allow' }),
      ...(crossAccount && {
        details: { 'IAM Policy': WIRE[d.byType.identity ?? 'ImplicitDeny'], 'Resource Policy': WIRE[d.byType.resource ?? 'ImplicitDeny'] },
      }),
    };
  }

  private statement(m: MatchedStatement): WireObject {
    const policy = this.setup.policies.describe(m.policyId);
    const span = policy?.spans[m.index];
    return {
      SourcePolicyId: policy?.sourceId ?? m.policyId,
      SourcePolicyType: policy?.sourceType ?? 'IAM Policy',
      ...(span !== undefined && {
        StartPosition: { Line: span.start.line, Column: span.start.column },
        EndPosition: { Line: span.end.line, Column: span.end.column },
      }),
    };
  }
}

/** Denies from a permissions boundary are listed first, as AWS lists them. */
function boundaryFirst(matched: readonly MatchedStatement[]): MatchedStatement[] {
  return [...matched.filter((m) => m.policyType === 'boundary'), ...matched.filter((m) => m.policyType !== 'boundary')];
}

function unique<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Empty for same-account simulations; per policy type (most restrictive over the resources) across accounts. */
function aggregateDetails(outcomes: readonly ResourceOutcome[]): Record<string, WireDecision> {
  const out: Record<string, WireDecision> = {};
  for (const o of outcomes) {
    for (const [type, decision] of Object.entries(o.details ?? {})) {
      const current = out[type];
      if (current === undefined || SEVERITY[decision] > SEVERITY[current]) out[type] = decision;
    }
  }
  return out;
}

/** Empty lists are left out of a ResourceSpecificResult, as AWS leaves them out. */
function resourceResult(o: ResourceOutcome): WireObject {
  return {
    EvalResourceName: o.resource,
    EvalResourceDecision: o.decision,
    ...(o.statements.length > 0 && { MatchedStatements: o.statements }),
    ...(o.missing.length > 0 && { MissingContextValues: o.missing }),
    ...(o.details !== undefined && { EvalDecisionDetails: o.details }),
    ...(o.boundaryAllowed !== undefined && { PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: o.boundaryAllowed } }),
  };
}
