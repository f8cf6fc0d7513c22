import { describe } from 'vitest';
import { identity, runRows, S } from '../../../services/accessanalyzer/check-table.case.js';

const c = (condition: unknown, extra: Record<string, unknown> = {}): object => identity({ Condition: condition, ...extra });
const at = (op: string, key: string, ...rest: number[]): ReturnType<typeof S> => S('Statement', 0, 'Condition', op, key, ...rest);

describe('condition value checks', () => {
  runRows([
    {
      code: 'INVALID_REGION',
      type: 'ERROR',
      triggers: c({ StringEquals: { 'aws:RequestedRegion': ['us-east-1', 'us-east'] } }),
      clean: c({ StringEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-*'] } }),
      path: at('StringEquals', 'aws:RequestedRegion', 1),
      details: 'The Region us-east is not valid.',
    },
    {
      code: 'INVALID_SERVICE_PRINCIPAL_FORMAT',
      type: 'ERROR',
      triggers: c({ StringEquals: { 'iam:PassedToService': ['ec2.amazonaws.com', 'Lambda.amazonaws.com'] } }),
      clean: c({ StringEquals: { 'iam:PassedToService': ['ec2.amazonaws.com', 'lambda.amazonaws.com'] } }),
      path: at('StringEquals', 'iam:PassedToService', 1),
      details: 'Use the format service-name.amazonaws.com.',
    },
    {
      code: 'INVALID_SERVICE_PRINCIPAL_FORMAT',
      type: 'ERROR',
      triggers: c({ StringEquals: { 'kms:ViaService': 'ec2.amazonaws.com' } }),
      clean: c({ StringEquals: { 'kms:ViaService': 'ec2.us-west-2.amazonaws.com' } }),
      path: at('StringEquals', 'kms:ViaService'),
      details: 'service-name.AWS_region.amazonaws.com',
    },
    { code: 'INVALID_VPC_FORMAT', type: 'ERROR', triggers: c({ StringEquals: { 'aws:SourceVpc': 'vpc-123' } }), clean: c({ StringEquals: { 'aws:SourceVpc': 'vpc-1a2b3c4d' } }), path: at('StringEquals', 'aws:SourceVpc'), details: 'vpc-123' },
    {
      code: 'INVALID_VPCE_FORMAT',
      type: 'ERROR',
      triggers: c({ StringNotEquals: { 'aws:SourceVpce': ['vpce-1a2b3c4d5e6f7a8b9', 'vpc-1a2b3c4d'] } }),
      clean: c({ StringNotEquals: { 'aws:SourceVpce': ['vpce-1a2b3c4d5e6f7a8b9', 'vpce-1a2b3c4d'] } }),
      path: at('StringNotEquals', 'aws:SourceVpce', 1),
    },
    { code: 'EQUIVALENT_TO_NULL_FALSE', type: 'SUGGESTION', triggers: c({ StringLike: { 'aws:PrincipalTag/team': '*' } }), clean: c({ StringLike: { 'aws:PrincipalTag/team': 'a*' } }), path: at('StringLike', 'aws:PrincipalTag/team'), details: 'Null operator with the value false' },
    { code: 'EQUIVALENT_TO_NULL_TRUE', type: 'SUGGESTION', triggers: c({ StringNotLike: { 'aws:PrincipalTag/team': '*' } }), clean: c({ StringNotLikeIfExists: { 'aws:PrincipalTag/team': '*' } }), path: at('StringNotLike', 'aws:PrincipalTag/team') },
    {
      code: 'STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS',
      type: 'SECURITY_WARNING',
      triggers: c({ StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/app-*' } }),
      clean: c({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/app-*' } }),
      path: at('StringLike', 'aws:PrincipalArn'),
      details: 'Use the ARN operator ArnLike',
    },
    {
      code: 'REDUNDANT_CONDITION_VALUE_NUM',
      type: 'SUGGESTION',
      triggers: c({ NumericLessThan: { 'aws:MultiFactorAuthAge': [3600, 7200] } }),
      clean: c({ NumericEquals: { 'aws:MultiFactorAuthAge': [3600, 7200] } }),
      path: at('NumericLessThan', 'aws:MultiFactorAuthAge'),
      details: 'Multiple values in NumericLessThan are redundant. Replace with the greatest single value for aws:MultiFactorAuthAge.',
    },
    {
      code: 'DYNAMODB_ATTRIBUTES_WITHOUT_SELECT',
      type: 'SECURITY_WARNING',
      triggers: c({ 'ForAllValues:StringEquals': { 'dynamodb:Attributes': ['id', 'name'] } }, { Action: 'dynamodb:Query', Resource: 'arn:aws:dynamodb:us-east-1:111122223333:table/t' }),
      clean: c(
        { 'ForAllValues:StringEquals': { 'dynamodb:Attributes': ['id', 'name'] }, StringEqualsIfExists: { 'dynamodb:Select': 'SPECIFIC_ATTRIBUTES' } },
        { Action: 'dynamodb:Query', Resource: 'arn:aws:dynamodb:us-east-1:111122223333:table/t' },
      ),
      path: at('ForAllValues:StringEquals', 'dynamodb:Attributes'),
    },
  ]);
});
