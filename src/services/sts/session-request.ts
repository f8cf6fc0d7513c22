// The session parameters AssumeRole and GetFederationToken share: the inline session policy,
// managed policy ARNs, session tags and transitive tag keys, validated as AWS does, and the
// packed size AWS reports (PackedPolicySize) and limits (PackedPolicyTooLarge).

import type { Tag } from '../../domain/entities.js';
import { SESSION_POLICY_ARNS_MAX, SESSION_POLICY_PLAINTEXT_MAX } from '../../domain/quotas.js';
import { parsePolicy } from '../../policy/document/parse-policy.js';
import { IamError } from '../../protocol/errors.js';
import type { WireObject } from '../../protocol/wire-value.js';
import { objList, optStr, str, strList, tagList } from '../input.js';
import { duplicateTagKeys, packedPolicyTooLarge, tooManyPolicyArns, transitiveKeyNotInTags } from './sts-errors.js';

export interface SessionRequest {
  readonly policy?: string;
  readonly policyArns: readonly string[];
  readonly tags: readonly Tag[];
  readonly transitiveTagKeys: readonly string[];
  /** Percent of the packed limit used; present when policies or tags were passed. */
  readonly packedPolicySize?: number;
}

/**
 * AWS packs policies, ARNs and tags into an undocumented binary form. Keyward counts the
 * policy's non-white-space characters, the ARNs and the tag keys and values against the
 * documented 2,048-character plaintext limit (docs/session-tokens.md).
 */
export function packedPercent(units: number): number {
  return Math.ceil((units * 100) / SESSION_POLICY_PLAINTEXT_MAX);
}

/** Reads and validates the session parameters; throws AWS's error for the first problem. */
export function readSessionRequest(input: WireObject): SessionRequest {
  const policy = optStr(input, 'Policy');
  const policyArns = objList(input, 'PolicyArns').map((d) => str(d, 'arn'));
  if (policyArns.length > SESSION_POLICY_ARNS_MAX) throw tooManyPolicyArns(SESSION_POLICY_ARNS_MAX);
  let units = 0;
  if (policy !== undefined) {
    const parsed = parsePolicy(policy, { kind: 'session' });
    if (!parsed.ok) throw new IamError('MalformedPolicyDocument', parsed.message);
    units += parsed.document.size;
  }
  for (const arn of policyArns) units += arn.length;

  const tags = tagList(input);
  const keys = new Set<string>();
  for (const tag of tags) {
    const key = tag.key.toLowerCase();
    if (keys.has(key)) throw duplicateTagKeys();
    keys.add(key);
    units += tag.key.length + tag.value.length;
  }
  const transitiveTagKeys = strList(input, 'TransitiveTagKeys');
  for (const key of transitiveTagKeys) if (!keys.has(key.toLowerCase())) throw transitiveKeyNotInTags();

  const passed = policy !== undefined || policyArns.length > 0 || tags.length > 0;
  const percent = packedPercent(units);
  if (percent > 100) throw packedPolicyTooLarge(percent);
  return {
    ...(policy !== undefined && { policy }),
    policyArns,
    tags,
    transitiveTagKeys,
    ...(passed && { packedPolicySize: percent }),
  };
}

/** Request-tag condition keys of the session tags, plus sts:TransitiveTagKeys when given. */
export function sessionTagKeys(request: SessionRequest): Record<string, string | readonly string[]> {
  const keys: Record<string, string | readonly string[]> = {};
  for (const t of request.tags) keys[`aws:RequestTag/${t.key}`] = t.value;
  if (request.tags.length > 0) keys['aws:TagKeys'] = request.tags.map((t) => t.key);
  if (request.transitiveTagKeys.length > 0) keys['sts:TransitiveTagKeys'] = [...request.transitiveTagKeys];
  return keys;
}
