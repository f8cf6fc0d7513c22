// What LookupEvents can find an event by, taken from its record once, when it is stored:
// the user name CloudTrail shows (the IAM user, the role session's name, the federated
// user's name, or `root`), the access key, and the resources the call named.

import type { CloudTrailRecord } from '../../audit/record/cloudtrail-record.js';

export interface LookupResource {
  readonly ResourceType: string;
  readonly ResourceName: string;
}

export interface LookupFields {
  readonly username?: string;
  readonly accessKeyId?: string;
  readonly resources: readonly LookupResource[];
}

/** requestParameters members that name a resource, and its CloudFormation-style type. */
const PARAMETER_RESOURCES: ReadonlyArray<readonly [string, string]> = [
  ['userName', 'AWS::IAM::User'],
  ['groupName', 'AWS::IAM::Group'],
  ['roleName', 'AWS::IAM::Role'],
  ['policyArn', 'AWS::IAM::Policy'],
  ['policyName', 'AWS::IAM::Policy'],
  ['instanceProfileName', 'AWS::IAM::InstanceProfile'],
  ['accessKeyId', 'AWS::IAM::AccessKey'],
  ['serialNumber', 'AWS::IAM::MFADevice'],
  ['virtualMFADeviceName', 'AWS::IAM::MFADevice'],
  ['sAMLProviderArn', 'AWS::IAM::SAMLProvider'],
  ['openIDConnectProviderArn', 'AWS::IAM::OIDCProvider'],
  ['serverCertificateName', 'AWS::IAM::ServerCertificate'],
  ['roleArn', 'AWS::IAM::Role'],
];

function lastSegment(arn: string | undefined): string | undefined {
  if (arn === undefined) return undefined;
  const slash = arn.lastIndexOf('/');
  return slash < 0 ? undefined : arn.slice(slash + 1);
}

export function usernameOf(record: CloudTrailRecord): string | undefined {
  const id = record.userIdentity;
  switch (id.type) {
    case 'Root':
      return 'root';
    case 'IAMUser':
      return id.userName ?? lastSegment(id.arn);
    case 'AssumedRole':
    case 'FederatedUser':
      return lastSegment(id.arn);
    default:
      return id.userName;
  }
}

function str(obj: Readonly<Record<string, unknown>> | null | undefined, key: string): string | undefined {
  const v = obj?.[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function nested(obj: Readonly<Record<string, unknown>> | null | undefined, key: string): Readonly<Record<string, unknown>> | undefined {
  const v = obj?.[key];
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

export function lookupFieldsOf(record: CloudTrailRecord): LookupFields {
  const resources: LookupResource[] = [];
  const add = (type: string, name: string | undefined): void => {
    if (name !== undefined && !resources.some((r) => r.ResourceType === type && r.ResourceName === name)) resources.push({ ResourceType: type, ResourceName: name });
  };
  for (const [member, type] of PARAMETER_RESOURCES) add(type, str(record.requestParameters, member));
  const response = record.responseElements;
  add('AWS::IAM::User', str(nested(response, 'user'), 'userName'));
  add('AWS::IAM::AccessKey', str(nested(response, 'accessKey'), 'accessKeyId'));
  add('AWS::IAM::AccessKey', str(nested(response, 'credentials'), 'accessKeyId'));
  add('AWS::STS::AssumedRole', str(record.requestParameters, 'roleSessionName'));
  if (record.eventName === 'GetFederationToken') add('AWS::STS::FederatedUser', str(record.requestParameters, 'name'));
  const username = usernameOf(record);
  const accessKeyId = record.userIdentity.accessKeyId;
  return {
    ...(username !== undefined && { username }),
    ...(accessKeyId !== undefined && accessKeyId !== '' && { accessKeyId }),
    resources,
  };
}
