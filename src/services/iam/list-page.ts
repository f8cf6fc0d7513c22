// Marker/MaxItems paging over a list already held in memory (a resource's tags, a user's access
// keys, signing certificates, SSH keys or service-specific credentials, which the store returns
// whole, oldest first).

import type { Tag } from '../../domain/entities.js';
import type { WireObject } from '../../protocol/wire-value.js';
import type { Page } from '../../storage/repositories.js';
import { wireTags } from '../input.js';
import { pageRequest, pageResult } from '../paging.js';

/** The page of `items` the request's Marker and MaxItems select; the cursor is a position. */
export function pageOf<T>(items: readonly T[], input: WireObject): Page<T> {
  const { after, limit } = pageRequest(input);
  const parsed = after === undefined ? 0 : Number.parseInt(after, 10);
  const start = Number.isSafeInteger(parsed) && parsed > 0 ? parsed : 0;
  const end = start + limit;
  return end < items.length ? { items: items.slice(start, end), nextAfter: String(end) } : { items: items.slice(start) };
}

/** The answer of a List*Tags action: one page of the resource's tags. */
export function tagPage(tags: readonly Tag[], input: WireObject): WireObject {
  const page = pageOf(tags, input);
  return { Tags: wireTags(page.items), ...pageResult(page) };
}
