// The unused-access analysis: from an account's principals, credentials, identity policies and
// recorded uses (one ScanSource), the findings an ACCOUNT_UNUSED_ACCESS analyzer reports at
// `now`. Pure: the caller loads the source and the action catalogue.
//
// Something is unused when nothing used it for `unusedAccessAge` days and it is older than that
// (a role created yesterday is not unused). UnusedPermission looks at what the principal is
// granted: the actions its Allow statements name (Action or NotAction, expanded over AWS's
// action catalogue), each confirmed by the engine with all its policies (granted-actions.ts:
// a Deny, the permissions boundary or a condition that cannot hold takes it away), per
// service; Keyward records every authorized call at action level, so a service that was used
// lists its granted actions that were not.

import { subjectOf } from '../../../analysis/engine/subject.js';
import type { ActionExpander } from '../../../analysis/index.js';
import type { PolicyRef } from '../../../analysis/model/model.js';
import type { FindingType } from '../../../domain/analyzers.js';
import type { Tag } from '../../../domain/entities.js';
import { parsePolicy } from '../../../policy/document/parse-policy.js';
import type { ScanSource } from '../../../storage/analyzer-repositories.js';
import { findingId } from './finding-id.js';
import { isGranted } from './granted-actions.js';

export interface ComputedFinding {
  readonly id: string;
  readonly findingType: FindingType;
  readonly resource: string;
  readonly resourceType: 'AWS::IAM::Role' | 'AWS::IAM::User';
  readonly details: readonly Readonly<Record<string, unknown>>[];
}

export interface UnusedAccessOptions {
  readonly analyzerArn: string;
  readonly now: Date;
  readonly unusedAccessAgeDays: number;
  /** `analysisRule.exclusions[].resourceTags`: a principal carrying every tag of one map is skipped. */
  readonly excludedTags: readonly Readonly<Record<string, string>>[];
  readonly actions: ActionExpander;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Service-linked roles belong to AWS services: AWS leaves them out of unused access. */
const SERVICE_LINKED_PATH = '/aws-service-role/';

function excluded(tags: readonly Tag[], rules: UnusedAccessOptions['excludedTags']): boolean {
  return rules.some((rule) => {
    const entries = Object.entries(rule);
    return entries.length > 0 && entries.every(([k, v]) => tags.some((t) => t.key === k && (v === '' || t.value === v)));
  });
}

const iso = (d: Date | undefined): { lastAccessed?: string } => (d === undefined ? {} : { lastAccessed: d.toISOString() });

/** Granted actions by lower-case service prefix: lower-case name -> name as AWS spells it. */
type Grants = Map<string, Map<string, string>>;

/** What one document's Allow statements grant. */
function documentGrants(text: string, actions: ActionExpander): Grants {
  const out: Grants = new Map();
  const parsed = parsePolicy(text, { kind: 'identity' });
  if (!parsed.ok) return out;
  for (const s of parsed.document.statements) {
    if (s.effect !== 'Allow') continue;
    const list = s.action !== undefined ? actions.expand(s.action, false) : s.notAction !== undefined ? actions.expand(s.notAction, true) : [];
    for (const a of list) {
      const colon = a.action.indexOf(':');
      const service = a.action.slice(0, colon).toLowerCase();
      let names = out.get(service);
      if (names === undefined) out.set(service, (names = new Map()));
      names.set(a.action.slice(colon + 1).toLowerCase(), a.action.slice(colon + 1));
    }
  }
  return out;
}

function merge(parts: readonly Grants[]): Grants {
  if (parts.length === 1) return parts[0]!;
  const out: Grants = new Map();
  for (const part of parts) {
    for (const [service, names] of part) {
      const into = out.get(service);
      if (into === undefined) out.set(service, new Map(names));
      else for (const [k, v] of names) into.set(k, v);
    }
  }
  return out;
}

export function unusedAccessFindings(source: ScanSource, options: UnusedAccessOptions): ComputedFinding[] {
  const since = options.now.getTime() - options.unusedAccessAgeDays * DAY_MS;
  const stale = (reference: Date): boolean => reference.getTime() < since;
  const out: ComputedFinding[] = [];
  const make = (findingType: FindingType, resource: string, resourceType: ComputedFinding['resourceType'], details: ComputedFinding['details'], detail = ''): void => {
    out.push({ id: findingId(options.analyzerArn, findingType, resource, detail), findingType, resource, resourceType, details });
  };

  // Uses by principal ARN, then service, then lower-case action.
  const uses = new Map<string, Map<string, Map<string, Date>>>();
  for (const u of source.uses) {
    let byService = uses.get(u.principalArn);
    if (byService === undefined) uses.set(u.principalArn, (byService = new Map()));
    let byAction = byService.get(u.serviceNamespace);
    if (byAction === undefined) byService.set(u.serviceNamespace, (byAction = new Map()));
    const key = u.actionName.toLowerCase();
    const prev = byAction.get(key);
    if (prev === undefined || prev < u.lastAccessed) byAction.set(key, u.lastAccessed);
  }
  const policyKeys = new Map<string, string[]>();
  for (const p of source.policies) (policyKeys.get(p.principalId) ?? policyKeys.set(p.principalId, []).get(p.principalId)!).push(p.policyKey);
  // Each document is read once; principals with the same policies share one merged map.
  const documentCache = new Map<string, Grants>();
  const grantsOfKey = (key: string): Grants => {
    let g = documentCache.get(key);
    if (g === undefined) {
      const text = source.documents.get(key);
      documentCache.set(key, (g = text === undefined ? new Map() : documentGrants(text, options.actions)));
    }
    return g;
  };
  const refCache = new Map<string, PolicyRef | null>();
  const refOf = (key: string): PolicyRef | undefined => {
    let ref = refCache.get(key);
    if (ref === undefined) {
      const text = source.documents.get(key);
      const parsed = text === undefined ? undefined : parsePolicy(text, { kind: 'identity' });
      refCache.set(key, (ref = parsed?.ok === true ? { id: key, document: parsed.document } : null));
    }
    return ref ?? undefined;
  };
  // Principals with the same policies (and boundary) share one answer, unless a policy looks at
  // who the principal is (a policy variable, aws:username, aws:userid, aws:Principal*).
  const PERSONAL = /\$\{|aws:(username|userid|principal)/i;
  const grantCache = new Map<string, Grants>();
  const grantsFor = (p: { id: string; arn: string; tags: readonly Tag[]; boundary?: string }, kind: 'user' | 'role'): Grants => {
    const keys = [...new Set(policyKeys.get(p.id) ?? [])].sort();
    const all = p.boundary === undefined ? keys : [...keys, p.boundary];
    const personal = all.some((k) => PERSONAL.test(source.documents.get(k) ?? ''));
    const signature = `${kind}\n${p.boundary ?? ''}\n${keys.join('\n')}${personal ? `\n${p.arn}` : ''}`;
    let grants = grantCache.get(signature);
    if (grants !== undefined) return grants;
    const candidates = merge(keys.map(grantsOfKey));
    const identity = keys.flatMap((k) => refOf(k) ?? []);
    const boundary = p.boundary === undefined ? undefined : refOf(p.boundary);
    const account = p.arn.split(':')[4] ?? '';
    const tags = Object.fromEntries(p.tags.map((t) => [t.key, t.value]));
    const subject = subjectOf({ kind, arn: p.arn, id: p.id, account, tags, identity, ...(boundary !== undefined && { boundary }) }, options.now);
    const policies = boundary === undefined ? identity : [...identity, boundary];
    grants = new Map();
    for (const [service, names] of candidates) {
      const kept = new Map<string, string>();
      for (const [lower, name] of names) {
        const action = options.actions.catalogue.byName.get(`${service}:${lower}`);
        if (action !== undefined && isGranted(subject, action, policies)) kept.set(lower, name);
      }
      if (kept.size > 0) grants.set(service, kept);
    }
    grantCache.set(signature, grants);
    return grants;
  };

  const unusedPermissions = (p: { id: string; arn: string; tags: readonly Tag[]; boundary?: string }, resourceType: ComputedFinding['resourceType']): void => {
    const arn = p.arn;
    const grants = grantsFor(p, resourceType === 'AWS::IAM::Role' ? 'role' : 'user');
    const used = uses.get(arn);
    const details: Record<string, unknown>[] = [];
    for (const service of [...grants.keys()].sort()) {
      const names = grants.get(service)!;
      const byAction = used?.get(service);
      let serviceLast: Date | undefined;
      for (const d of byAction?.values() ?? []) if (serviceLast === undefined || d > serviceLast) serviceLast = d;
      if (serviceLast === undefined || stale(serviceLast)) {
        details.push({ unusedPermissionDetails: { serviceNamespace: service, ...iso(serviceLast) } });
        continue;
      }
      const unusedActions = [...names.entries()]
        .filter(([lower]) => {
          const last = byAction?.get(lower);
          return last === undefined || stale(last);
        })
        .map(([lower, name]) => ({ action: name, ...iso(byAction?.get(lower)) }))
        .sort((a, b) => (a.action < b.action ? -1 : a.action > b.action ? 1 : 0));
      if (unusedActions.length > 0) details.push({ unusedPermissionDetails: { serviceNamespace: service, actions: unusedActions, ...iso(serviceLast) } });
    }
    if (details.length > 0) make('UnusedPermission', arn, resourceType, details);
  };

  for (const role of source.roles) {
    if (role.path.startsWith(SERVICE_LINKED_PATH) || excluded(role.tags, options.excludedTags)) continue;
    if (stale(role.createDate) && stale(role.lastUsed ?? role.createDate)) {
      make('UnusedIAMRole', role.arn, 'AWS::IAM::Role', [{ unusedIamRoleDetails: iso(role.lastUsed) }]);
      continue; // an unused role's permissions are all unused: the role finding says it
    }
    if (stale(role.createDate)) unusedPermissions(role, 'AWS::IAM::Role');
  }
  const usersById = new Map(source.users.map((u) => [u.id, u]));
  const skipped = new Set(source.users.filter((u) => excluded(u.tags, options.excludedTags)).map((u) => u.id));
  for (const key of source.accessKeys) {
    const user = usersById.get(key.userId);
    if (user === undefined || skipped.has(user.id) || key.status !== 'Active') continue;
    if (stale(key.lastUsed ?? key.createDate)) {
      make('UnusedIAMUserAccessKey', user.arn, 'AWS::IAM::User', [{ unusedIamUserAccessKeyDetails: { accessKeyId: key.accessKeyId, ...iso(key.lastUsed) } }], key.accessKeyId);
    }
  }
  for (const user of source.users) {
    if (skipped.has(user.id)) continue;
    const profile = user.loginProfile;
    if (profile !== undefined && stale(profile.lastUsed ?? profile.createDate)) {
      make('UnusedIAMUserPassword', user.arn, 'AWS::IAM::User', [{ unusedIamUserPasswordDetails: iso(profile.lastUsed) }]);
    }
    if (stale(user.createDate)) unusedPermissions(user, 'AWS::IAM::User');
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
