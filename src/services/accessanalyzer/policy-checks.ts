// The Access Analyzer operations that need no stored state: ValidatePolicy (paged findings) and
// the three custom policy checks. Each is authorized as `access-analyzer:<Operation>` on `*`
// (these actions have no resource type in the Service Authorization Reference).

import { parsePolicy } from '../../policy/document/parse-policy.js';
import type { PolicyDocument, PolicyKind } from '../../policy/document/types.js';
import { checkAccessNotGranted, checkNoNewAccess, checkNoPublicAccess } from '../../policy/reasoning/custom-checks.js';
import type { CheckResult } from '../../policy/reasoning/custom-checks.js';
import type { ValidatePolicyResourceType, ValidatePolicyType } from '../../policy/validate/types.js';
import { validatePolicy } from '../../policy/validate/validate-policy.js';
import { JsonServiceError } from '../../protocol/json/json-error.js';
import { validationException } from '../../protocol/rest-json/rest-json-error.js';
import type { WireObject, WireValue } from '../../protocol/wire-value.js';
import type { Operation, OperationTable } from '../operation.js';
import { prepareCatalog, referencedServices } from './iam-data-catalog.js';

/** Findings per page when the caller gives no maxResults. */
export const DEFAULT_PAGE_SIZE = 100;

const unauthorized = (name: string): Operation['checks'] => () => [{ action: `access-analyzer:${name}`, resource: '*' }];

function pageToken(offset: number, total: number): string {
  return Buffer.from(JSON.stringify({ o: offset, t: total })).toString('base64url');
}

function readToken(token: string | undefined): number {
  if (token === undefined) return 0;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown };
    if (typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0) return parsed.o;
  } catch {
    // fall through
  }
  throw validationException('The nextToken is not valid.', 'other', [{ name: 'nextToken', message: 'Invalid pagination token' }]);
}

const validate: Operation = {
  checks: unauthorized('ValidatePolicy'),
  async run(input) {
    const text = String(input.policyDocument ?? '');
    const policyType = input.policyType as ValidatePolicyType;
    const resourceType = input.validatePolicyResourceType as ValidatePolicyResourceType | undefined;
    const catalog = await prepareCatalog(text);
    // validatePolicyResourceType only refines resource policies; with other types it is ignored.
    const findings = validatePolicy(text, { policyType, ...(policyType === 'RESOURCE_POLICY' && resourceType !== undefined && { resourceType }), catalog });
    const size = typeof input.maxResults === 'number' && input.maxResults > 0 ? input.maxResults : DEFAULT_PAGE_SIZE;
    const offset = readToken(input.nextToken as string | undefined);
    const page = findings.slice(offset, offset + size);
    const next = offset + size < findings.length ? pageToken(offset + size, findings.length) : undefined;
    return { findings: page as unknown as WireValue[], ...(next !== undefined && { nextToken: next }) };
  },
};

function invalidParameter(message: string): JsonServiceError {
  return new JsonServiceError('InvalidParameterException', message, 400);
}

function readPolicy(text: string, kinds: readonly PolicyKind[], member: string): PolicyDocument {
  let message = '';
  for (const kind of kinds) {
    const parsed = parsePolicy(text, { kind });
    if (parsed.ok) return parsed.document;
    message ||= parsed.message;
  }
  throw invalidParameter(`The ${member} is not a valid policy: ${message}`);
}

/** Every action of the services the texts name, so that examples name real actions. */
async function knownActions(...texts: string[]): Promise<readonly string[]> {
  const catalog = await prepareCatalog(texts.join('\n'));
  const out: string[] = [];
  for (const prefix of referencedServices(texts.join('\n'))) {
    const service = catalog.service(prefix);
    if (service !== undefined) for (const a of service.actions.values()) out.push(`${prefix}:${a.name}`);
  }
  return out;
}

function kindsOf(policyType: unknown): readonly PolicyKind[] {
  return policyType === 'RESOURCE_POLICY' ? ['resource', 'trust'] : ['identity'];
}

function answer(result: CheckResult): WireObject {
  const reasons = result.reasons.map((r) => {
    const ex = r.example;
    const example = ex === undefined ? '' : ` For example: ${ex.principal !== undefined ? `${ex.principal} calling ` : ''}${ex.action} on ${ex.resource}.`;
    return { description: `${r.description}${example}`, statementIndex: r.statementIndex, ...(r.statementId !== undefined && { statementId: r.statementId }) };
  });
  return { result: result.result, message: result.message, ...(reasons.length > 0 && { reasons }) };
}

const noNewAccess: Operation = {
  checks: unauthorized('CheckNoNewAccess'),
  async run(input) {
    const kinds = kindsOf(input.policyType);
    const newPolicy = readPolicy(String(input.newPolicyDocument ?? ''), kinds, 'newPolicyDocument');
    const existingPolicy = readPolicy(String(input.existingPolicyDocument ?? ''), kinds, 'existingPolicyDocument');
    const known = await knownActions(newPolicy.text, existingPolicy.text);
    return answer(checkNoNewAccess({ newPolicy, existingPolicy, principals: input.policyType === 'RESOURCE_POLICY', knownActions: known }));
  },
};

const accessNotGranted: Operation = {
  checks: unauthorized('CheckAccessNotGranted'),
  async run(input) {
    const policy = readPolicy(String(input.policyDocument ?? ''), kindsOf(input.policyType), 'policyDocument');
    const access = (Array.isArray(input.access) ? input.access : []) as readonly WireObject[];
    const actions = access.flatMap((a) => (Array.isArray(a.actions) ? (a.actions as string[]) : []));
    const resources = access.flatMap((a) => (Array.isArray(a.resources) ? (a.resources as string[]) : []));
    if (actions.length === 0 && resources.length === 0) throw invalidParameter('Specify at least one action or resource in access.');
    const known = await knownActions(policy.text, actions.join(' '));
    return answer(checkAccessNotGranted({ policy, actions, resources, principals: input.policyType === 'RESOURCE_POLICY', knownActions: known }));
  },
};

const noPublicAccess: Operation = {
  checks: unauthorized('CheckNoPublicAccess'),
  async run(input) {
    const kinds: readonly PolicyKind[] = input.resourceType === 'AWS::IAM::AssumeRolePolicyDocument' ? ['trust'] : ['resource', 'trust'];
    const policy = readPolicy(String(input.policyDocument ?? ''), kinds, 'policyDocument');
    return answer(checkNoPublicAccess({ policy, knownActions: await knownActions(policy.text) }));
  },
};

export const POLICY_CHECK_OPERATIONS: OperationTable = {
  ValidatePolicy: validate,
  CheckNoNewAccess: noNewAccess,
  CheckAccessNotGranted: accessNotGranted,
  CheckNoPublicAccess: noPublicAccess,
};
