// Session tags and source identity that an identity provider passes (OIDC token claims,
// SAML attributes), checked against the limits AWS documents for session tags: at most
// 50, keys up to 128 and values up to 256 characters, keys unique regardless of case,
// transitive keys among the tags.

import type { Tag } from '../../domain/entities.js';
import { SESSION_TAGS_MAX, TAG_KEY_MAX_LENGTH, TAG_VALUE_MAX_LENGTH } from '../../domain/quotas.js';
import type { ContextValue } from '../../policy/context.js';
import { invalidFederatedTags } from './federation-errors.js';
import { duplicateTagKeys, transitiveKeyNotInTags } from './sts-errors.js';

export interface FederatedSessionTags {
  readonly tags: readonly Tag[];
  readonly transitiveTagKeys: readonly string[];
}

export const NO_SESSION_TAGS: FederatedSessionTags = { tags: [], transitiveTagKeys: [] };

/** Validates tags from an identity provider; throws AWS's error for the first problem. */
export function checkFederatedTags(tags: readonly Tag[], transitiveTagKeys: readonly string[]): FederatedSessionTags {
  if (tags.length > SESSION_TAGS_MAX) throw invalidFederatedTags(`more than ${SESSION_TAGS_MAX} tags`);
  const keys = new Set<string>();
  for (const tag of tags) {
    if (tag.key.length === 0 || tag.key.length > TAG_KEY_MAX_LENGTH) throw invalidFederatedTags(`tag key "${tag.key}" is empty or too long`);
    if (tag.value.length > TAG_VALUE_MAX_LENGTH) throw invalidFederatedTags(`the value of tag "${tag.key}" is too long`);
    const lower = tag.key.toLowerCase();
    if (keys.has(lower)) throw duplicateTagKeys();
    keys.add(lower);
  }
  for (const key of transitiveTagKeys) if (!keys.has(key.toLowerCase())) throw transitiveKeyNotInTags();
  return { tags, transitiveTagKeys };
}

/** The request-tag keys the trust policy sees for the session tags (as AssumeRole's Tags). */
export function federatedTagKeys(session: FederatedSessionTags): Record<string, ContextValue> {
  const keys: Record<string, ContextValue> = {};
  for (const t of session.tags) keys[`aws:RequestTag/${t.key}`] = t.value;
  if (session.tags.length > 0) keys['aws:TagKeys'] = session.tags.map((t) => t.key);
  if (session.transitiveTagKeys.length > 0) keys['sts:TransitiveTagKeys'] = [...session.transitiveTagKeys];
  return keys;
}
