// Rules on what particular condition keys and operators are given: Regions, VPC and VPC endpoint
// ids, service principals (all lower-case `service-name.amazonaws.com`, kms:ViaService with a Region), ARN keys compared as text, `*` under a Like operator (only presence or absence), several
// bounds where one says the same, and dynamodb:Attributes without its dynamodb:Select. Values with wildcards or policy variables are left
// alone: they stand for many values.

import { parseDecimal } from '../../condition/numeric.js';
import { parseOperatorName } from '../../condition/operator-name.js';
import type { OperatorName } from '../../condition/operator-name.js';
import { findConditionKey } from '../catalog.js';
import type { Check, CheckContext } from '../context.js';
import { listItems, memberOf, scalarText } from '../located.js';
import type { Located } from '../located.js';
import type { StatementView } from '../policy-view.js';

const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const VPC = /^vpc-([0-9a-f]{8}|[0-9a-f]{17})$/;
const VPCE = /^vpce-([0-9a-f]{8}|[0-9a-f]{17})$/;

const SERVICE_PRINCIPAL = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com(\.cn)?$/;
const VIA_SERVICE = /^[a-z0-9-]+\.[a-z]{2}(-[a-z]+)+-\d\.amazonaws\.com(\.cn)?$/;
/** Keys whose values are service principals, with the format AWS's check reference gives for each. */
const SERVICE_PRINCIPAL_KEYS: ReadonlyMap<string, { readonly pattern: RegExp; readonly format: string }> = new Map([
  ['aws:principalservicename', { pattern: SERVICE_PRINCIPAL, format: 'service-name.amazonaws.com' }],
  ['aws:principalservicenameslist', { pattern: SERVICE_PRINCIPAL, format: 'service-name.amazonaws.com' }],
  ['iam:passedtoservice', { pattern: SERVICE_PRINCIPAL, format: 'service-name.amazonaws.com' }],
  ['iam:awsservicename', { pattern: SERVICE_PRINCIPAL, format: 'service-name.amazonaws.com' }],
  ['kms:viaservice', { pattern: VIA_SERVICE, format: 'service-name.AWS_region.amazonaws.com' }],
]);

const literal = (value: string): boolean => !/[*?]/.test(value) && !value.includes('${');

/** The key's type from the catalogue (global or service), lower-cased; undefined when unknown. */
function keyType(ctx: CheckContext, s: StatementView, key: string): string | undefined {
  const colon = key.indexOf(':');
  if (colon <= 0) return undefined;
  const prefix = key.slice(0, colon).toLowerCase();
  if (prefix === 'aws') return ctx.catalog.globalConditionKey(key)?.type.toLowerCase();
  const service = ctx.catalog.service(prefix);
  if (service !== undefined) return findConditionKey(service.conditionKeys, key)?.type.toLowerCase();
  for (const action of s.actions) {
    const owner = ctx.catalog.service(action.value.split(':')[0]?.toLowerCase() ?? '');
    const info = owner === undefined ? undefined : findConditionKey(owner.conditionKeys, key);
    if (info !== undefined) return info.type.toLowerCase();
  }
  return undefined;
}

function checkStringValues(ctx: CheckContext, op: OperatorName, key: string, keyAt: Located): void {
  if (!op.base.startsWith('String')) return;
  const lower = key.toLowerCase();
  const principalRule = SERVICE_PRINCIPAL_KEYS.get(lower);
  if (principalRule !== undefined) {
    for (const item of listItems(keyAt)) {
      const value = item.node.kind === 'string' ? item.node.value : undefined;
      if (value !== undefined && literal(value) && !principalRule.pattern.test(value)) ctx.report('INVALID_SERVICE_PRINCIPAL_FORMAT', item, { principal: value, format: principalRule.format });
    }
    return;
  }
  const rule = lower === 'aws:requestedregion' ? 'region' : lower === 'aws:sourcevpc' ? 'vpc' : lower === 'aws:sourcevpce' ? 'vpce' : undefined;
  if (rule === undefined) return;
  for (const item of listItems(keyAt)) {
    const value = item.node.kind === 'string' ? item.node.value : undefined;
    if (value === undefined || !literal(value)) continue;
    if (rule === 'region' && !REGION.test(value)) ctx.report('INVALID_REGION', item, { region: value });
    if (rule === 'vpc' && !VPC.test(value)) ctx.report('INVALID_VPC_FORMAT', item, { value });
    if (rule === 'vpce' && !VPCE.test(value)) ctx.report('INVALID_VPCE_FORMAT', item, { value });
  }
}

/** `StringLike: {key: "*"}` (or ArnLike) is true exactly when the key is present; the Not forms when it is absent. */
function checkPresenceOnly(ctx: CheckContext, op: OperatorName, operator: string, key: string, keyAt: Located): void {
  if (op.qualifier !== undefined || op.ifExists) return;
  const like = op.base === 'StringLike' || op.base === 'ArnLike';
  const notLike = op.base === 'StringNotLike' || op.base === 'ArnNotLike';
  if (!like && !notLike) return;
  const items = listItems(keyAt);
  if (items.length !== 1 || items[0]?.node.kind !== 'string' || items[0].node.value !== '*') return;
  ctx.report(like ? 'EQUIVALENT_TO_NULL_FALSE' : 'EQUIVALENT_TO_NULL_TRUE', keyAt, { operator, key });
}

function checkArnAsText(ctx: CheckContext, s: StatementView, op: OperatorName, operator: string, key: string, keyAt: Located): void {
  if (op.base !== 'StringLike' && op.base !== 'StringNotLike') return;
  const type = keyType(ctx, s, key);
  if (type !== 'arn' && type !== 'arrayofarn') return;
  const suggestion = operator.replace(/StringNotLike/i, 'ArnNotLike').replace(/StringLike/i, 'ArnLike');
  ctx.report('STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS', keyAt, { key, operator, suggestion });
}

/** Several values of a less-than (greater-than) operator allow what the greatest (least) alone allows. */
function checkNumericBounds(ctx: CheckContext, op: OperatorName, operator: string, key: string, keyAt: Located): void {
  const upper = op.base === 'NumericLessThan' || op.base === 'NumericLessThanEquals';
  const lower = op.base === 'NumericGreaterThan' || op.base === 'NumericGreaterThanEquals';
  if ((!upper && !lower) || op.qualifier !== undefined) return;
  const values = listItems(keyAt).map((i) => parseDecimal(scalarText(i.node) ?? ''));
  if (values.length < 2 || values.some((v) => Number.isNaN(v))) return;
  ctx.report('REDUNDANT_CONDITION_VALUE_NUM', keyAt, { operator, bound: upper ? 'greatest' : 'least', key });
}

function checkStatement(ctx: CheckContext, s: StatementView): void {
  const condition = s.condition;
  if (condition === undefined || condition.node.kind !== 'object') return;
  // dynamodb:Attributes without dynamodb:Select in an Allow still lets a request return every attribute.
  let attributes: Located | undefined;
  let select = false;
  for (const block of condition.node.entries) {
    if (block.value.kind !== 'object') continue;
    for (const entry of block.value.entries) {
      const lower = entry.key.toLowerCase();
      if (lower === 'dynamodb:select') select = true;
      if (lower === 'dynamodb:attributes') attributes ??= memberOf(memberOf(condition, block.key, block.value), entry.key, entry.value);
    }
  }
  if (s.effectValue === 'Allow' && attributes !== undefined && !select) ctx.report('DYNAMODB_ATTRIBUTES_WITHOUT_SELECT', attributes);
  for (const block of condition.node.entries) {
    const op = parseOperatorName(block.key);
    if (op === undefined || block.value.kind !== 'object') continue;
    const blockAt = memberOf(condition, block.key, block.value);
    for (const entry of block.value.entries) {
      const keyAt = memberOf(blockAt, entry.key, entry.value);
      checkStringValues(ctx, op, entry.key, keyAt);
      checkPresenceOnly(ctx, op, block.key, entry.key, keyAt);
      checkArnAsText(ctx, s, op, block.key, entry.key, keyAt);
      checkNumericBounds(ctx, op, block.key, entry.key, keyAt);
    }
  }
}

export const conditionValuesCheck: Check = {
  name: 'condition-values',
  codes: ['INVALID_REGION', 'INVALID_SERVICE_PRINCIPAL_FORMAT', 'INVALID_VPC_FORMAT', 'INVALID_VPCE_FORMAT', 'EQUIVALENT_TO_NULL_FALSE', 'EQUIVALENT_TO_NULL_TRUE', 'STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS', 'REDUNDANT_CONDITION_VALUE_NUM', 'DYNAMODB_ATTRIBUTES_WITHOUT_SELECT'],
  run(ctx) {
    for (const s of ctx.view.statements) checkStatement(ctx, s);
  },
};
