import { describe } from 'vitest';
import { runRows, S } from '../../../services/accessanalyzer/check-table.case.js';

const trust = (statement: Record<string, unknown>): object => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', ...statement }] });
const GITHUB = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';

describe('trust policy provider checks', () => {
  runRows([
    {
      code: 'MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY',
      type: 'ERROR',
      policyType: 'RESOURCE_POLICY',
      resourceType: 'AWS::IAM::AssumeRolePolicyDocument',
      triggers: trust({ Principal: { Service: 'rolesanywhere.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }),
      clean: trust({ Principal: { Service: 'rolesanywhere.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'] }),
      path: S('Statement', 0, 'Action'),
      details: 'Add the missing actions: sts:SetSourceIdentity.',
    },
    {
      code: 'MISSING_GITHUB_REPO_CONDITION_KEY',
      type: 'SECURITY_WARNING',
      policyType: 'RESOURCE_POLICY',
      resourceType: 'AWS::IAM::AssumeRolePolicyDocument',
      triggers: trust({ Principal: { Federated: GITHUB }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } } }),
      clean: trust({
        Principal: { Federated: GITHUB },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:*' } },
      }),
      path: S('Statement', 0, 'Principal', 'Federated'),
    },
  ]);
});
