// Matches every event appended to the trail against the enabled rules and queues one outbox
// row per matching rule target, inside the transaction that appends the event: an alert
// commits with its event or not at all, so a crash never loses one.

import { randomUUID } from 'node:crypto';
import type { OutboxEntry } from '../../storage/events-repositories.js';
import type { AppendHook } from '../trail/trail-writer.js';
import { envelopeFor, ruleReceives } from './envelope.js';
import { matchesEvent } from './pattern/match.js';
import type { RuleSet } from './rule-set.js';

export interface OutboxHookOptions {
  readonly clock: () => Date;
  /** Called after rows were queued (the delivery worker looks sooner). */
  readonly onQueued?: () => void;
}

export function outboxHook(rules: RuleSet, options: OutboxHookOptions): AppendHook {
  return async (tx, _events, records) => {
    const active = await rules.rules(tx);
    if (active.length === 0) return;
    const now = options.clock();
    const entries: OutboxEntry[] = [];
    for (const record of records) {
      let envelope: ReturnType<typeof envelopeFor> | undefined;
      for (const { rule, pattern, targets } of active) {
        if (rule.accountId !== record.recipientAccountId || !ruleReceives(rule.state, record)) continue;
        envelope ??= envelopeFor(record, randomUUID());
        if (!matchesEvent(pattern, envelope)) continue;
        const payload = JSON.stringify(envelope);
        for (const target of targets) {
          entries.push({
            id: randomUUID(),
            accountId: rule.accountId,
            ruleName: rule.name,
            targetId: target.id,
            targetArn: target.arn,
            eventId: record.eventID,
            payload: target.input ?? payload,
            attempts: 0,
            nextAttemptAt: now,
            createdAt: now,
          });
        }
      }
    }
    if (entries.length === 0) return;
    await tx.events.enqueue(entries);
    options.onQueued?.();
  };
}
