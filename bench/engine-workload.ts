// The engine benchmark's workload, generated deterministically: one principal with
// 10 managed policies of 10 statements, and requests that are allowed by the last
// statement only, implicitly denied, or explicitly denied.

export interface WorkloadRequest {
  readonly action: string;
  readonly resource: string;
  readonly context: Readonly<Record<string, string | readonly string[]>>;
  readonly expect: 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';
}

export interface Workload {
  readonly principalArn: string;
  readonly account: string;
  readonly policies: readonly { readonly name: string; readonly document: object }[];
  readonly requests: readonly WorkloadRequest[];
}

const SERVICES = ['s3', 'ec2', 'dynamodb', 'sqs', 'sns', 'lambda', 'kms', 'logs', 'iam', 'cloudwatch'];
const VERBS = ['Get', 'List', 'Describe', 'Put', 'Delete', 'Create', 'Update', 'Tag'];

/**
 * Real actions, each with a resource of the type AWS documents for it, that no
 * statement grants (several match a statement's action wildcard, none its
 * resources); real so that iam-simulate, which validates both, accepts them.
 * KMS stays out: without a key policy its requests are denied for another reason.
 */
const IMPLICIT_TARGETS: readonly ((account: string, i: number) => { action: string; resource: string })[] = [
  (a, i) => ({ action: 'sqs:SendMessage', resource: `arn:aws:sqs:us-west-2:${a}:other-${i}` }),
  (a, i) => ({ action: 'sqs:GetQueueAttributes', resource: `arn:aws:sqs:us-west-2:${a}:other-${i}` }),
  (a, i) => ({ action: 'sns:Publish', resource: `arn:aws:sns:us-west-2:${a}:other-${i}` }),
  (a, i) => ({ action: 'sns:GetTopicAttributes', resource: `arn:aws:sns:us-west-2:${a}:other-${i}` }),
  (a, i) => ({ action: 'dynamodb:GetItem', resource: `arn:aws:dynamodb:us-west-2:${a}:table/other-${i}` }),
  (a, i) => ({ action: 'dynamodb:PutItem', resource: `arn:aws:dynamodb:us-west-2:${a}:table/other-${i}` }),
  (a, i) => ({ action: 'dynamodb:DeleteItem', resource: `arn:aws:dynamodb:us-west-2:${a}:table/other-${i}` }),
  (a, i) => ({ action: 'lambda:InvokeFunction', resource: `arn:aws:lambda:us-west-2:${a}:function:other-${i}` }),
  (a, i) => ({ action: 'lambda:GetFunction', resource: `arn:aws:lambda:us-west-2:${a}:function:other-${i}` }),
  (a, i) => ({ action: 'logs:PutLogEvents', resource: `arn:aws:logs:us-west-2:${a}:log-group:other-${i}:log-stream:s` }),
  (a, i) => ({ action: 'logs:DescribeLogStreams', resource: `arn:aws:logs:us-west-2:${a}:log-group:other-${i}` }),
  (a, i) => ({ action: 'ec2:StartInstances', resource: `arn:aws:ec2:us-west-2:${a}:instance/i-${(0x1000000 + i).toString(16)}` }),
  (a, i) => ({ action: 's3:DeleteObject', resource: `arn:aws:s3:::other-bucket/k-${i}` }),
  (a, i) => ({ action: 'iam:GetUser', resource: `arn:aws:iam::${a}:user/other-${i}` }),
  (a, i) => ({ action: 'cloudwatch:PutMetricAlarm', resource: `arn:aws:cloudwatch:us-west-2:${a}:alarm:other-${i}` }),
];

/**
 * `arn:aws:SERVICE:REGION:ACCOUNT:` for a statement's resources. IAM rejects a region
 * in IAM and S3 ARNs, and a resource type IAM does not know, so those two differ.
 */
function arnPrefix(service: string, region: string, account: string): string {
  if (service === 'iam') return `arn:aws:iam::${account}:user/`;
  if (service === 's3') return 'arn:aws:s3:::';
  return `arn:aws:${service}:${region}:${account}:`;
}

/** A small deterministic PRNG (mulberry32) so both engines see the same workload on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function engineWorkload(requestCount: number, seed = 42): Workload {
  const rand = rng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const account = '123456789012';
  const user = 'bench-user';
  const policies: { name: string; document: object }[] = [];
  for (let p = 0; p < 10; p++) {
    const statements: object[] = [];
    for (let s = 0; s < 10; s++) {
      const service = SERVICES[(p + s) % SERVICES.length]!;
      const isLast = p === 9 && s === 9;
      const isDeny = p === 4 && s === 0;
      if (isDeny) {
        statements.push({
          Sid: 'DenyKmsDelete',
          Effect: 'Deny',
          Action: ['kms:ScheduleKeyDeletion', 'kms:Delete*'],
          Resource: '*',
        });
        continue;
      }
      if (isLast) {
        // The only statement that allows the "last statement" requests.
        statements.push({
          Sid: 'LastStatement',
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject'],
          Resource: [`arn:aws:s3:::home-bucket/\${aws:username}/*`],
          Condition: {
            StringEquals: { 'aws:PrincipalTag/team': 'platform' },
            IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] },
            Bool: { 'aws:SecureTransport': 'true' },
          },
        });
        continue;
      }
      statements.push({
        Sid: `P${p}S${s}`,
        Effect: 'Allow',
        Action: [`${service}:${pick(VERBS)}*`, `${service}:${pick(VERBS)}${pick(['Item', 'Bucket', 'Queue', 'Topic'])}`],
        Resource: [
          `${arnPrefix(service, 'us-east-1', account)}project-${p}-${s}/*`,
          `${arnPrefix(service, '*', account)}shared/\${aws:PrincipalTag/team}/*`,
        ],
        Condition: {
          StringLike: { 'aws:RequestTag/env': ['dev-*', 'test-*'] },
          StringEquals: { 'aws:RequestedRegion': pick(['us-east-1', 'eu-west-1']) },
        },
      });
    }
    policies.push({ name: `Managed${p}`, document: { Version: '2012-10-17', Statement: statements } });
  }
  const baseContext = {
    'aws:username': user,
    'aws:PrincipalTag/team': 'platform',
    'aws:SourceIp': '10.1.2.3',
    'aws:SecureTransport': 'true',
    'aws:RequestedRegion': 'us-west-2',
  };
  const requests: WorkloadRequest[] = [];
  for (let i = 0; i < requestCount; i++) {
    const kind = i % 3;
    if (kind === 0) {
      requests.push({
        action: pick(['s3:GetObject', 's3:PutObject']),
        resource: `arn:aws:s3:::home-bucket/${user}/file-${i}.txt`,
        context: baseContext,
        expect: 'Allow',
      });
    } else if (kind === 1) {
      requests.push({
        ...pick(IMPLICIT_TARGETS)(account, i),
        context: { ...baseContext, 'aws:SourceIp': '172.16.0.1' },
        expect: 'ImplicitDeny',
      });
    } else {
      requests.push({
        action: pick(['kms:ScheduleKeyDeletion', 'kms:DeleteAlias']),
        resource: `arn:aws:kms:us-east-1:${account}:key/k-${i}`,
        context: baseContext,
        expect: 'ExplicitDeny',
      });
    }
  }
  return { principalArn: `arn:aws:iam::${account}:user/${user}`, account, policies, requests };
}
