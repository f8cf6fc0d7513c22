// Resource and NotResource ARNs: prefix, fields, partition, service case, Region and account
// (well-formed, and allowed or required by the service's resource types), the resource part
// against the service's ARN formats, and ARNs another entry of the list already covers.

import { compileWildcard, hasWildcard } from '../../match/wildcard.js';
import type { ServiceInfo } from '../catalog.js';
import type { Check, CheckContext } from '../context.js';
import type { LocatedString } from '../located.js';

const PARTITIONS: ReadonlySet<string> = new Set(['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc']);
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const ACCOUNT = /^\d{12}$/;
const VARIABLE = /\$\{[^}]*\}/g;

/** Wildcards or policy variables: the field cannot be judged from the text alone. */
function open(field: string): boolean {
  return hasWildcard(field) || field.includes('${');
}

interface TypeRule {
  readonly region: boolean;
  readonly account: boolean;
  readonly pattern: RegExp;
}

const rulesCache = new WeakMap<ServiceInfo, readonly TypeRule[]>();

/** The resource part (after the fifth colon) of a format, `${...}` standing for any text. */
function formatPattern(format: string): RegExp {
  const source = format
    .split(':')
    .slice(5)
    .join(':')
    .split(/(\$\{[^}]+\})/)
    .map((part) => (part.startsWith('${') ? '.+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}

/** The service's own resource types (some list another service's ARN, as Route 53 lists EC2's VPC). */
function typeRules(service: ServiceInfo): readonly TypeRule[] {
  let rules = rulesCache.get(service);
  if (rules === undefined) {
    rules = service.resourceTypes
      .map((t) => t.arn.split(':'))
      .filter((f) => f[2] === service.prefix)
      .map((f) => ({ region: (f[3] ?? '') !== '', account: (f[4] ?? '') !== '', pattern: formatPattern(f.join(':')) }));
    rulesCache.set(service, rules);
  }
  return rules;
}

function checkArn(ctx: CheckContext, item: LocatedString): void {
  const { value } = item;
  if (value === '*') return;
  if (!value.startsWith('arn:') && !value.startsWith('arn*') && !/^arn[*?]/.test(value)) {
    ctx.report('INVALID_ARN_PREFIX', item.at);
    return;
  }
  const fields = value.split(':');
  if (fields.length < 6) {
    ctx.report('MISSING_ARN_FIELD', item.at);
    return;
  }
  const [, partition = '', serviceName = '', region = '', account = ''] = fields;
  const resource = fields.slice(5).join(':');
  if (hasWildcard(serviceName)) {
    ctx.report('WILDCARD_IN_SERVICE_NAME', item.at);
    return;
  }
  if (serviceName !== serviceName.toLowerCase()) {
    ctx.report('INVALID_ARN_SERVICE_CASE', item.at, { service: serviceName });
    return;
  }
  if (!open(partition) && !PARTITIONS.has(partition)) {
    ctx.report('INVALID_PARTITION', item.at, { service: serviceName, partition, partitions: [...PARTITIONS].join(', ') });
    return;
  }
  const service = ctx.catalog.service(serviceName);
  const all = service === undefined ? [] : typeRules(service);
  // Region and account rules come from the resource types this ARN's resource part fits
  // (an S3 bucket takes neither, an S3 access point both); with none, from all of them.
  const concrete = resource.replace(VARIABLE, 'x');
  const fitting = hasWildcard(resource) ? [] : all.filter((t) => t.pattern.test(concrete));
  const rules = fitting.length > 0 ? fitting : all;
  const some = rules.length > 0;
  if (region !== '' && !open(region) && !REGION.test(region)) ctx.report('INVALID_ARN_REGION', item.at, { region });
  else if (region !== '' && !open(region) && some && rules.every((t) => !t.region)) ctx.report('ARN_REGION_NOT_ALLOWED', item.at, { service: serviceName });
  else if (region === '' && some && rules.every((t) => t.region)) ctx.report('MISSING_ARN_REGION', item.at, { service: serviceName });
  if (account !== '' && !open(account) && !ACCOUNT.test(account) && account !== 'aws') ctx.report('INVALID_ARN_ACCOUNT', item.at, { account });
  else if (account !== '' && !open(account) && some && rules.every((t) => !t.account)) ctx.report('ARN_ACCOUNT_NOT_ALLOWED', item.at, { service: serviceName });
  else if (account === '' && some && rules.every((t) => t.account)) ctx.report('MISSING_ARN_ACCOUNT', item.at, { service: serviceName });
  if (some && !hasWildcard(resource) && fitting.length === 0) ctx.report('INVALID_ARN_RESOURCE', item.at);
}

function redundantResources(items: readonly LocatedString[]): readonly LocatedString[] {
  const matchers = items.map((i) => (hasWildcard(i.value) ? compileWildcard(i.value, { ignoreCase: false }) : undefined));
  return items.filter((item, i) =>
    items.some((other, j) => {
      if (j === i) return false;
      if (other.value === item.value) return j < i;
      const match = matchers[j];
      return match !== undefined && !hasWildcard(item.value) && match(item.value);
    }),
  );
}

export const resourcesCheck: Check = {
  name: 'resources',
  codes: [
    'INVALID_ARN_PREFIX',
    'MISSING_ARN_FIELD',
    'WILDCARD_IN_SERVICE_NAME',
    'INVALID_ARN_SERVICE_CASE',
    'INVALID_PARTITION',
    'INVALID_ARN_REGION',
    'ARN_REGION_NOT_ALLOWED',
    'MISSING_ARN_REGION',
    'INVALID_ARN_ACCOUNT',
    'ARN_ACCOUNT_NOT_ALLOWED',
    'MISSING_ARN_ACCOUNT',
    'INVALID_ARN_RESOURCE',
    'REDUNDANT_RESOURCE',
  ],
  run(ctx) {
    for (const s of ctx.view.statements) {
      for (const item of [...s.resources, ...s.notResources]) checkArn(ctx, item);
      const redundant = redundantResources(s.resources);
      if (redundant.length > 0) ctx.report('REDUNDANT_RESOURCE', redundant.map((r) => r.at), { redundantResourceCount: redundant.length });
    }
  },
};
