// A resource policy given with its resource type (`validatePolicyResourceType`) can only speak of
// that resource's service: another service's action (kms:Decrypt in a bucket policy) is
// UNSUPPORTED_ACTION_IN_POLICY, another service's ARN in Resource is
// UNSUPPORTED_RESOURCE_ARN_IN_POLICY (AWS's check reference, June-2023 page). Values whose
// service part has a wildcard may name the resource's own service and are left alone.

import type { Check, CheckContext } from '../context.js';
import type { ValidatePolicyResourceType } from '../types.js';

/** The service prefix of each resource type's actions and ARNs; trust policies have their own checks. */
const SERVICE_OF: Readonly<Partial<Record<ValidatePolicyResourceType, string>>> = {
  'AWS::S3::Bucket': 's3',
  'AWS::S3::AccessPoint': 's3',
  'AWS::S3::MultiRegionAccessPoint': 's3',
  'AWS::S3ObjectLambda::AccessPoint': 's3-object-lambda',
  'AWS::DynamoDB::Table': 'dynamodb',
};

function run(ctx: CheckContext): void {
  if (ctx.policyType !== 'RESOURCE_POLICY' || ctx.resourceType === undefined) return;
  const service = SERVICE_OF[ctx.resourceType];
  if (service === undefined) return;
  const resourceType = ctx.resourceType;
  for (const s of ctx.view.statements) {
    for (const a of [...s.actions, ...s.notActions]) {
      const colon = a.value.indexOf(':');
      if (colon <= 0) continue;
      const prefix = a.value.slice(0, colon);
      if (!/[*?]/.test(prefix) && prefix.toLowerCase() !== service) ctx.report('UNSUPPORTED_ACTION_IN_POLICY', a.at, { action: a.value, resourceType });
    }
    for (const r of [...s.resources, ...s.notResources]) {
      const parts = r.value.split(':');
      if (parts.length < 3 || parts[0] !== 'arn') continue;
      const arnService = parts[2] ?? '';
      if (!/[*?]/.test(arnService) && !arnService.includes('${') && arnService !== service) ctx.report('UNSUPPORTED_RESOURCE_ARN_IN_POLICY', r.at, { resourceType });
    }
  }
}

export const resourceTypeScopeCheck: Check = {
  name: 'resource-type-scope',
  codes: ['UNSUPPORTED_ACTION_IN_POLICY', 'UNSUPPORTED_RESOURCE_ARN_IN_POLICY'],
  run,
};
