// A policy generation job as the service keeps it: what was asked (the window, the trails as
// given), and once done what was found, from which GetGeneratedPolicy renders the policy with
// the caller's options. The stored JSON shapes live here.

import type { UsedAction } from '../../../policy/generate/generate-policy.js';

export interface TrailAsked {
  readonly cloudTrailArn: string;
  readonly regions?: readonly string[];
  readonly allRegions?: boolean;
}

/** The request, as stored (JSON). */
export interface GenerationRequest {
  readonly principal: { readonly kind: 'user' | 'role'; readonly id: string };
  /** Epoch milliseconds. */
  readonly startTime: number;
  readonly endTime: number;
  /** Whether cloudTrailDetails came with the request (else the window is the default one and no trail is reported). */
  readonly cloudTrail: boolean;
  readonly trails: readonly TrailAsked[];
  readonly accessRole?: string;
}

/** The result, as stored (JSON). */
export interface GenerationResult {
  readonly actions: readonly UsedAction[];
  /** Services the access history shows used in the window with no action-level record: the service-level template. */
  readonly serviceLevel: readonly string[];
  readonly complete: boolean;
}

/** Window when no cloudTrailDetails are given, and the longest one accepted (AWS: 90 days). */
export const MAX_WINDOW_MS = 90 * 24 * 3600 * 1000;
/** ListPolicyGenerations shows jobs started in the last seven days, as AWS does. */
export const LIST_HORIZON_MS = 7 * 24 * 3600 * 1000;
/**
 * A job is computed once its window's end is this far in the past: read-only calls reach the
 * trail in batches at most a second late (trail-writer.ts), on every node.
 */
export const SETTLE_MS = 2000;

/** The regions a trail list limits events to; undefined when any trail covers every region (or none is given). */
export function regionsOf(trails: readonly TrailAsked[]): readonly string[] | undefined {
  if (trails.length === 0 || trails.some((t) => t.allRegions === true || (t.regions ?? []).length === 0)) return undefined;
  return [...new Set(trails.flatMap((t) => t.regions ?? []))];
}
