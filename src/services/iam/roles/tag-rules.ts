// Tag rules shared by roles and instance profiles: no duplicate keys in one request
// (case-insensitive) and at most 50 per resource.

import type { Tag } from '../../../domain/entities.js';
import { TAGS_PER_RESOURCE } from '../../../domain/quotas.js';
import { tooManyTags } from './errors.js';

/** Tag keys compare case-insensitively, so one request may not name a key twice (the shared IAM rule). */
export { checkDuplicateTagKeys as checkRequestTags } from '../tag-keys.js';

/** A resource's tags after a change. */
export function checkTagCount(tags: readonly Tag[]): void {
  if (tags.length > TAGS_PER_RESOURCE) throw tooManyTags(TAGS_PER_RESOURCE);
}
