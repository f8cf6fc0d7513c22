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
    {
      code: 'SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED',
      type: 'WARNING',
      policyType: 'RESOURCE_POLICY',
      resourceType: 'AWS::IAM::AssumeRolePolicyDocument',
      triggers: trust({
        Principal: { Federated: GITHUB },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': ['repo:octo-org/octo-repo:ref:refs/heads/main', 'repo:octo-org/*'] } },
      }),
      clean: trust({
        Principal: { Federated: GITHUB },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:ref:refs/heads/main' } },
      }),
      path: S('Statement', 0, 'Condition', 'StringLike', 'token.actions.githubusercontent.com:sub', 1),
      details: 'Using a wildcard (*) in token.actions.githubusercontent.com:sub',
    },
    {
      code: 'SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED',
      type: 'WARNING',
      policyType: 'RESOURCE_POLICY',
      resourceType: 'AWS::IAM::AssumeRolePolicyDocument',
      triggers: trust({ Principal: { Federated: GITHUB }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:environment:*' } } }),
      // The branch named in its own key: the subject's wildcard is then what AWS's advice allows.
      clean: trust({
        Principal: { Federated: GITHUB },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:environment:*' }, StringEquals: { 'token.actions.githubusercontent.com:ref': 'refs/heads/main' } },
      }),
      path: S('Statement', 0, 'Condition', 'StringLike', 'token.actions.githubusercontent.com:sub'),
    },
  ]);
});
