// The organization's policies an analysis decision is made with: service control policies
// limit the principals of the input's accounts; resource control policies limit what anyone
// (principals of other accounts and AWS services included) may do to the resources of the
// input's accounts, for the services that support RCPs. Neither ever grants.

import type { RequestPrincipal } from '../../policy/context.js';
import { parsePolicy } from '../../policy/document/parse-policy.js';
import type { PolicyStatement } from '../../policy/document/types.js';
import type { PolicyRef } from '../model/model.js';

export interface OrgPolicies {
  /** Applied to every principal of the input's accounts (one level: each request must be allowed by one). */
  readonly scps: readonly PolicyRef[];
  /** Applied to requests on the resources of `accounts` (one level, RCPFullAWSAccess always beside them). */
  readonly rcps: readonly PolicyRef[];
  /** The accounts the RCPs are attached to: the input's. */
  readonly accounts: readonly string[];
}

export const NO_ORG: OrgPolicies = { scps: [], rcps: [], accounts: [] };

/**
 * The services whose resources RCPs apply to (AWS Organizations, "List of AWS services that
 * support RCPs"); requests to any other service (IAM among them) are not limited by RCPs.
 */
export const RCP_SERVICES: ReadonlySet<string> = new Set([
  's3', 'sts', 'kms', 'sqs', 'secretsmanager', 'ecr', 'aoss', 'cognito-idp', 'logs', 'dynamodb',
]);

// Service-linked roles act for AWS; RCPs do not restrict them.
const SERVICE_LINKED = /^arn:aws[a-z-]*:iam::\d{12}:role\/aws-service-role\//;

/** Whether the RCPs take part in a request by `principal` for `action` on a resource of `resourceAccount`. */
export function rcpsApply(org: OrgPolicies, principal: RequestPrincipal, action: string, resourceAccount: string): boolean {
  if (org.rcps.length === 0 || !org.accounts.includes(resourceAccount)) return false;
  const colon = action.indexOf(':');
  if (colon <= 0 || !RCP_SERVICES.has(action.slice(0, colon).toLowerCase())) return false;
  return !SERVICE_LINKED.test(principal.roleArn ?? principal.arn);
}

const FULL_ACCESS = parsePolicy(
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] }),
  { kind: 'rcp' },
);
const rcpLevels = new WeakMap<OrgPolicies, readonly PolicyRef[]>();

/**
 * The RCP level the engine decides with: AWS attaches RCPFullAWSAccess to every account and it
 * cannot be detached, so the given RCPs can only deny. One array per org (caches key on it).
 */
export function rcpLevel(org: OrgPolicies): readonly PolicyRef[] {
  let level = rcpLevels.get(org);
  if (level === undefined) {
    if (!FULL_ACCESS.ok) throw new Error('RCPFullAWSAccess does not parse');
    rcpLevels.set(org, (level = [{ id: 'RCPFullAWSAccess', document: FULL_ACCESS.document }, ...org.rcps]));
  }
  return level;
}

const BY_SERVICE = parsePolicy(
  JSON.stringify({ Version: '2012-10-17', Statement: [...RCP_SERVICES].map((s) => ({ Effect: 'Deny', Principal: '*', Action: `${s}:*`, Resource: '*' })) }),
  { kind: 'rcp' },
);

/**
 * One statement naming every action of each RCP service: whether the RCPs take part depends on
 * the service, so a report that groups actions by the statements naming them alike (action
 * atoms) must tell these services apart when there are RCPs. Never decided with.
 */
export function rcpServiceStatements(org: OrgPolicies): readonly PolicyStatement[] {
  if (org.rcps.length === 0) return [];
  if (!BY_SERVICE.ok) throw new Error('RCP service statements do not parse');
  return BY_SERVICE.document.statements;
}
