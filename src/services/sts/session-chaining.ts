// What a new session inherits from the session that creates it (role chaining): its
// transitive session tags, which the caller may not override, and its source identity,
// which may not change.

import type { SessionClaims } from '../../auth/session-claims.js';
import type { Tag } from '../../domain/entities.js';
import type { WireObject } from '../../protocol/wire-value.js';
import { optStr } from '../input.js';
import type { SessionRequest } from './session-request.js';
import { sourceIdentityChange, transitiveKeyConflict } from './sts-errors.js';

export interface ChainedTags {
  readonly tags: readonly Tag[];
  readonly transitiveTagKeys: readonly string[];
}

/** The new session's tags: the caller's transitive tags, then the requested ones. */
export function chainedTags(request: SessionRequest, caller: SessionClaims | undefined): ChainedTags {
  const inheritedKeys = caller?.kind === 'AssumedRole' ? caller.transitiveTagKeys : [];
  if (inheritedKeys.length === 0) return { tags: request.tags, transitiveTagKeys: request.transitiveTagKeys };
  const lower = new Set(inheritedKeys.map((k) => k.toLowerCase()));
  if (request.tags.some((t) => lower.has(t.key.toLowerCase()))) throw transitiveKeyConflict();
  const inherited = caller!.tags.filter((t) => lower.has(t.key.toLowerCase()));
  return { tags: [...inherited, ...request.tags], transitiveTagKeys: [...inheritedKeys, ...request.transitiveTagKeys] };
}

/** The requested source identity, or the one the calling session already carries. */
export function chainedSourceIdentity(input: WireObject, caller: SessionClaims | undefined): string | undefined {
  const given = optStr(input, 'SourceIdentity');
  const inherited = caller?.sourceIdentity;
  if (inherited !== undefined && given !== undefined && given !== inherited) throw sourceIdentityChange();
  return given ?? inherited;
}
