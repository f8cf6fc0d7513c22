// Amazon Resource Names: `arn:partition:service:region:account:resource`. The resource
// is everything after the fifth colon and may itself hold `:` and `/`.

export interface Arn {
  readonly partition: string;
  readonly service: string;
  /** Empty for global services (IAM, S3 buckets). */
  readonly region: string;
  /** Empty where the ARN has no account (S3 buckets). */
  readonly account: string;
  readonly resource: string;
}

/** Splits an ARN; undefined unless it starts with `arn:`, has five colons and a partition, service and resource. */
export function parseArn(text: string): Arn | undefined {
  if (!text.startsWith('arn:')) return undefined;
  const c1 = 3;
  const c2 = text.indexOf(':', c1 + 1);
  if (c2 < 0) return undefined;
  const c3 = text.indexOf(':', c2 + 1);
  if (c3 < 0) return undefined;
  const c4 = text.indexOf(':', c3 + 1);
  if (c4 < 0) return undefined;
  const c5 = text.indexOf(':', c4 + 1);
  if (c5 < 0) return undefined;
  const arn: Arn = {
    partition: text.slice(c1 + 1, c2),
    service: text.slice(c2 + 1, c3),
    region: text.slice(c3 + 1, c4),
    account: text.slice(c4 + 1, c5),
    resource: text.slice(c5 + 1),
  };
  if (arn.partition === '' || arn.service === '' || arn.resource === '') return undefined;
  return arn;
}

export function formatArn(arn: Arn): string {
  return `arn:${arn.partition}:${arn.service}:${arn.region}:${arn.account}:${arn.resource}`;
}
