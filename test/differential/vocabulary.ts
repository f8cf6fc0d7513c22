// The small, real vocabulary the differential scenarios draw from: actions with
// the resource type AWS documents for them, accounts, principals and context keys.
// Kept small so that random policies and requests actually meet.

export const ACCOUNT = '111111111111';
export const OTHER_ACCOUNT = '222222222222';

/** The resource type an action acts on (from the Service Authorization Reference), or `none` for `*`-only actions. */
export type ResourceKind = 'object' | 'bucket' | 'user' | 'role' | 'instance' | 'queue' | 'none';

export interface ActionInfo {
  readonly name: string;
  readonly service: Service;
  readonly kind: ResourceKind;
}

export type Service = 's3' | 'iam' | 'ec2' | 'sqs' | 'sts';
/** The services a statement about another service than the request's is drawn from. */
export const SERVICES: readonly Service[] = ['s3', 'iam', 'ec2', 'sqs'];

export const ACTIONS: readonly ActionInfo[] = [
  { name: 's3:GetObject', service: 's3', kind: 'object' },
  { name: 's3:PutObject', service: 's3', kind: 'object' },
  { name: 's3:DeleteObject', service: 's3', kind: 'object' },
  { name: 's3:ListBucket', service: 's3', kind: 'bucket' },
  { name: 'iam:GetUser', service: 'iam', kind: 'user' },
  { name: 'iam:CreateUser', service: 'iam', kind: 'user' },
  { name: 'iam:GetRole', service: 'iam', kind: 'role' },
  { name: 'ec2:DescribeInstances', service: 'ec2', kind: 'none' },
  { name: 'ec2:StartInstances', service: 'ec2', kind: 'instance' },
  { name: 'sqs:SendMessage', service: 'sqs', kind: 'queue' },
  { name: 'sqs:ReceiveMessage', service: 'sqs', kind: 'queue' },
];

/** Action patterns per service as policies write them: exact names, `*` and `?` wildcards, other case. */
export const ACTION_PATTERNS: Readonly<Record<Service, readonly string[]>> = {
  s3: ['s3:GetObject', 's3:PutObject', 's3:ListBucket', 's3:Get*', 's3:*Object', 's3:?etObject', 's3:*', 's3:getobject', 's3:List*'],
  iam: ['iam:GetUser', 'iam:CreateUser', 'iam:GetRole', 'iam:Get*', 'iam:*User', 'iam:*', 'IAM:getuser'],
  ec2: ['ec2:DescribeInstances', 'ec2:StartInstances', 'ec2:Describe*', 'ec2:*Instances', 'ec2:*', 'ec2:Start?nstances'],
  sqs: ['sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:*Message', 'sqs:Send*', 'sqs:*'],
  sts: ['sts:AssumeRole', 'sts:Assume*', 'sts:*', 'sts:assumerole', 'sts:TagSession'],
};

/** Resource patterns per service: globs, policy variables, `*`, and a few ARNs in other letter case. */
export const RESOURCE_PATTERNS: Readonly<Record<Service, readonly string[]>> = {
  s3: [
    'arn:aws:s3:::bucket-a/*',
    'arn:aws:s3:::bucket-a',
    'arn:aws:s3:::bucket-*',
    'arn:aws:s3:::bucket-a/home/${aws:username}/*',
    'arn:aws:s3:::*/home/*',
    'arn:aws:s3:::bucket-?/*',
    'arn:aws:s3:::${aws:PrincipalTag/team}-*',
    'arn:aws:s3:::bucket-a/public/*',
    'arn:aws:S3:::bucket-a/*',
  ],
  iam: [
    `arn:aws:iam::${ACCOUNT}:user/*`,
    `arn:aws:iam::${ACCOUNT}:user/\${aws:username}`,
    'arn:aws:iam::*:user/dev/*',
    `arn:aws:iam::${ACCOUNT}:role/*`,
    `arn:aws:iam::${ACCOUNT}:*`,
    `arn:aws:iam::${OTHER_ACCOUNT}:user/*`,
    `arn:aws:IAM::${ACCOUNT}:user/*`,
  ],
  ec2: [
    `arn:aws:ec2:*:${ACCOUNT}:instance/*`,
    'arn:aws:ec2:us-east-1:*:instance/i-0abc*',
    'arn:aws:ec2:*:*:instance/i-0???123',
    `arn:aws:ec2:US-EAST-1:${ACCOUNT}:instance/*`,
  ],
  sqs: [
    `arn:aws:sqs:us-east-1:${ACCOUNT}:queue-*`,
    'arn:aws:sqs:*:*:queue-a',
    `arn:aws:sqs:us-east-1:${ACCOUNT}:\${aws:username}-*`,
    `arn:aws:sqs:*:${OTHER_ACCOUNT}:*`,
  ],
  sts: [
    `arn:aws:iam::${ACCOUNT}:role/*`,
    'arn:aws:iam::*:role/Dev',
    `arn:aws:iam::${OTHER_ACCOUNT}:role/*`,
    `arn:aws:iam::${ACCOUNT}:role/Admin`,
    `arn:aws:IAM::${ACCOUNT}:role/*`,
  ],
};

/** The action a role's trust policy is asked about. */
export const ASSUME_ROLE: ActionInfo = { name: 'sts:AssumeRole', service: 'sts', kind: 'role' };

export const BUCKETS = ['bucket-a', 'bucket-b', 'platform-logs'] as const;
export const OBJECT_KEYS = ['home/alice/notes.txt', 'home/bob/a.txt', 'public/index.html', 'Home/alice/x'] as const;
export const USER_PATHS = ['', 'dev/'] as const;
export const USER_NAMES = ['alice', 'bob', 'carol'] as const;
export const ROLE_NAMES = ['Dev', 'Admin'] as const;
export const REGIONS = ['us-east-1', 'eu-west-1'] as const;
export const INSTANCE_IDS = ['i-0abc123', 'i-0fff123', 'i-9999'] as const;
export const QUEUES = ['queue-a', 'queue-b', 'alice-jobs'] as const;

/** The callers: IAM users (with and without a path) and role sessions, all in ACCOUNT. */
export const PRINCIPALS = [
  `arn:aws:iam::${ACCOUNT}:user/alice`,
  `arn:aws:iam::${ACCOUNT}:user/dev/bob`,
  `arn:aws:sts::${ACCOUNT}:assumed-role/Dev/s1`,
  `arn:aws:sts::${ACCOUNT}:assumed-role/Admin/ops`,
] as const;

/** Callers in the other account, for cross-account requests. */
export const OTHER_PRINCIPALS = [`arn:aws:iam::${OTHER_ACCOUNT}:user/carol`, `arn:aws:sts::${OTHER_ACCOUNT}:assumed-role/Admin/x`] as const;

/** How a context key is typed, which decides the operators that make sense for it. */
export type KeyType = 'string' | 'strings' | 'numeric' | 'date' | 'bool' | 'ip' | 'arn';

export interface KeyInfo {
  readonly name: string;
  readonly type: KeyType;
  /** Values a request may carry (a request picks one, or a subset for `strings`). */
  readonly requestValues: readonly string[];
  /** Values a condition may name; some equal request values so that conditions match. */
  readonly policyValues: readonly string[];
}

/** Global condition keys only, so that iam-simulate passes every one of them to every action. */
export const KEYS: readonly KeyInfo[] = [
  { name: 'aws:username', type: 'string', requestValues: ['alice', 'bob', 'Alice'], policyValues: ['alice', 'bob', 'a*', 'al?ce', '*', '${aws:PrincipalTag/team}'] },
  { name: 'aws:PrincipalTag/team', type: 'string', requestValues: ['platform', 'data', 'Platform'], policyValues: ['platform', 'data', 'plat*', '${aws:username}'] },
  { name: 'aws:RequestTag/env', type: 'string', requestValues: ['dev', 'prod', 'dev-1'], policyValues: ['dev', 'prod', 'dev-*', '${aws:PrincipalTag/team}'] },
  { name: 'aws:TagKeys', type: 'strings', requestValues: ['env', 'team', 'Owner'], policyValues: ['env', 'team', 'owner', 't*'] },
  { name: 'aws:MultiFactorAuthAge', type: 'numeric', requestValues: ['30', '3600', '7200'], policyValues: ['3600', '100', '7200'] },
  {
    name: 'aws:CurrentTime',
    type: 'date',
    requestValues: ['2024-01-01T00:00:00Z', '2025-06-15T12:00:00Z', '2024-06-01T00:00:00Z'],
    policyValues: ['2024-06-01T00:00:00Z', '2023-01-01', '2025-01-01T00:00:00Z'],
  },
  { name: 'aws:SecureTransport', type: 'bool', requestValues: ['true', 'false'], policyValues: ['true', 'false'] },
  { name: 'aws:MultiFactorAuthPresent', type: 'bool', requestValues: ['true', 'false'], policyValues: ['true', 'false'] },
  {
    name: 'aws:SourceIp',
    type: 'ip',
    requestValues: ['10.1.2.3', '192.168.1.10', '203.0.113.5', '2001:db8::1'],
    policyValues: ['10.0.0.0/8', '192.168.1.0/24', '203.0.113.5', '203.0.113.5/32', '2001:db8::/32'],
  },
  {
    name: 'aws:PrincipalArn',
    type: 'arn',
    requestValues: [`arn:aws:iam::${ACCOUNT}:user/alice`, `arn:aws:iam::${ACCOUNT}:role/Dev`, `arn:aws:iam::${ACCOUNT}:user/dev/bob`],
    policyValues: [`arn:aws:iam::${ACCOUNT}:user/*`, 'arn:aws:iam::*:role/Dev', `arn:aws:iam::${ACCOUNT}:*`, `arn:aws:iam::${ACCOUNT}:user/alice`, `arn:aws:IAM::${ACCOUNT}:user/*`],
  },
  {
    name: 'aws:SourceArn',
    type: 'arn',
    requestValues: [`arn:aws:sns:us-east-1:${ACCOUNT}:topic-a`, 'arn:aws:s3:::bucket-a'],
    policyValues: [`arn:aws:sns:*:${ACCOUNT}:*`, 'arn:aws:s3:::bucket-*', `arn:aws:sns:us-east-1:${ACCOUNT}:topic-a`],
  },
];

/** Operators (without qualifiers) that fit a key type. */
export const OPERATORS_FOR: Readonly<Record<KeyType, readonly string[]>> = {
  string: ['StringEquals', 'StringLike', 'StringNotEquals', 'StringNotLike', 'StringEqualsIgnoreCase'],
  strings: ['StringEquals', 'StringLike', 'StringNotEquals', 'StringNotLike'],
  numeric: ['NumericLessThan', 'NumericGreaterThanEquals', 'NumericEquals'],
  date: ['DateGreaterThan', 'DateLessThan'],
  bool: ['Bool'],
  ip: ['IpAddress', 'NotIpAddress'],
  arn: ['ArnLike', 'ArnEquals', 'ArnNotLike'],
};
