// Reads the golden syntax corpus (accepted-syntax/accepted.json and rejected.json):
// policy documents AWS accepts, and those it rejects with its exact message.

import { readFileSync } from 'node:fs';
import type { PolicyKind } from '../../src/policy/document/types.js';

export interface GoldenCase {
  readonly name: string;
  /** The AWS documentation page for the rule the case exercises, or `constructed: <why>`. */
  readonly source: string;
  readonly kind: PolicyKind;
  /** The policy text, or a JSON value to stringify. */
  readonly document: unknown;
  /** Validate as a managed policy (CreatePolicy). */
  readonly managed?: boolean;
}

export interface RejectedCase extends GoldenCase {
  readonly message: string;
  readonly path?: string;
}

export type GoldenFile = 'accepted' | 'rejected';

export function loadGolden(file: 'accepted'): readonly GoldenCase[];
export function loadGolden(file: 'rejected'): readonly RejectedCase[];
export function loadGolden(file: GoldenFile): readonly GoldenCase[] {
  return JSON.parse(readFileSync(new URL(`./accepted-syntax/${file}.json`, import.meta.url), 'utf8')) as GoldenCase[];
}
