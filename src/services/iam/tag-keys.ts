// Condition keys about tags: those of the request (aws:RequestTag/*, aws:TagKeys)
// and those of the target resource (aws:ResourceTag/*, iam:ResourceTag/*).

import type { Tag } from '../../domain/entities.js';
import type { ContextValue } from '../../policy/context.js';
import { IamError } from '../../protocol/errors.js';
import type { WireObject } from '../../protocol/wire-value.js';
import { tagList } from '../input.js';

export function requestTagKeys(tags: readonly Tag[]): Record<string, ContextValue> {
  const keys: Record<string, ContextValue> = {};
  if (tags.length === 0) return keys;
  for (const t of tags) keys[`aws:RequestTag/${t.key}`] = t.value;
  keys['aws:TagKeys'] = tags.map((t) => t.key);
  return keys;
}

export function tagKeyList(keys: readonly string[]): Record<string, ContextValue> {
  return keys.length === 0 ? {} : { 'aws:TagKeys': [...keys] };
}

export function resourceTagKeys(tags: readonly Tag[] | undefined): Record<string, ContextValue> {
  const keys: Record<string, ContextValue> = {};
  for (const t of tags ?? []) {
    keys[`aws:ResourceTag/${t.key}`] = t.value;
    keys[`iam:ResourceTag/${t.key}`] = t.value;
  }
  return keys;
}

/** Merges tags the AWS way: a new value replaces the old one for the same key (case-insensitive). */
export function mergeTags(existing: readonly Tag[], added: readonly Tag[]): Tag[] {
  const out = [...existing];
  for (const tag of added) {
    const i = out.findIndex((t) => t.key.toLowerCase() === tag.key.toLowerCase());
    if (i >= 0) out[i] = tag;
    else out.push(tag);
  }
  return out;
}

export function removeTags(existing: readonly Tag[], keys: readonly string[]): Tag[] {
  const lower = new Set(keys.map((k) => k.toLowerCase()));
  return existing.filter((t) => !lower.has(t.key.toLowerCase()));
}

/** IAM refuses a request naming one tag key twice (keys compare case-insensitively). */
export function checkDuplicateTagKeys(tags: readonly Tag[]): void {
  const keys = new Set(tags.map((t) => t.key.toLowerCase()));
  if (keys.size !== tags.length) {
    throw new IamError('InvalidInput', 'Duplicate tag keys found. Please note that Tag keys are case insensitive.');
  }
}

/** The request's `Tags`, refused when a key repeats. */
export function requestTags(input: WireObject): Tag[] {
  const tags = tagList(input);
  checkDuplicateTagKeys(tags);
  return tags;
}
