// GenerateFindingRecommendation for an UnusedPermission finding: for each identity policy that
// applies to the principal, either the policy to create instead (its Allow statements cut down
// to the actions the principal used within the analyzer's window, resources and conditions
// kept) and the existing one to detach, or, when it grants nothing that was used, the policy
// to detach. Steps are in AWS's unusedPermissionsRecommendedStep shape. Pure.

import type { ActionExpander } from '../../../analysis/index.js';
import { parsePolicy } from '../../../policy/document/parse-policy.js';
import type { ScanSource } from '../../../storage/analyzer-repositories.js';

export interface RecommendedStep {
  readonly unusedPermissionsRecommendedStep: {
    readonly recommendedAction: 'CREATE_POLICY' | 'DETACH_POLICY';
    readonly recommendedPolicy?: string;
    readonly existingPolicyId?: string;
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** AWS names a managed policy by ARN and an inline one by its name. */
function policyId(key: string): string {
  return key.startsWith('inline:') ? key.slice(key.lastIndexOf('/') + 1) : key;
}

export function recommendSteps(source: ScanSource, principalArn: string, now: Date, unusedAccessAgeDays: number, actions: ActionExpander): RecommendedStep[] {
  const since = now.getTime() - unusedAccessAgeDays * DAY_MS;
  const used = new Set(
    source.uses.filter((u) => u.principalArn === principalArn && u.lastAccessed.getTime() >= since).map((u) => `${u.serviceNamespace}:${u.actionName}`.toLowerCase()),
  );
  const principal = [...source.users, ...source.roles].find((p) => p.arn === principalArn);
  if (principal === undefined) return [];
  const keys = [...new Set(source.policies.filter((p) => p.principalId === principal.id).map((p) => p.policyKey))].sort();
  const steps: RecommendedStep[] = [];
  for (const key of keys) {
    const text = source.documents.get(key);
    if (text === undefined) continue;
    const parsed = parsePolicy(text, { kind: 'identity' });
    if (!parsed.ok) continue;
    const statements: object[] = [];
    let unused = false;
    for (const s of parsed.document.statements) {
      if (s.effect !== 'Allow') continue;
      const granted = s.action !== undefined ? actions.expand(s.action, false) : s.notAction !== undefined ? actions.expand(s.notAction, true) : [];
      const kept = granted.filter((a) => used.has(a.action.toLowerCase())).map((a) => a.action);
      unused ||= kept.length < granted.length;
      if (kept.length === 0) continue;
      const resource = s.resource ?? ['*'];
      const conditions: Record<string, Record<string, string[]>> = {};
      for (const c of s.conditions) (conditions[c.operator] ??= {})[c.key] = [...c.values];
      statements.push({
        Effect: 'Allow',
        Action: [...new Set(kept)].sort(),
        ...(s.notResource !== undefined ? { NotResource: s.notResource } : { Resource: resource.length === 1 ? resource[0] : resource }),
        ...(s.conditions.length > 0 && { Condition: conditions }),
      });
    }
    if (!unused) continue; // everything it grants was used: nothing to change
    if (statements.length > 0) {
      steps.push({
        unusedPermissionsRecommendedStep: { recommendedAction: 'CREATE_POLICY', recommendedPolicy: JSON.stringify({ Version: '2012-10-17', Statement: statements }) },
      });
    }
    steps.push({ unusedPermissionsRecommendedStep: { recommendedAction: 'DETACH_POLICY', existingPolicyId: policyId(key) } });
  }
  return steps;
}
