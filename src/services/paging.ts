// AWS Marker / MaxItems / IsTruncated pagination over the store's `after` cursors.

import type { Page, PageRequest } from '../storage/repositories.js';
import type { WireObject } from '../protocol/wire-value.js';
import { optInt, optStr } from './input.js';

/** MaxItems defaults to 100, as AWS. */
export function pageRequest(input: WireObject): PageRequest {
  const marker = optStr(input, 'Marker');
  const limit = optInt(input, 'MaxItems') ?? 100;
  return marker === undefined ? { limit } : { after: decodeMarker(marker), limit };
}

export function pageResult<T>(page: Page<T>): { IsTruncated: boolean; Marker?: string } {
  return page.nextAfter === undefined ? { IsTruncated: false } : { IsTruncated: true, Marker: encodeMarker(page.nextAfter) };
}

function encodeMarker(after: string): string {
  return Buffer.from(after, 'utf8').toString('base64url');
}

function decodeMarker(marker: string): string {
  return Buffer.from(marker, 'base64url').toString('utf8');
}
