// The append-only rule of the golden corpora, made checkable: a committed manifest
// lists every case id with a hash of its content. A listed case may not disappear
// or change unless the manifest records why (with the evidence); a new case must be
// appended to the manifest.

import { createHash } from 'node:crypto';

export interface ManifestCase {
  /** `<file>: <name>`, as the tests name the case. */
  readonly id: string;
  readonly sha256: string;
}

/** A case whose content changed after it landed (a fix AWS's documentation or behaviour shows). */
export interface ManifestChange {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly commit: string;
  readonly why: string;
}

/** A case that left the corpus, with why and the evidence; `replacedBy` names the case that took its place. */
export interface ManifestRemoval {
  readonly id: string;
  readonly sha256: string;
  readonly commit: string;
  readonly why: string;
  readonly evidence: string;
  readonly replacedBy?: string;
}

export interface Manifest {
  readonly about: string;
  readonly cases: readonly ManifestCase[];
  readonly changed: readonly ManifestChange[];
  readonly removed: readonly ManifestRemoval[];
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, canonical(v)]));
}

/** SHA-256 of a case's JSON with keys sorted: formatting and key order do not count, content does. */
export function caseHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(canonical(value))).digest('hex');
}

/** Every breach of the append-only rule; empty when the corpus only grew or changed as recorded. */
export function appendOnlyProblems(manifest: Manifest, current: readonly ManifestCase[]): string[] {
  const problems: string[] = [];
  const now = new Map<string, string>();
  for (const c of current) now.set(c.id, c.sha256);
  const listed = new Map<string, string>();
  for (const c of manifest.cases) {
    if (listed.has(c.id)) problems.push(`"${c.id}" is listed twice in the manifest`);
    listed.set(c.id, c.sha256);
  }
  for (const change of manifest.changed) {
    const before = listed.get(change.id);
    if (before === undefined) problems.push(`change of "${change.id}": not a listed case`);
    else if (before !== change.from) problems.push(`change of "${change.id}": from ${change.from} but the case was ${before}`);
    else listed.set(change.id, change.to);
    if (change.why.trim().length < 20) problems.push(`change of "${change.id}": say why (with the evidence)`);
  }
  const removed = new Set<string>();
  for (const removal of manifest.removed) {
    const before = listed.get(removal.id);
    if (before === undefined) problems.push(`removal of "${removal.id}": not a listed case`);
    else if (before !== removal.sha256) problems.push(`removal of "${removal.id}": records ${removal.sha256} but the case was ${before}`);
    if (removal.why.trim().length < 20 || removal.evidence.trim().length < 20) problems.push(`removal of "${removal.id}": say why, with the evidence`);
    if (removal.replacedBy !== undefined && !listed.has(removal.replacedBy)) problems.push(`removal of "${removal.id}": replacement "${removal.replacedBy}" is not listed`);
    if (now.has(removal.id)) problems.push(`"${removal.id}" is recorded as removed but is in the corpus`);
    removed.add(removal.id);
  }
  for (const [id, sha256] of listed) {
    if (removed.has(id)) continue;
    const actual = now.get(id);
    if (actual === undefined) problems.push(`"${id}" was removed: cases are append-only (restore it, or record the removal with the evidence)`);
    else if (actual !== sha256) problems.push(`"${id}" changed (${sha256} -> ${actual}): cases are append-only (record the change with the evidence)`);
  }
  for (const [id, sha256] of now) {
    if (!listed.has(id)) problems.push(`"${id}" is not in the manifest: append {"id": ${JSON.stringify(id)}, "sha256": "${sha256}"}`);
  }
  return problems;
}
