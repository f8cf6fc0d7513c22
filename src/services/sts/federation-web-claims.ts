// What a web identity token passes into the session besides the identity: session tags in
// the `https://aws.amazon.com/tags` claim (`principal_tags`, `transitive_tag_keys`) and the
// source identity in `https://aws.amazon.com/source_identity` (IAM User Guide, session tags).

import type { Tag } from '../../domain/entities.js';
import { invalidFederatedTags } from './federation-errors.js';
import { checkFederatedTags, NO_SESSION_TAGS, type FederatedSessionTags } from './federation-tags.js';

export const TAGS_CLAIM = 'https://aws.amazon.com/tags';
export const SOURCE_IDENTITY_CLAIM = 'https://aws.amazon.com/source_identity';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A tag value: a string, or AWS's one-element list of strings. */
function tagValue(key: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.length === 1 && typeof value[0] === 'string') return value[0];
  throw invalidFederatedTags(`the value of tag "${key}" must be a string or a list of one string`);
}

export function webIdentitySessionTags(claims: Readonly<Record<string, unknown>>): FederatedSessionTags {
  const claim = claims[TAGS_CLAIM];
  if (claim === undefined) return NO_SESSION_TAGS;
  if (!isRecord(claim)) throw invalidFederatedTags(`the ${TAGS_CLAIM} claim must be an object`);
  const principalTags = claim.principal_tags ?? {};
  if (!isRecord(principalTags)) throw invalidFederatedTags('principal_tags must be an object');
  const tags: Tag[] = Object.entries(principalTags).map(([key, value]) => ({ key, value: tagValue(key, value) }));
  const transitive = claim.transitive_tag_keys ?? [];
  if (!Array.isArray(transitive) || !transitive.every((k): k is string => typeof k === 'string')) {
    throw invalidFederatedTags('transitive_tag_keys must be a list of strings');
  }
  return checkFederatedTags(tags, transitive);
}

export function webIdentitySourceIdentity(claims: Readonly<Record<string, unknown>>): string | undefined {
  const value = claims[SOURCE_IDENTITY_CLAIM];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
