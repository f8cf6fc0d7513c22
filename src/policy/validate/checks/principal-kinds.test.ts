import { describe } from 'vitest';
import { resource, runRows, S } from '../../../services/accessanalyzer/check-table.case.js';

const trust = (statement: Record<string, unknown>): object => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', ...statement }] });
const TRUST = 'AWS::IAM::AssumeRolePolicyDocument' as const;
const SAML = 'arn:aws:iam::111122223333:saml-provider/ExampleCorp';

describe('principal kinds by policy', () => {
  runRows([
    {
      code: 'FEDERATED_PRINCIPAL_NOT_SUPPORTED',
      type: 'ERROR',
      policyType: 'RESOURCE_POLICY',
      resourceType: 'AWS::S3::Bucket',
      triggers: resource({ Principal: { Federated: SAML } }),
      clean: resource({ Principal: { AWS: 'arn:aws:iam::111122223333:root' } }),
      path: S('Statement', 0, 'Principal', 'Federated'),
      details: 'The policy type does not support a federated identity provider in the principal element.',
    },
    {
      code: 'ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL',
      type: 'ERROR',
      policyType: 'RESOURCE_POLICY',
      resourceType: TRUST,
      triggers: trust({ Principal: '*', Action: 'sts:AssumeRole' }),
      clean: trust({ Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' }),
      path: S('Statement', 0, 'Principal'),
      details: '"Principal:" "*" is not supported in the principal element of a role trust policy.',
    },
    {
      code: 'INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY',
      type: 'ERROR',
      policyType: 'RESOURCE_POLICY',
      resourceType: TRUST,
      triggers: trust({ Principal: { Federated: 'arn:aws:iam::111122223333:user/not-a-provider' }, Action: 'sts:AssumeRoleWithSAML' }),
      clean: trust({ Principal: { Federated: SAML }, Action: 'sts:AssumeRoleWithSAML' }),
      path: S('Statement', 0, 'Principal', 'Federated'),
      details: 'Update the federated principal to a domain name or a SAML metadata ARN.',
    },
    {
      code: 'INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY',
      type: 'ERROR',
      policyType: 'RESOURCE_POLICY',
      resourceType: TRUST,
      triggers: trust({ Principal: { Federated: 'not a domain' }, Action: 'sts:AssumeRoleWithWebIdentity' }),
      clean: trust({ Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }),
      path: S('Statement', 0, 'Principal', 'Federated'),
    },
  ]);
});
