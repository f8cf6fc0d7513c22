import { describe, expect, it } from 'vitest';
import { identity, runRows, S } from '../../../services/accessanalyzer/check-table.case.js';
import { validateCase } from '../../../services/accessanalyzer/validate.case.js';

const scp = (action: unknown): object => ({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: action, Resource: '*' }] });
const rcp = (extra: Record<string, unknown>): object => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: '*', ...extra }],
});

describe('action checks', () => {
  runRows([
    { code: 'INVALID_ACTION', type: 'ERROR', triggers: identity({ Action: 's3:GetObjekt' }), clean: identity({ Action: 's3:getobject' }), path: S('Statement', 0, 'Action'), details: 'The action s3:GetObjekt does not exist.' },
    { code: 'INVALID_ACTION', type: 'ERROR', triggers: identity({ Action: ['s3:GetObject', 's3:Fly*'] }), clean: identity({ Action: ['s3:GetObject', 's3:Get*'] }), path: S('Statement', 0, 'Action', 1) },
    { code: 'INVALID_SERVICE_IN_ACTION', type: 'ERROR', triggers: identity({ Action: 'sss:GetObject' }), clean: identity({}), path: S('Statement', 0, 'Action'), details: 'The service sss specified' },
    { code: 'WILDCARD_IN_SERVICE_NAME', type: 'SUGGESTION', triggers: identity({ Action: 's*:GetObject' }), clean: identity({ Action: 's3:Get*' }), path: S('Statement', 0, 'Action') },
    {
      code: 'RCP_SYNTAX_ERROR_ACTION',
      type: 'ERROR',
      policyType: 'RESOURCE_CONTROL_POLICY',
      triggers: rcp({ Action: 'ec2:RunInstances' }),
      clean: rcp({}),
      path: S('Statement', 0, 'Action'),
    },
    {
      code: 'RCP_SYNTAX_ERROR_NOTACTION',
      type: 'ERROR',
      policyType: 'RESOURCE_CONTROL_POLICY',
      triggers: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', NotAction: 's3:GetObject', Resource: '*' }] },
      clean: rcp({}),
      path: S('Statement', 0, 'NotAction'),
    },
    {
      code: 'REDUNDANT_ACTION',
      type: 'SUGGESTION',
      triggers: identity({ Action: ['iam:Get*', 'iam:List*', 'iam:GetCredentialReport'] }),
      clean: identity({ Action: ['iam:Get*', 'iam:List*', 'iam:*CredentialReport'] }),
      path: S('Statement', 0, 'Action', 2),
      details: 'The 1 action(s) are redundant',
    },
    // s3:GetObject* is inside s3:Get*, so it is the redundant one, whatever the order.
    { code: 'REDUNDANT_ACTION', type: 'SUGGESTION', triggers: identity({ Action: ['s3:GetObject*', 's3:Get*'] }), clean: identity({ Action: ['s3:GetObject*', 's3:Put*'] }), path: S('Statement', 0, 'Action', 0) },
  ]);

  it('takes wildcards anywhere in an SCP action, as SCPs do since they support the full IAM language', async () => {
    const findings = await validateCase(scp(['iam:*Role', 'iam:Delete*']), 'SERVICE_CONTROL_POLICY');
    expect(findings.map((f) => f.issueCode)).toEqual([]);
  });
});
