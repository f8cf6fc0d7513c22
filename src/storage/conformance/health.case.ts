// Conformance case for Store.health, which readiness probes use: every backend answers it with
// its schema at the latest migration, and a change listener, where the backend has one, up.
import { describe, expect, it } from 'vitest';
import type { Harness } from './harness.js';

export function healthCases(h: Harness): void {
  describe('health', () => {
    it('answers with the schema current and no listener down', async () => {
      const health = await h.store.health?.();
      expect(health?.migrationsCurrent).toBe(true);
      expect(['up', 'none']).toContain(health?.changeListener);
    });
  });
}
