// The rules AWS applies to the tags of a customer managed policy (CreatePolicy, TagPolicy).

import type { Tag } from '../../domain/entities.js';
import { TAGS_PER_RESOURCE } from '../../domain/quotas.js';
import { IamError } from '../../protocol/errors.js';
import { tooManyTags } from './policy-errors.js';

/** Tag keys compare case-insensitively, so one request may not name a key twice. */
export function checkRequestTags(tags: readonly Tag[]): void {
  const seen = new Set<string>();
  for (const t of tags) {
    const key = t.key.toLowerCase();
    if (seen.has(key)) throw new IamError('InvalidInput', 'Duplicate tag keys found. Please note that Tag keys are case insensitive.');
    seen.add(key);
  }
}

/** The tags a policy would end up with; LimitExceeded past 50. */
export function checkTagCount(tags: readonly Tag[]): void {
  if (tags.length > TAGS_PER_RESOURCE) throw tooManyTags(TAGS_PER_RESOURCE);
}
