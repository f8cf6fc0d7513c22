import { describe } from 'vitest';
import { identity, resource, runRows, S } from '../../../services/accessanalyzer/check-table.case.js';

const stmt = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' };

describe('structure checks', () => {
  runRows([
    { code: 'INVALID_POLICY_ELEMENT', type: 'ERROR', triggers: identity({ Actions: 'x' }), clean: identity({}), path: S('Statement', 0, 'Actions'), details: 'Actions' },
    { code: 'MISSING_VERSION', type: 'WARNING', triggers: { Statement: [stmt] }, clean: { Version: '2012-10-17', Statement: [stmt] }, path: [] },
    { code: 'INVALID_VERSION', type: 'ERROR', triggers: { Version: '2012-10-18', Statement: [stmt] }, clean: { Version: '2008-10-17', Statement: [stmt] }, path: S('Version'), details: '2012-10-18' },
    { code: 'MISSING_STATEMENT', type: 'ERROR', triggers: { Version: '2012-10-17', Statement: [] }, clean: { Version: '2012-10-17', Statement: stmt }, path: S('Statement') },
    { code: 'DATA_TYPE_MISMATCH', type: 'ERROR', triggers: identity({ Effect: true }), clean: identity({}), path: S('Statement', 0, 'Effect') },
    { code: 'MISSING_EFFECT', type: 'ERROR', triggers: { Version: '2012-10-17', Statement: [{ Action: '*', Resource: '*' }] }, clean: identity({}), path: S('Statement', 0) },
    { code: 'INVALID_EFFECT', type: 'ERROR', triggers: identity({ Effect: 'allow' }), clean: identity({ Effect: 'Deny' }), path: S('Statement', 0, 'Effect'), details: 'The effect allow is not valid' },
    { code: 'EMPTY_SID_VALUE', type: 'SUGGESTION', triggers: identity({ Sid: '' }), clean: identity({ Sid: 'A1' }), path: S('Statement', 0, 'Sid') },
    { code: 'UNSUPPORTED_SID', type: 'ERROR', triggers: identity({ Sid: 'read all' }), clean: identity({ Sid: 'ReadAll' }), path: S('Statement', 0, 'Sid') },
    {
      code: 'UNSUPPORTED_ELEMENT_COMBINATION',
      type: 'ERROR',
      triggers: identity({ NotAction: 's3:PutObject' }),
      clean: identity({}),
      path: S('Statement', 0, 'Action'),
      details: 'The policy elements Action and NotAction can not be used in the same statement',
    },
    { code: 'MISSING_ACTION', type: 'ERROR', triggers: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Resource: '*' }] }, clean: identity({}), path: S('Statement', 0) },
    { code: 'EMPTY_ARRAY_ACTION', type: 'SUGGESTION', triggers: identity({ Action: [] }), clean: identity({}), path: S('Statement', 0, 'Action') },
    { code: 'EMPTY_ARRAY_RESOURCE', type: 'SUGGESTION', triggers: identity({ Resource: [] }), clean: identity({}), path: S('Statement', 0, 'Resource') },
    { code: 'UNSUPPORTED_PRINCIPAL', type: 'ERROR', triggers: identity({ Principal: '*' }), clean: identity({}), path: S('Statement', 0, 'Principal'), details: 'IDENTITY_POLICY' },
    { code: 'MISSING_RESOURCE', type: 'ERROR', triggers: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*' }] }, clean: identity({}), path: S('Statement', 0) },
    {
      code: 'SCP_SYNTAX_ERROR_PRINCIPAL',
      type: 'ERROR',
      policyType: 'SERVICE_CONTROL_POLICY',
      triggers: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }] },
      clean: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*' }] },
      path: S('Statement', 0, 'Principal'),
    },
    {
      code: 'MISSING_PRINCIPAL',
      type: 'ERROR',
      policyType: 'RESOURCE_POLICY',
      triggers: identity({}),
      clean: resource({}),
      path: S('Statement', 0),
    },
    {
      code: 'ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE',
      type: 'ERROR',
      policyType: 'RESOURCE_POLICY',
      resourceType: 'AWS::IAM::AssumeRolePolicyDocument',
      triggers: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole', Resource: '*' }] },
      clean: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
      path: S('Statement', 0, 'Resource'),
    },
    {
      code: 'ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL',
      type: 'ERROR',
      policyType: 'RESOURCE_POLICY',
      resourceType: 'AWS::IAM::AssumeRolePolicyDocument',
      triggers: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' }] },
      clean: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' }] },
      path: S('Statement', 0, 'NotPrincipal'),
    },
    {
      code: 'UNIQUE_SIDS_REQUIRED',
      type: 'ERROR',
      triggers: { Version: '2012-10-17', Statement: [{ Sid: 'A', ...stmt }, { Sid: 'A', ...stmt, Action: 's3:PutObject' }] },
      clean: { Version: '2012-10-17', Statement: [{ Sid: 'A', ...stmt }, { Sid: 'B', ...stmt, Action: 's3:PutObject' }] },
      path: S('Statement', 1, 'Sid'),
    },
    {
      code: 'UNIQUE_SIDS_RECOMMENDED',
      type: 'WARNING',
      policyType: 'RESOURCE_POLICY',
      triggers: { Version: '2012-10-17', Statement: [{ Sid: 'A', Principal: '*', ...stmt }, { Sid: 'A', Principal: '*', ...stmt, Action: 's3:PutObject' }] },
      clean: { Version: '2012-10-17', Statement: [{ Sid: 'A', Principal: '*', ...stmt }, { Sid: 'B', Principal: '*', ...stmt, Action: 's3:PutObject' }] },
      path: S('Statement', 1, 'Sid'),
    },
  ]);
});
