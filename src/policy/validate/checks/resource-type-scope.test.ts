import { describe } from 'vitest';
import { resource, runRows, S } from '../../../services/accessanalyzer/check-table.case.js';

describe('resource policies given their resource type', () => {
  runRows([
    {
      code: 'UNSUPPORTED_ACTION_IN_POLICY',
      type: 'ERROR',
      policyType: 'RESOURCE_POLICY',
      resourceType: 'AWS::S3::Bucket',
      triggers: resource({ Action: ['s3:GetObject', 'kms:Decrypt'] }),
      clean: resource({ Action: ['s3:GetObject', 's3:Get*'] }),
      path: S('Statement', 0, 'Action', 1),
      details: 'The action kms:Decrypt is not supported for the resource-based policy attached to the resource type AWS::S3::Bucket.',
    },
    {
      code: 'UNSUPPORTED_RESOURCE_ARN_IN_POLICY',
      type: 'ERROR',
      policyType: 'RESOURCE_POLICY',
      resourceType: 'AWS::DynamoDB::Table',
      triggers: resource({ Action: 'dynamodb:GetItem', Resource: ['arn:aws:dynamodb:us-east-1:111122223333:table/t', 'arn:aws:kms:us-east-1:111122223333:key/k'] }),
      clean: resource({ Action: 'dynamodb:GetItem', Resource: 'arn:aws:dynamodb:us-east-1:111122223333:table/t' }),
      path: S('Statement', 0, 'Resource', 1),
      details: 'The resource ARN is not supported for the resource-based policy attached to the resource type AWS::DynamoDB::Table.',
    },
  ]);
});
