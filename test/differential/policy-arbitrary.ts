// fast-check generators for identity-style policies (identity, boundary, session),
// resource-based policies with Principal variations and roles' trust policies,
// biased towards the request's service so that statements often apply.

import fc from 'fast-check';
import { conditionBlockArb } from './condition-arbitrary.js';
import type { PolicyJson, StatementJson } from './scenario.js';
import { ACCOUNT, ACTION_PATTERNS, OTHER_ACCOUNT, OTHER_PRINCIPALS, RESOURCE_PATTERNS, SERVICES, type Service } from './vocabulary.js';

/** A JSON element value: a bare string for one entry (half the time), else a list. */
function element(values: readonly string[], bare: boolean): string | string[] {
  return bare && values.length === 1 ? values[0]! : [...values];
}

const effectArb = fc.constantFrom('Allow', 'Allow', 'Allow', 'Deny');
const optionalCondition = fc.option(conditionBlockArb, { freq: 2 });

function serviceArb(requestService: Service): fc.Arbitrary<Service> {
  return fc.oneof({ weight: 3, arbitrary: fc.constant(requestService) }, { weight: 2, arbitrary: fc.constantFrom(...SERVICES) });
}

function identityStatementArb(requestService: Service): fc.Arbitrary<StatementJson> {
  return serviceArb(requestService).chain((service) =>
    fc
      .record({
        effect: effectArb,
        actions: fc.subarray([...ACTION_PATTERNS[service], '*'], { minLength: 1, maxLength: 3 }),
        useNotAction: fc.constantFrom(false, false, false, false, false, true),
        resources: fc.subarray([...RESOURCE_PATTERNS[service], '*'], { minLength: 1, maxLength: 2 }),
        useNotResource: fc.constantFrom(false, false, false, false, false, true),
        condition: optionalCondition,
        bare: fc.boolean(),
      })
      .map((r) => {
        const st: Record<string, unknown> = { Effect: r.effect };
        st[r.useNotAction ? 'NotAction' : 'Action'] = element(r.actions, r.bare);
        st[r.useNotResource ? 'NotResource' : 'Resource'] = element(r.resources, r.bare);
        if (r.condition !== null) st['Condition'] = r.condition;
        return st;
      }),
  );
}

/** An identity, boundary or session policy of 1-4 statements. */
export function identityPolicyArb(requestService: Service, maxStatements = 4): fc.Arbitrary<PolicyJson> {
  return fc
    .array(identityStatementArb(requestService), { minLength: 1, maxLength: maxStatements })
    .map((Statement) => ({ Version: '2012-10-17' as const, Statement }));
}

/** `Principal` values a bucket or queue policy may name: everyone, accounts, users, roles, sessions, services. */
export const PRINCIPAL_SPECS: readonly unknown[] = [
  '*',
  { AWS: '*' },
  { AWS: ACCOUNT },
  { AWS: `arn:aws:iam::${ACCOUNT}:root` },
  { AWS: `arn:aws:iam::${ACCOUNT}:user/alice` },
  { AWS: `arn:aws:iam::${ACCOUNT}:user/dev/bob` },
  { AWS: `arn:aws:iam::${ACCOUNT}:role/Dev` },
  { AWS: `arn:aws:sts::${ACCOUNT}:assumed-role/Dev/s1` },
  { AWS: OTHER_ACCOUNT },
  { AWS: [`arn:aws:iam::${ACCOUNT}:user/alice`, `arn:aws:iam::${OTHER_ACCOUNT}:root`] },
  { Service: 'sqs.amazonaws.com' },
];

/** `Principal` values for requests across accounts: both accounts, and callers of each by ARN. */
export const CROSS_ACCOUNT_PRINCIPAL_SPECS: readonly unknown[] = [
  '*',
  { AWS: ACCOUNT },
  { AWS: `arn:aws:iam::${ACCOUNT}:root` },
  { AWS: `arn:aws:iam::${ACCOUNT}:user/alice` },
  { AWS: `arn:aws:iam::${ACCOUNT}:role/Dev` },
  { AWS: `arn:aws:sts::${ACCOUNT}:assumed-role/Dev/s1` },
  { AWS: OTHER_ACCOUNT },
  { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` },
  { AWS: OTHER_PRINCIPALS[0] },
  { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:role/Admin` },
  { AWS: [...OTHER_PRINCIPALS] },
];

/** `Principal` values that name `caller` (a user or session ARN): itself, its account, and a session's role. */
export function callerPrincipalSpecs(caller: string): unknown[] {
  const account = caller.split(':')[4] ?? '';
  const session = /^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\//.exec(caller);
  return [
    { AWS: caller },
    { AWS: account },
    { AWS: `arn:aws:iam::${account}:root` },
    ...(session !== null ? [{ AWS: `arn:aws:iam::${session[1]}:role/${session[2]}` }] : []),
  ];
}

/** Resource patterns for the target of a resource-based policy: the bucket or queue it is attached to. */
function resourcePolicyResources(service: 's3' | 'sqs', container: string): string[] {
  return service === 's3'
    ? [`arn:aws:s3:::${container}/*`, `arn:aws:s3:::${container}`, `arn:aws:s3:::${container}/home/\${aws:username}/*`, '*']
    : [container, 'arn:aws:sqs:*:*:queue-*', '*'];
}

function resourceStatementArb(service: 's3' | 'sqs', container: string, principals: readonly unknown[]): fc.Arbitrary<StatementJson> {
  return fc
    .record({
      effect: effectArb,
      principal: fc.constantFrom(...principals),
      notPrincipal: fc.constantFrom(false, false, true),
      actions: fc.subarray([...ACTION_PATTERNS[service], '*'], { minLength: 1, maxLength: 2 }),
      resources: fc.subarray(resourcePolicyResources(service, container), { minLength: 1, maxLength: 2 }),
      condition: optionalCondition,
      bare: fc.boolean(),
    })
    .map((r) => {
      // NotPrincipal only with Deny (a third of denies), never with "*": AWS advises against the rest.
      const everyone = r.principal === '*' || (r.principal as { AWS?: unknown }).AWS === '*';
      const notPrincipal = r.notPrincipal && !everyone && r.effect === 'Deny';
      const st: Record<string, unknown> = { Effect: r.effect };
      st[notPrincipal ? 'NotPrincipal' : 'Principal'] = r.principal;
      st['Action'] = element(r.actions, r.bare);
      st['Resource'] = element(r.resources, r.bare);
      if (r.condition !== null) st['Condition'] = r.condition;
      return st;
    });
}

/** A bucket policy (container = bucket name) or queue policy (container = queue ARN) of 1-3 statements. */
export function resourcePolicyArb(service: 's3' | 'sqs', container: string, principals = PRINCIPAL_SPECS): fc.Arbitrary<PolicyJson> {
  return fc
    .array(resourceStatementArb(service, container, principals), { minLength: 1, maxLength: 3 })
    .map((Statement) => ({ Version: '2012-10-17' as const, Statement }));
}

/** Who a trust policy may trust: accounts, users, roles and sessions of both accounts, everyone, a service. */
const TRUST_PRINCIPAL_SPECS: readonly unknown[] = [
  ...CROSS_ACCOUNT_PRINCIPAL_SPECS.filter((p) => p !== '*'),
  { AWS: '*' },
  { AWS: `arn:aws:iam::${ACCOUNT}:user/dev/bob` },
  { AWS: `arn:aws:sts::${ACCOUNT}:assumed-role/Admin/ops` },
  { Service: 'ec2.amazonaws.com' },
];
const TRUST_ACTIONS = ['sts:AssumeRole', 'sts:Assume*', 'sts:*', 'sts:TagSession', 'sts:assumerole'];

function trustStatementArb(caller: string): fc.Arbitrary<StatementJson> {
  return fc
    .record({
      effect: effectArb,
      principal: fc.oneof(fc.constantFrom(...TRUST_PRINCIPAL_SPECS), fc.constantFrom(...callerPrincipalSpecs(caller))),
      actions: fc.subarray(TRUST_ACTIONS, { minLength: 1, maxLength: 2 }),
      condition: optionalCondition,
      bare: fc.boolean(),
    })
    .map((r) => {
      const st: Record<string, unknown> = { Effect: r.effect, Principal: r.principal, Action: element(r.actions, r.bare) };
      if (r.condition !== null) st['Condition'] = r.condition;
      return st;
    });
}

/** A role's trust policy of 1-3 statements (half of them naming `caller`): no Resource, STS actions only, never NotPrincipal. */
export function trustPolicyArb(caller: string): fc.Arbitrary<PolicyJson> {
  return fc
    .array(trustStatementArb(caller), { minLength: 1, maxLength: 3 })
    .map((Statement) => ({ Version: '2012-10-17' as const, Statement }));
}
