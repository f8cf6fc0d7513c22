import { describe } from 'vitest';
import { identity, runRows, S } from '../../../services/accessanalyzer/check-table.case.js';

const roles = 'arn:aws:iam::111122223333:role/app-*';

describe('iam:PassRole and iam:CreateServiceLinkedRole checks', () => {
  runRows([
    { code: 'PASS_ROLE_WITH_STAR_IN_RESOURCE', type: 'SECURITY_WARNING', triggers: identity({ Action: 'iam:PassRole', Resource: '*' }), clean: identity({ Action: 'iam:PassRole', Resource: roles }), path: S('Statement', 0, 'Action') },
    {
      code: 'PASS_ROLE_WITH_STAR_IN_RESOURCE',
      type: 'SECURITY_WARNING',
      triggers: identity({ Action: 'iam:PassRole', Resource: '*' }),
      clean: identity({ Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } }),
      path: S('Statement', 0, 'Action'),
    },
    { code: 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE', type: 'SECURITY_WARNING', triggers: identity({ Action: 'iam:*', Resource: '*' }), clean: identity({ Action: 'iam:*', Resource: roles }), path: S('Statement', 0, 'Action') },
    { code: 'PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION', type: 'SECURITY_WARNING', triggers: identity({ Action: undefined, NotAction: 's3:*', Resource: '*' }), clean: identity({ Action: undefined, NotAction: ['s3:*', 'iam:PassRole'], Resource: '*' }), path: S('Statement', 0, 'NotAction') },
    { code: 'PASS_ROLE_WITH_NOT_RESOURCE', type: 'SECURITY_WARNING', triggers: identity({ Action: 'iam:PassRole', Resource: undefined, NotResource: roles }), clean: identity({ Action: 'iam:PassRole', Resource: roles }), path: S('Statement', 0, 'Action') },
    { code: 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE', type: 'SECURITY_WARNING', triggers: identity({ Action: 'iam:Pass*', Resource: undefined, NotResource: roles }), clean: identity({ Action: 'iam:Get*', Resource: undefined, NotResource: roles }), path: S('Statement', 0, 'Action') },
    { code: 'PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE', type: 'SECURITY_WARNING', triggers: identity({ Action: undefined, NotAction: 's3:*', Resource: undefined, NotResource: roles }), clean: identity({ Action: undefined, NotAction: 'iam:*', Resource: undefined, NotResource: roles }), path: S('Statement', 0, 'NotAction') },
    { code: 'CREATE_SLR_WITH_STAR_IN_RESOURCE', type: 'WARNING', triggers: identity({ Action: 'iam:CreateServiceLinkedRole', Resource: '*' }), clean: identity({ Action: 'iam:CreateServiceLinkedRole', Resource: 'arn:aws:iam::*:role/aws-service-role/ecs.amazonaws.com/*' }), path: S('Statement', 0, 'Action') },
    { code: 'CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE', type: 'WARNING', triggers: identity({ Action: 'iam:Create*', Resource: '*' }), clean: identity({ Action: 'iam:Get*', Resource: '*' }), path: S('Statement', 0, 'Action') },
    { code: 'CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION', type: 'WARNING', triggers: identity({ Action: undefined, NotAction: 's3:*', Resource: '*' }), clean: identity({ Action: undefined, NotAction: 'iam:*', Resource: '*' }), path: S('Statement', 0, 'NotAction') },
    { code: 'CREATE_SLR_WITH_NOT_RESOURCE', type: 'WARNING', triggers: identity({ Action: 'iam:CreateServiceLinkedRole', Resource: undefined, NotResource: roles }), clean: identity({ Action: 'iam:CreateServiceLinkedRole', Resource: roles }), path: S('Statement', 0, 'Action') },
    { code: 'CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE', type: 'WARNING', triggers: identity({ Action: 'iam:*', Resource: undefined, NotResource: roles }), clean: identity({ Action: 'iam:*', Resource: roles }), path: S('Statement', 0, 'Action') },
    { code: 'CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE', type: 'WARNING', triggers: identity({ Action: undefined, NotAction: 's3:*', Resource: undefined, NotResource: roles }), clean: identity({ Action: undefined, NotAction: 'iam:*', Resource: undefined, NotResource: roles }), path: S('Statement', 0, 'NotAction') },
  ]);
});
