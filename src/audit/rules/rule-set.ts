// The rules matching needs, compiled once per store generation: rules change rarely and a
// change moves the generation (on every node, through the store's change notifications),
// while matching runs in every transaction that appends to the trail.

import type { EventRule, EventTarget } from '../../storage/events-repositories.js';
import type { StoreTx } from '../../storage/ports.js';
import { compileEventPattern, type CompiledPattern } from './pattern/compile.js';

export interface ActiveRule {
  readonly rule: EventRule;
  readonly pattern: CompiledPattern;
  readonly targets: readonly EventTarget[];
}

export class RuleSet {
  #cached: { readonly generation: number; readonly rules: readonly ActiveRule[] } | undefined;

  constructor(private readonly generation: () => number) {}

  /** The active rules with targets and a pattern, read through `tx` when the generation moved. */
  async rules(tx: StoreTx): Promise<readonly ActiveRule[]> {
    const generation = this.generation();
    if (this.#cached?.generation === generation) return this.#cached.rules;
    const rules: ActiveRule[] = [];
    for (const { rule, targets } of await tx.events.activeRules()) {
      // Schedule-only rules match no event; a rule without targets sends nothing.
      if (rule.eventPattern === undefined || targets.length === 0) continue;
      try {
        rules.push({ rule, targets, pattern: compileEventPattern(rule.eventPattern) });
      } catch {
        // Stored patterns were compiled when they were put; one that no longer compiles (a
        // stricter build) matches nothing rather than failing every write.
      }
    }
    this.#cached = { generation, rules };
    return rules;
  }
}
