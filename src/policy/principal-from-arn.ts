// Builds the request principal and its global condition keys (aws:PrincipalArn,
// aws:username, aws:userid, ...) from a caller ARN, as AWS fills them.

import type { ContextValue, RequestPrincipal } from './context.js';

const ARN = /^arn:(aws[a-z-]*):(iam|sts)::(\d{12}):(.+)$/;

/** Parses a caller ARN (root, user, role, assumed-role session, federated user) or a service principal name. */
export function principalFromArn(arn: string): RequestPrincipal | undefined {
  if (arn === '' || arn === 'anonymous') return { type: 'Anonymous', arn: '', account: '' };
  if (/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(arn)) return { type: 'Service', arn, account: '', service: arn };
  const m = ARN.exec(arn);
  if (m === null) return undefined;
  const [, partition, service, account, rest] = m as unknown as [string, string, string, string, string];
  if (service === 'iam' && rest === 'root') return { type: 'Root', arn, account };
  if (service === 'iam' && rest.startsWith('user/')) return { type: 'User', arn, account };
  if (service === 'iam' && rest.startsWith('role/')) {
    // A role ARN as caller stands for a session of that role.
    const name = rest.slice(rest.lastIndexOf('/') + 1);
    return { type: 'AssumedRole', arn: `arn:${partition}:sts::${account}:assumed-role/${name}/session`, account, roleArn: arn };
  }
  if (service === 'sts' && rest.startsWith('assumed-role/')) {
    const parts = rest.split('/');
    if (parts.length < 3) return undefined;
    return { type: 'AssumedRole', arn, account, roleArn: `arn:${partition}:iam::${account}:role/${parts[1]}` };
  }
  if (service === 'sts' && rest.startsWith('federated-user/')) return { type: 'FederatedUser', arn, account };
  return undefined;
}

export interface PrincipalKeyOptions {
  /** The unique id (AIDA... for users, AROA...:session for role sessions); defaults as AWS would for root. */
  readonly userId?: string;
  readonly tags?: Readonly<Record<string, string>>;
}

/** The global condition keys AWS derives from the principal (names as AWS writes them). */
export function principalKeys(principal: RequestPrincipal, options: PrincipalKeyOptions = {}): Record<string, ContextValue> {
  const keys: Record<string, ContextValue> = {};
  if (principal.type === 'Anonymous') {
    keys['aws:PrincipalType'] = 'Anonymous';
    return keys;
  }
  if (principal.type === 'Service') {
    keys['aws:PrincipalServiceName'] = principal.service ?? principal.arn;
    keys['aws:PrincipalIsAWSService'] = 'true';
    return keys;
  }
  keys['aws:PrincipalArn'] = principal.type === 'AssumedRole' && principal.roleArn ? principal.roleArn : principal.arn;
  keys['aws:PrincipalAccount'] = principal.account;
  keys['aws:PrincipalIsAWSService'] = 'false';
  keys['aws:PrincipalType'] = principal.type === 'Root' ? 'Account' : principal.type === 'SAMLUser' || principal.type === 'WebIdentityUser' ? 'AssumedRole' : principal.type;
  if (principal.type === 'User') keys['aws:username'] = principal.arn.slice(principal.arn.lastIndexOf('/') + 1);
  const userId = options.userId ?? (principal.type === 'Root' ? principal.account : undefined);
  if (userId !== undefined) keys['aws:userid'] = userId;
  for (const [k, v] of Object.entries(options.tags ?? {})) keys[`aws:PrincipalTag/${k}`] = v;
  return keys;
}
