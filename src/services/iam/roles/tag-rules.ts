// Tag rules shared by roles and instance profiles: no duplicate keys in one request
// (case-insensitive), at most 50 per resource, and List*Tags pages.

import type { Tag } from '../../../domain/entities.js';
import { TAGS_PER_RESOURCE } from '../../../domain/quotas.js';
import type { WireObject } from '../../../protocol/wire-value.js';
import { wireTags } from '../../input.js';
import { pageRequest, pageResult } from '../../paging.js';
import { tooManyTags } from './errors.js';

/** Tag keys compare case-insensitively, so one request may not name a key twice (the shared IAM rule). */
export { checkDuplicateTagKeys as checkRequestTags } from '../tag-keys.js';

/** A resource's tags after a change. */
export function checkTagCount(tags: readonly Tag[]): void {
  if (tags.length > TAGS_PER_RESOURCE) throw tooManyTags(TAGS_PER_RESOURCE);
}

/**
 * ListRoleTags / ListInstanceProfileTags with Marker and MaxItems: the tags are one small
 * list, so the cursor is the index of the next tag.
 */
export function tagPage(tags: readonly Tag[], input: WireObject): WireObject {
  const request = pageRequest(input);
  const parsed = request.after === undefined ? 0 : Number(request.after);
  const start = Number.isSafeInteger(parsed) && parsed >= 0 ? parsed : 0;
  const end = start + request.limit;
  const items = tags.slice(start, end);
  return {
    Tags: wireTags(items),
    ...pageResult(end < tags.length ? { items, nextAfter: String(end) } : { items }),
  };
}
