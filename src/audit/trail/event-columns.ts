// What LookupEvents filters on, read from a CloudTrail record: the user name CloudTrail's
// event history shows, the access key, and the resources the call names (from its request
// parameters, and the user, key or session its answer created, as CloudTrail lists
// `Resources` for IAM and STS events).

import type { CloudTrailRecord } from '../record/cloudtrail-record.js';
import type { AuditResource } from '../../storage/audit-repositories.js';

/** Request parameters that name an IAM resource, and the resource type CloudTrail gives it. */
const NAMED_RESOURCES: readonly (readonly [string, string])[] = [
  ['userName', 'AWS::IAM::User'],
  ['groupName', 'AWS::IAM::Group'],
  ['roleName', 'AWS::IAM::Role'],
  ['roleArn', 'AWS::IAM::Role'],
  ['policyArn', 'AWS::IAM::Policy'],
  ['policyName', 'AWS::IAM::Policy'],
  ['instanceProfileName', 'AWS::IAM::InstanceProfile'],
  ['accessKeyId', 'AWS::IAM::AccessKey'],
  ['serialNumber', 'AWS::IAM::MFADevice'],
  ['virtualMFADeviceName', 'AWS::IAM::MFADevice'],
  ['serverCertificateName', 'AWS::IAM::ServerCertificate'],
  ['openIDConnectProviderArn', 'AWS::IAM::OIDCProvider'],
  ['sAMLProviderArn', 'AWS::IAM::SAMLProvider'],
  ['ruleName', 'AWS::Events::Rule'],
];

function member(obj: unknown, key: string): unknown {
  return typeof obj === 'object' && obj !== null && !Array.isArray(obj) ? (obj as Record<string, unknown>)[key] : undefined;
}

/** The name CloudTrail's event history gives the caller. */
export function usernameOf(record: CloudTrailRecord): string | undefined {
  const identity = record.userIdentity;
  switch (identity.type) {
    case 'Root':
      return 'root';
    case 'IAMUser':
      return identity.userName;
    case 'AssumedRole':
    case 'FederatedUser': {
      // The session's own name: the ARN's last segment.
      const arn = identity.arn ?? '';
      const slash = arn.lastIndexOf('/');
      return slash < 0 ? undefined : arn.slice(slash + 1);
    }
    default:
      return identity.userName;
  }
}

export function resourcesOf(record: CloudTrailRecord): AuditResource[] {
  const found = new Map<string, AuditResource>();
  const add = (type: string, name: string): void => {
    if (name !== '') found.set(`${type}\0${name}`, { type, name });
  };
  const params = record.requestParameters ?? {};
  for (const [member, type] of NAMED_RESOURCES) {
    const value = params[member];
    if (typeof value === 'string') add(type, value);
  }
  // `name` is a rule's name on EventBridge, the federated user's on GetFederationToken.
  if (typeof params.name === 'string') {
    if (record.eventSource === 'events.amazonaws.com') add('AWS::Events::Rule', params.name);
    else if (record.eventName === 'GetFederationToken') add('AWS::STS::FederatedUser', params.name);
  }
  // What the answer created: a user, an access key, a session's key and name.
  const response = record.responseElements;
  const text = (v: unknown): string => (typeof v === 'string' ? v : '');
  add('AWS::IAM::User', text(member(member(response, 'user'), 'userName')));
  add('AWS::IAM::AccessKey', text(member(member(response, 'accessKey'), 'accessKeyId')));
  add('AWS::IAM::AccessKey', text(member(member(response, 'credentials'), 'accessKeyId')));
  if (typeof params.roleSessionName === 'string') add('AWS::STS::AssumedRole', params.roleSessionName);
  for (const r of record.resources ?? []) add(r.type, r.ARN);
  return [...found.values()];
}
