import { describe } from 'vitest';
import { resource, runRows, S } from '../../../services/accessanalyzer/check-table.case.js';

const trust = (statement: Record<string, unknown>): object => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', ...statement }] });
const R = 'RESOURCE_POLICY' as const;

describe('principal checks', () => {
  runRows([
    { code: 'INVALID_PRINCIPAL_FORMAT', type: 'ERROR', policyType: R, triggers: resource({ Principal: 'arn:aws:iam::111122223333:root' }), clean: resource({ Principal: '*' }), path: S('Statement', 0, 'Principal') },
    { code: 'EMPTY_OBJECT_PRINCIPAL', type: 'SUGGESTION', policyType: R, triggers: resource({ Principal: {} }), clean: resource({}), path: S('Statement', 0, 'Principal') },
    { code: 'INVALID_PRINCIPAL_KEY', type: 'ERROR', policyType: R, triggers: resource({ Principal: { Aws: '111122223333' } }), clean: resource({ Principal: { AWS: '111122223333' } }), path: S('Statement', 0, 'Principal', 'Aws') },
    { code: 'EMPTY_ARRAY_PRINCIPAL', type: 'SUGGESTION', policyType: R, triggers: resource({ Principal: { AWS: [] } }), clean: resource({}), path: S('Statement', 0, 'Principal', 'AWS') },
    {
      code: 'UNSUPPORTED_WILDCARD_IN_PRINCIPAL',
      type: 'ERROR',
      policyType: R,
      triggers: resource({ Principal: { AWS: 'arn:aws:iam::111122223333:role/dev-*' } }),
      clean: resource({ Principal: { AWS: '*' } }),
      path: S('Statement', 0, 'Principal', 'AWS'),
    },
    { code: 'INVALID_USER_REFERENCE', type: 'WARNING', policyType: R, triggers: resource({ Principal: { AWS: 'AIDACKCEVSQ6C2EXAMPLE' } }), clean: resource({}), path: S('Statement', 0, 'Principal', 'AWS') },
    { code: 'INVALID_ROLE_REFERENCE', type: 'WARNING', policyType: R, triggers: resource({ Principal: { AWS: ['AROADBQP57FF2AEXAMPLE'] } }), clean: resource({}), path: S('Statement', 0, 'Principal', 'AWS', 0) },
    {
      code: 'ALLOW_WITH_NOT_PRINCIPAL',
      type: 'SECURITY_WARNING',
      policyType: R,
      triggers: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotPrincipal: { AWS: '111122223333' }, Action: 's3:GetObject', Resource: '*' }] },
      clean: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', NotPrincipal: { AWS: '111122223333' }, Action: 's3:GetObject', Resource: '*' }] },
      path: S('Statement', 0, 'NotPrincipal'),
    },
    {
      code: 'RCP_SYNTAX_ERROR_PRINCIPAL',
      type: 'ERROR',
      policyType: 'RESOURCE_CONTROL_POLICY',
      triggers: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: { AWS: '111122223333' }, Action: 's3:*', Resource: '*' }] },
      clean: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }] },
      path: S('Statement', 0, 'Principal'),
    },
    {
      code: 'MISMATCHED_ACTION_FOR_PRINCIPAL',
      type: 'ERROR',
      policyType: R,
      triggers: trust({ Principal: { Federated: 'arn:aws:iam::111122223333:saml-provider/corp' }, Action: 'sts:AssumeRole' }),
      clean: trust({ Principal: { Federated: 'arn:aws:iam::111122223333:saml-provider/corp' }, Action: 'sts:AssumeRoleWithSAML' }),
      path: S('Statement', 0, 'Action'),
      details: 'The sts:AssumeRole action is invalid with the following principal(s): arn:aws:iam::111122223333:saml-provider/corp.',
    },
  ]);
});
