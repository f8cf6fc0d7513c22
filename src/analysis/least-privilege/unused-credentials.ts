// Credentials nobody seems to use, when the input has last-use data: roles (RoleLastUsed,
// part of AWS's output), console passwords (PasswordLastUsed) and access keys
// (AccessKeyLastUsed), unused for `days` or never used since created that long ago.

import type { EscalationGraph } from '../graph/build-graph.js';
import type { PrincipalModel } from '../model/model.js';
import type { Finding } from '../report/finding.js';

export const DEFAULT_UNUSED_DAYS = 90;
const DAY = 86_400_000;

interface Unused {
  readonly what: string;
  readonly since: string;
}

/** How long ago `date` was, in whole days, or undefined when the input gave no date. */
function daysSince(date: string | undefined, now: Date): number | undefined {
  return date === undefined ? undefined : Math.floor((now.getTime() - Date.parse(date)) / DAY);
}

function stale(lastUsed: string | null | undefined, created: string | undefined, days: number, now: Date): string | undefined {
  if (lastUsed === undefined) return undefined;
  if (lastUsed === null) {
    const age = daysSince(created, now);
    return age !== undefined && age >= days ? `never used, created ${age} days ago` : undefined;
  }
  const idle = daysSince(lastUsed, now)!;
  return idle >= days ? `last used ${idle} days ago` : undefined;
}

function unusedOf(p: PrincipalModel, days: number, now: Date): Unused[] {
  const a = p.activity;
  const out: Unused[] = [];
  if (p.kind === 'role') {
    const s = stale(a.roleLastUsed, a.created, days, now);
    if (s !== undefined) out.push({ what: 'the role', since: s });
    return out;
  }
  if (a.passwordLastUsed !== undefined && p.hasLoginProfile !== false) {
    const s = stale(a.passwordLastUsed, a.created, days, now);
    if (s !== undefined) out.push({ what: 'its console password', since: s });
  }
  for (const k of a.accessKeys ?? []) {
    if (!k.active) continue;
    const s = stale(k.lastUsed, k.created, days, now);
    if (s !== undefined) out.push({ what: `access key ${k.id}`, since: s });
  }
  return out;
}

export function unusedCredentialFindings(graph: EscalationGraph, options: { readonly now: Date; readonly days?: number }): Finding[] {
  const days = options.days ?? DEFAULT_UNUSED_DAYS;
  const out: Finding[] = [];
  for (const p of graph.model.principals) {
    const unused = unusedOf(p, days, options.now);
    if (unused.length === 0) continue;
    const admin = graph.admins.has(p.arn);
    out.push({
      rule: 'unused-credentials',
      severity: admin ? 'medium' : 'low',
      principal: p.arn,
      message: `${p.arn}${admin ? ' (an admin)' : ''}: ${unused.map((u) => `${u.what} ${u.since}`).join('; ')}`,
      remediation: p.kind === 'role'
        ? 'Delete the role if nothing needs it any more, or remove its permissions'
        : 'Deactivate and delete the unused access keys and console password; delete the user if nobody needs it',
    });
  }
  return out;
}
