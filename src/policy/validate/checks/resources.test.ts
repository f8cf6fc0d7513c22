import { describe } from 'vitest';
import { identity, runRows, S } from '../../../services/accessanalyzer/check-table.case.js';

const r = (arn: string | string[], action = 's3:GetObject'): object => identity({ Action: action, Resource: arn });

describe('resource checks', () => {
  runRows([
    { code: 'INVALID_ARN_PREFIX', type: 'ERROR', triggers: r('aws:s3:::bucket/*'), clean: r('arn:aws:s3:::bucket/*'), path: S('Statement', 0, 'Resource') },
    { code: 'MISSING_ARN_FIELD', type: 'ERROR', triggers: r('arn:aws:s3:bucket'), clean: r('arn:aws:s3:::bucket'), path: S('Statement', 0, 'Resource') },
    { code: 'WILDCARD_IN_SERVICE_NAME', type: 'SUGGESTION', triggers: r('arn:aws:*code*::111122223333:*'), clean: r('arn:aws:s3:::*'), path: S('Statement', 0, 'Resource') },
    { code: 'INVALID_ARN_SERVICE_CASE', type: 'ERROR', triggers: r('arn:aws:S3:::bucket/*'), clean: r('arn:aws:s3:::bucket/*'), path: S('Statement', 0, 'Resource') },
    { code: 'INVALID_PARTITION', type: 'ERROR', triggers: r('arn:amazon:s3:::bucket/*'), clean: r('arn:aws-cn:s3:::bucket/*'), path: S('Statement', 0, 'Resource') },
    { code: 'INVALID_ARN_REGION', type: 'ERROR', triggers: r('arn:aws:sqs:mars-1:111122223333:q', 'sqs:SendMessage'), clean: r('arn:aws:sqs:eu-west-1:111122223333:q', 'sqs:SendMessage'), path: S('Statement', 0, 'Resource'), details: 'mars-1' },
    { code: 'ARN_REGION_NOT_ALLOWED', type: 'ERROR', triggers: r('arn:aws:iam:us-east-1:111122223333:role/x', 'iam:GetRole'), clean: r('arn:aws:iam::111122223333:role/x', 'iam:GetRole'), path: S('Statement', 0, 'Resource') },
    { code: 'MISSING_ARN_REGION', type: 'ERROR', triggers: r('arn:aws:sqs::111122223333:q', 'sqs:SendMessage'), clean: r('arn:aws:sqs:*:111122223333:q', 'sqs:SendMessage'), path: S('Statement', 0, 'Resource') },
    { code: 'INVALID_ARN_ACCOUNT', type: 'ERROR', triggers: r('arn:aws:iam::1234:role/x', 'iam:GetRole'), clean: r('arn:aws:iam::111122223333:role/x', 'iam:GetRole'), path: S('Statement', 0, 'Resource'), details: '1234' },
    { code: 'ARN_ACCOUNT_NOT_ALLOWED', type: 'ERROR', triggers: r('arn:aws:s3::111122223333:bucket'), clean: r('arn:aws:s3:::bucket'), path: S('Statement', 0, 'Resource') },
    { code: 'MISSING_ARN_ACCOUNT', type: 'ERROR', triggers: r('arn:aws:iam:::role/x', 'iam:GetRole'), clean: r('arn:aws:iam::111122223333:role/x', 'iam:GetRole'), path: S('Statement', 0, 'Resource') },
    { code: 'INVALID_ARN_RESOURCE', type: 'ERROR', triggers: r('arn:aws:iam::111122223333:rolez/x', 'iam:GetRole'), clean: r('arn:aws:iam::111122223333:role/x', 'iam:GetRole'), path: S('Statement', 0, 'Resource') },
    {
      code: 'REDUNDANT_RESOURCE',
      type: 'SUGGESTION',
      triggers: r(['arn:aws:iam::111122223333:role/jane-admin', 'arn:aws:iam::111122223333:role/jane-s3only', 'arn:aws:iam::111122223333:role/jane*'], 'iam:GetRole'),
      clean: r(['arn:aws:iam::111122223333:role/jane-admin', 'arn:aws:iam::111122223333:role/jane-s3only'], 'iam:GetRole'),
      path: S('Statement', 0, 'Resource', 0),
      details: 'The 2 resource ARN(s) are redundant',
    },
  ]);
});
