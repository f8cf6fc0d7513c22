// fast-check generator for whole scenarios: a caller, a valid (action, resource)
// pair, a context with some keys missing, identity policies, and optionally a
// permissions boundary, a session policy and a resource-based policy.

import fc from 'fast-check';
import { identityPolicyArb, resourcePolicyArb } from './policy-arbitrary.js';
import type { ContextRecord, Scenario } from './scenario.js';
import {
  ACCOUNT,
  ACTIONS,
  BUCKETS,
  INSTANCE_IDS,
  KEYS,
  OBJECT_KEYS,
  OTHER_ACCOUNT,
  PRINCIPALS,
  QUEUES,
  REGIONS,
  ROLE_NAMES,
  USER_NAMES,
  USER_PATHS,
  type ActionInfo,
} from './vocabulary.js';

interface Target {
  readonly action: ActionInfo;
  readonly resource: string;
  readonly resourceAccount: string;
  /** The bucket name or queue ARN a resource-based policy would be attached to. */
  readonly container?: string;
}

/** An action with a resource ARN of the type AWS documents for it, in this account or another. */
const targetArb: fc.Arbitrary<Target> = fc
  .record({
    action: fc.constantFrom(...ACTIONS),
    account: fc.constantFrom(ACCOUNT, ACCOUNT, ACCOUNT, OTHER_ACCOUNT),
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
