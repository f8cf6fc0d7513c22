import { describe } from 'vitest';
import { identity, runRows, S } from '../../../services/accessanalyzer/check-table.case.js';

const many = (n: number): object => ({
  Version: '2012-10-17',
  Statement: Array.from({ length: n }, (_, i) => ({ Sid: `S${i}`, Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::bucket-number-${i}/*` })),
});
const allowAll = { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' };

describe('document rules', () => {
  runRows([
    { code: 'POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA', type: 'WARNING', triggers: many(80), clean: many(40), path: [], details: 'exceed the 6144 character maximum' },
    { code: 'POLICY_SIZE_EXCEEDS_SCP_QUOTA', type: 'ERROR', policyType: 'SERVICE_CONTROL_POLICY', triggers: many(80), clean: many(30), path: [] },
    {
      code: 'REDUNDANT_STATEMENT',
      type: 'SUGGESTION',
      triggers: { Version: '2012-10-17', Statement: [{ Sid: 'A', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }, { Resource: '*', Action: 's3:GetObject', Effect: 'Allow', Sid: 'B' }] },
      clean: { Version: '2012-10-17', Statement: [{ Sid: 'A', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }, { Sid: 'B', Effect: 'Allow', Action: 's3:PutObject', Resource: '*' }] },
      path: S('Statement', 0),
    },
    { code: 'VARIABLE_UNSUPPORTED_IN_ELEMENT', type: 'ERROR', triggers: identity({ Action: 's3:${aws:username}' }), clean: identity({ Resource: 'arn:aws:s3:::bucket/${aws:username}/*' }), path: S('Statement', 0, 'Action') },
    { code: 'MISSING_BRACE_IN_VARIABLE', type: 'ERROR', triggers: identity({ Resource: 'arn:aws:s3:::bucket/${aws:username/*' }), clean: identity({ Resource: 'arn:aws:s3:::bucket/${aws:username}/*' }), path: S('Statement', 0, 'Resource') },
    {
      code: 'RCP_SYNTAX_ERROR_ALLOW',
      type: 'ERROR',
      policyType: 'RESOURCE_CONTROL_POLICY',
      triggers: { Version: '2012-10-17', Statement: [{ ...allowAll, Action: 's3:*' }] },
      clean: { Version: '2012-10-17', Statement: [allowAll] },
      path: S('Statement', 0),
    },
  ]);
});
