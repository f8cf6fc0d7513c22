// The rules AWS applies to the tags of a customer managed policy (CreatePolicy, TagPolicy).

import type { Tag } from '../../../domain/entities.js';
import { TAGS_PER_RESOURCE } from '../../../domain/quotas.js';
import { tooManyTags } from './errors.js';

/** Tag keys compare case-insensitively, so one request may not name a key twice (the shared IAM rule). */
export { checkDuplicateTagKeys as checkRequestTags } from '../tag-keys.js';

/** The tags a policy would end up with; LimitExceeded past 50. */
export function checkTagCount(tags: readonly Tag[]): void {
  if (tags.length > TAGS_PER_RESOURCE) throw tooManyTags(TAGS_PER_RESOURCE);
}
