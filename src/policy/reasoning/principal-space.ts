// Principals as a finite space: every principal a policy names, plus one it does not. Principal
// matching has no globs beyond "*", so these candidates reach every distinct outcome: an account
// stands for any principal in it, a named role or user for itself.

import type { PrincipalSpec } from '../document/types.js';

export type PrincipalCandidate =
  | { readonly type: 'AWS'; readonly account: string; readonly arn: string }
  | { readonly type: 'Service' | 'Federated' | 'CanonicalUser'; readonly value: string };

const ACCOUNT_OF = /^arn:[^:]+:(?:iam|sts)::(\d{12}):/;

function accountOf(entry: string): string | undefined {
  if (/^\d{12}$/.test(entry)) return entry;
  return ACCOUNT_OF.exec(entry)?.[1];
}

function isAccountWide(entry: string): boolean {
  return /^\d{12}$/.test(entry) || /^arn:[^:]+:iam::\d{12}:root$/.test(entry);
}

export function principalMatches(spec: PrincipalSpec, c: PrincipalCandidate): boolean {
  if (spec.wildcard || spec.aws.includes('*')) return true;
  switch (c.type) {
    case 'AWS':
      return spec.aws.some((e) => (isAccountWide(e) ? accountOf(e) === c.account : e === c.arn));
    case 'Service':
      return spec.service.some((s) => s.toLowerCase() === c.value.toLowerCase());
    case 'Federated':
      return spec.federated.includes(c.value);
    case 'CanonicalUser':
      return spec.canonicalUser.includes(c.value);
  }
}

export function describePrincipal(c: PrincipalCandidate): string {
  return c.type === 'AWS' ? c.arn : `${c.type} ${c.value}`;
}

export function principalCandidates(specs: readonly PrincipalSpec[]): readonly PrincipalCandidate[] {
  const out = new Map<string, PrincipalCandidate>();
  const accounts = new Set<string>();
  const add = (c: PrincipalCandidate): void => {
    out.set(c.type === 'AWS' ? `AWS ${c.arn}` : `${c.type} ${c.value}`, c);
  };
  for (const spec of specs) {
    for (const e of spec.aws) {
      const account = accountOf(e);
      if (account === undefined) continue;
      accounts.add(account);
      if (!isAccountWide(e)) add({ type: 'AWS', account, arn: e });
    }
    for (const s of spec.service) add({ type: 'Service', value: s });
    for (const f of spec.federated) add({ type: 'Federated', value: f });
    for (const u of spec.canonicalUser) add({ type: 'CanonicalUser', value: u });
  }
  for (const account of accounts) add({ type: 'AWS', account, arn: `arn:aws:iam::${account}:role/other-role` });
  let fresh = 0;
  while (accounts.has(String(fresh).padStart(12, '0'))) fresh++;
  const other = String(fresh).padStart(12, '0');
  add({ type: 'AWS', account: other, arn: `arn:aws:iam::${other}:role/other-role` });
  return [...out.values()];
}
