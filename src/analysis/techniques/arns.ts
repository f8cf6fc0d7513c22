// ARNs the techniques ask the engine about. Things the input cannot name (a new Lambda
// function, an instance) get a placeholder name in the source's account, in us-east-1:
// a policy that names another region will not match (see docs/analysis.md).

import type { GroupModel, PrincipalModel } from '../model/model.js';

export const REGION = 'us-east-1';
export const PLACEHOLDER = 'keyward-analysis';

export function resourceArn(service: string, account: string, resource: string): string {
  return `arn:aws:${service}:${REGION}:${account}:${resource}`;
}

export function groupsInAccount(groups: readonly GroupModel[], account: string): GroupModel[] {
  return groups.filter((g) => g.account === account);
}

export function instanceArn(p: PrincipalModel): string {
  return resourceArn('ec2', p.account, 'instance/*');
}
