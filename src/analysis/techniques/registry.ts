// Every escalation technique the analysis knows, by family, in report order. Adding a
// technique is adding a row to its family's table; the graph builder needs no change.

import { CREDENTIAL_TECHNIQUES } from './credentials.js';
import { PASS_ROLE_TECHNIQUES } from './pass-role.js';
import { SELF_TECHNIQUES } from './self.js';
import { TRUST_TECHNIQUES } from './trust.js';
import type { Technique } from './types.js';

export const TECHNIQUES: readonly Technique[] = [...CREDENTIAL_TECHNIQUES, ...TRUST_TECHNIQUES, ...PASS_ROLE_TECHNIQUES, ...SELF_TECHNIQUES];

const byId = new Map(TECHNIQUES.map((t) => [t.id, t]));

export function techniqueById(id: string): Technique | undefined {
  return byId.get(id);
}
