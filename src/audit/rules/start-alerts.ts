// Alerts as a running server has them: the rules matched in every trail append (outbox-hook),
// the delivery worker, and Keyward's own root-use rule when `--alert-root-use` is given.

import type { SecretBox } from '../../auth/secret-box.js';
import type { Store } from '../../storage/ports.js';
import type { AuditTrail } from '../trail/trail-writer.js';
import { DeliveryWorker, type DeliveryTuning } from './delivery/delivery-worker.js';
import { outboxHook } from './outbox-hook.js';
import { ensureRootUseRule } from './root-use-rule.js';
import { RuleSet } from './rule-set.js';

export interface AlertsConfig {
  /** `--alert-root-use URL`: Keyward's root-use rule posts here. */
  readonly rootUseUrl?: string;
  /** KEYWARD_ALERT_SECRET: the root-use alert's key and signing secret. */
  readonly rootUseSecret?: string;
  readonly delivery?: Partial<DeliveryTuning>;
}

export interface RunningAlerts {
  readonly worker: DeliveryWorker;
  stop(): Promise<void>;
}

export interface StartAlertsOptions {
  readonly store: Store;
  readonly secrets: SecretBox;
  readonly trail: AuditTrail;
  readonly accountId: string;
  readonly clock: () => Date;
  readonly config?: AlertsConfig;
  readonly onError: (error: unknown) => void;
}

export async function startAlerts(options: StartAlertsOptions): Promise<RunningAlerts> {
  const { store, secrets, trail, clock, config } = options;
  if (config?.rootUseUrl !== undefined) {
    await ensureRootUseRule(store, secrets, {
      accountId: options.accountId,
      url: config.rootUseUrl,
      ...(config.rootUseSecret !== undefined && { secret: config.rootUseSecret }),
      now: clock(),
    });
  }
  const worker = new DeliveryWorker({ store, secrets, clock, onError: options.onError, ...(config?.delivery !== undefined && { tuning: config.delivery }) });
  trail.onAppend(outboxHook(new RuleSet(() => store.generation()), { clock, onQueued: () => worker.kick() }));
  // Batches written by the trail's worker thread match the rules there (trail-worker.ts).
  trail.onOutboxQueued(() => worker.kick());
  worker.start();
  return { worker, stop: () => worker.stop() };
}
