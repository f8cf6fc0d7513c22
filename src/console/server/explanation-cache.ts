// Explanations of denied console calls, kept per session for 15 minutes so the "why" page can
// show them again; bounded in memory (the oldest go first). Nothing here survives a restart,
// and a session sees only its own.

import type { DenialExplanation } from './explanation.js';

export const EXPLANATION_TTL_MS = 15 * 60 * 1000;
const DEFAULT_MAX = 5_000;

interface Kept {
  readonly sid: string;
  readonly explanation: DenialExplanation;
  readonly until: number;
}

export class ExplanationCache {
  // A Map iterates in insertion order: the first entry is the oldest.
  readonly #entries = new Map<string, Kept>();
  readonly #max: number;

  constructor(max = DEFAULT_MAX) {
    this.#max = max;
  }

  get size(): number {
    return this.#entries.size;
  }

  put(sid: string, explanation: DenialExplanation, now: Date): void {
    this.#prune(now);
    this.#entries.delete(explanation.requestId);
    this.#entries.set(explanation.requestId, { sid, explanation, until: now.getTime() + EXPLANATION_TTL_MS });
    while (this.#entries.size > this.#max) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }

  /** The explanation of `requestId` if this session made that request and it is still kept. */
  get(sid: string, requestId: string, now: Date): DenialExplanation | undefined {
    const kept = this.#entries.get(requestId);
    if (kept === undefined || kept.sid !== sid || kept.until <= now.getTime()) return undefined;
    return kept.explanation;
  }

  #prune(now: Date): void {
    const t = now.getTime();
    for (const [id, kept] of this.#entries) {
      if (kept.until > t) break;
      this.#entries.delete(id);
    }
  }
}
