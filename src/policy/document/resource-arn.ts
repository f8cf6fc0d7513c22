// Resource values in identity policies, as IAM judges them: `*`, or an ARN whose
// partition and (for IAM and S3) region and resource path are right. IAM also runs an
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
  if (service === 's3' && !afterService.startsWith(':')) {
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
