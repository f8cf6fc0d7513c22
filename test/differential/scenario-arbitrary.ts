// fast-check generators for whole scenarios, one per family: in one account (a
// caller, a valid (action, resource) pair, a context with some keys missing,
// identity policies, and optionally a permissions boundary, a session policy and a
// resource-based policy); the same under SCPs and RCPs; sts:AssumeRole against a
// role's trust policy; and requests across accounts with a resource-based policy.

import fc from 'fast-check';
import { rcpLevelsArb, scpLevelsArb } from './organization-policy-arbitrary.js';
import { callerPrincipalSpecs, CROSS_ACCOUNT_PRINCIPAL_SPECS, identityPolicyArb, resourcePolicyArb, trustPolicyArb } from './policy-arbitrary.js';
import type { ContextRecord, Scenario } from './scenario.js';
import {
  ACCOUNT,
  ACTIONS,
  ASSUME_ROLE,
  BUCKETS,
  INSTANCE_IDS,
  KEYS,
  OBJECT_KEYS,
  OTHER_ACCOUNT,
  OTHER_PRINCIPALS,
  PRINCIPALS,
  QUEUES,
  REGIONS,
  ROLE_NAMES,
  USER_NAMES,
  USER_PATHS,
  type ActionInfo,
  type Service,
} from './vocabulary.js';

interface Target {
  readonly action: ActionInfo;
  readonly resource: string;
  readonly resourceAccount: string;
  /** The bucket name or queue ARN a resource-based policy would be attached to. */
  readonly container?: string;
}

/** An action with a resource ARN of the type AWS documents for it, in one of `accounts`. */
function targetArbFor(actions: readonly ActionInfo[], accounts: readonly string[]): fc.Arbitrary<Target> {
  return fc
    .record({
      action: fc.constantFrom(...actions),
      account: fc.constantFrom(...accounts),
      bucket: fc.constantFrom(...BUCKETS),
      key: fc.constantFrom(...OBJECT_KEYS),
      path: fc.constantFrom(...USER_PATHS),
      user: fc.constantFrom(...USER_NAMES),
      role: fc.constantFrom(...ROLE_NAMES),
      region: fc.constantFrom(...REGIONS),
      instance: fc.constantFrom(...INSTANCE_IDS),
      queue: fc.constantFrom(...QUEUES),
    })
    .map((r): Target => {
      const queueArn = `arn:aws:sqs:${r.region}:${r.account}:${r.queue}`;
      switch (r.action.kind) {
        case 'object':
          return { action: r.action, resource: `arn:aws:s3:::${r.bucket}/${r.key}`, resourceAccount: r.account, container: r.bucket };
        case 'bucket':
          return { action: r.action, resource: `arn:aws:s3:::${r.bucket}`, resourceAccount: r.account, container: r.bucket };
        case 'user':
          return { action: r.action, resource: `arn:aws:iam::${r.account}:user/${r.path}${r.user}`, resourceAccount: r.account };
        case 'role':
          return { action: r.action, resource: `arn:aws:iam::${r.account}:role/${r.role}`, resourceAccount: r.account };
        case 'instance':
          return { action: r.action, resource: `arn:aws:ec2:${r.region}:${r.account}:instance/${r.instance}`, resourceAccount: r.account };
        case 'queue':
          return { action: r.action, resource: queueArn, resourceAccount: r.account, container: queueArn };
        case 'none':
          return { action: r.action, resource: '*', resourceAccount: ACCOUNT };
      }
    });
}

/** Mostly this account, sometimes the other. */
const targetArb = targetArbFor(ACTIONS, [ACCOUNT, ACCOUNT, ACCOUNT, OTHER_ACCOUNT]);

/** `arb` with probability `chance`, else null. */
function sometimes<T>(arb: fc.Arbitrary<T>, chance: number): fc.Arbitrary<T | null> {
  const weight = Math.round(chance * 100);
  return fc.oneof({ weight, arbitrary: arb }, { weight: 100 - weight, arbitrary: fc.constant(null) });
}

/** Each key present 60% of the time; multivalued keys as a list (possibly empty), the others as one string. */
const contextArb: fc.Arbitrary<ContextRecord> = fc
  .tuple(
    ...KEYS.map((key) =>
      sometimes<string | string[]>(
        key.type === 'strings'
          ? fc.subarray([...key.requestValues], { minLength: 1, maxLength: 3 })
          : fc.constantFrom(...key.requestValues),
        0.6,
      ),
    ),
  )
  .map((values) => {
    const context: Record<string, string | readonly string[]> = {};
    KEYS.forEach((key, i) => {
      const value = values[i];
      if (value !== null && value !== undefined) context[key.name] = value;
    });
    return context;
  });

/** Scenarios in one organization account (some targets in the other account), without organization policies. */
export const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({ target: targetArb, principal: fc.constantFrom(...PRINCIPALS), context: contextArb })
  .chain(({ target, principal, context }) => {
    const service = target.action.service;
    const isSession = principal.includes(':assumed-role/');
    const container = target.container;
    const resourcePolicy =
      container !== undefined && (service === 's3' || service === 'sqs')
        ? sometimes(resourcePolicyArb(service, container), 0.5)
        : fc.constant(null);
    return fc
      .record({
        identity: fc.array(identityPolicyArb(service), { minLength: 1, maxLength: 3 }),
        boundary: sometimes(identityPolicyArb(service, 2), 0.25),
        session: isSession ? sometimes(identityPolicyArb(service, 2), 0.3) : fc.constant(null),
        resourcePolicy,
      })
      .map(
        (p): Scenario => ({
          principal,
          identity: p.identity,
          ...(p.boundary !== null ? { boundary: p.boundary } : {}),
          ...(p.session !== null ? { session: p.session } : {}),
          ...(p.resourcePolicy !== null ? { resourcePolicy: p.resourcePolicy } : {}),
          action: target.action.name,
          resource: target.resource,
          resourceAccount: target.resourceAccount,
          context,
        }),
      );
  });

function serviceOf(s: Scenario): Service {
  return s.action.slice(0, s.action.indexOf(':')) as Service;
}

/** The same scenarios under SCPs (of the caller's account), RCPs (of the resource's), or both. */
export const organizationScenarioArb: fc.Arbitrary<Scenario> = scenarioArb.chain((s) => {
  const scp = scpLevelsArb(serviceOf(s));
  const rcp = rcpLevelsArb(serviceOf(s));
  return fc.oneof(
    scp.map((levels): Scenario => ({ ...s, scp: levels })),
    rcp.map((levels): Scenario => ({ ...s, rcp: levels })),
    fc.tuple(scp, rcp).map(([a, b]): Scenario => ({ ...s, scp: a, rcp: b })),
  );
});

/** sts:AssumeRole on a role of either account by a caller of either account, decided with the role's trust policy. */
export const trustScenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    principal: fc.constantFrom(...PRINCIPALS, ...OTHER_PRINCIPALS),
    account: fc.constantFrom(ACCOUNT, ACCOUNT, OTHER_ACCOUNT),
    role: fc.constantFrom(...ROLE_NAMES),
    context: contextArb,
  })
  .chain(({ principal, account, role, context }) =>
    fc
      .record({
        identity: fc.array(identityPolicyArb('sts'), { minLength: 1, maxLength: 2 }),
        boundary: sometimes(identityPolicyArb('sts', 2), 0.2),
        session: principal.includes(':assumed-role/') ? sometimes(identityPolicyArb('sts', 2), 0.25) : fc.constant(null),
        trust: trustPolicyArb(principal),
      })
      .map(
        (p): Scenario => ({
          principal,
          identity: p.identity,
          ...(p.boundary !== null ? { boundary: p.boundary } : {}),
          ...(p.session !== null ? { session: p.session } : {}),
          resourcePolicy: p.trust,
          action: ASSUME_ROLE.name,
          resource: `arn:aws:iam::${account}:role/${role}`,
          resourceAccount: account,
          context,
        }),
      ),
  );

const RESOURCE_POLICY_ACTIONS = ACTIONS.filter((a) => a.service === 's3' || a.service === 'sqs');

/**
 * A caller of one account and a bucket or queue of the other, always with a bucket or
 * queue policy: AWS allows only when both the identity side and the resource policy do.
 */
export const crossAccountScenarioArb: fc.Arbitrary<Scenario> = fc
  .oneof(
    fc.record({ principal: fc.constantFrom(...PRINCIPALS), target: targetArbFor(RESOURCE_POLICY_ACTIONS, [OTHER_ACCOUNT]) }),
    fc.record({ principal: fc.constantFrom(...OTHER_PRINCIPALS), target: targetArbFor(RESOURCE_POLICY_ACTIONS, [ACCOUNT]) }),
  )
  .chain(({ principal, target }) => {
    const service = target.action.service as 's3' | 'sqs';
    // Half the statements name the caller itself, its account or its role.
    const callers = callerPrincipalSpecs(principal);
    const principals = [...CROSS_ACCOUNT_PRINCIPAL_SPECS, ...Array.from({ length: Math.ceil(CROSS_ACCOUNT_PRINCIPAL_SPECS.length / callers.length) }, () => callers).flat()];
    return fc
      .record({
        identity: fc.array(identityPolicyArb(service, 3), { minLength: 1, maxLength: 2 }),
        boundary: sometimes(identityPolicyArb(service, 2), 0.2),
        session: principal.includes(':assumed-role/') ? sometimes(identityPolicyArb(service, 2), 0.25) : fc.constant(null),
        resourcePolicy: resourcePolicyArb(service, target.container!, principals),
        context: contextArb,
      })
      .map(
        (p): Scenario => ({
          principal,
          identity: p.identity,
          ...(p.boundary !== null ? { boundary: p.boundary } : {}),
          ...(p.session !== null ? { session: p.session } : {}),
          resourcePolicy: p.resourcePolicy,
          action: target.action.name,
          resource: target.resource,
          resourceAccount: target.resourceAccount,
          context: p.context,
        }),
      );
  });
