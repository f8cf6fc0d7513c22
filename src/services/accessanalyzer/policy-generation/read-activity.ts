// What a principal did in a window, read from Keyward's own trail: every call it made that was
// authorized (a user: its own calls; a role: the calls of all its sessions), by action, with the
// resource ARNs each call named. A call that was refused granted nothing and is left out.

import type { CloudTrailRecord } from '../../../audit/record/cloudtrail-record.js';
import type { StoreTx } from '../../../storage/ports.js';

/** The principal whose activity is read, as it is now (matched by its unique id, as AWS does). */
export interface ActivityPrincipal {
  readonly kind: 'user' | 'role';
  readonly accountId: string;
  readonly id: string;
  readonly arn: string;
}

/** A user's events are found by the trail's Username column (its name); a role's sessions have their own names. */
function usernameOf(principal: ActivityPrincipal): string | undefined {
  return principal.kind === 'user' ? principal.arn.slice(principal.arn.lastIndexOf('/') + 1) : undefined;
}

export interface ActivityWindow {
  readonly start: Date;
  readonly end: Date;
  /** Only events recorded in these regions; undefined for all. */
  readonly regions?: readonly string[];
}

/** One action's uses: the ARNs its calls named (candidates, filtered later by resource type). */
export interface ActionUse {
  readonly prefix: string;
  readonly name: string;
  /** Per call, the ARNs it named (calls naming the same ARNs once); the generator keeps those of the action's resource types. */
  readonly calls: (readonly string[])[];
  readonly count: number;
}

export interface Activity {
  /** By lower-case `prefix:name`. */
  readonly actions: ReadonlyMap<string, ActionUse>;
  /** False when the window held more events (of the account; of the user's name for a user) than one job reads. */
  readonly complete: boolean;
  readonly eventsRead: number;
}

/** Most events one job reads; a busier window gives a policy marked incomplete. */
export const MAX_EVENTS_READ = 200_000;
const PAGE = 1000;

/** Error codes of calls the engine (or the signature check) refused. */
const REFUSED = /AccessDenied|Unauthorized|NotAuthorized|InvalidClientTokenId|SignatureDoesNotMatch|ExpiredToken|IncompleteSignature/;

function matches(record: CloudTrailRecord, principal: ActivityPrincipal): boolean {
  const identity = record.userIdentity;
  if (principal.kind === 'user') return identity.type === 'IAMUser' && identity.principalId === principal.id;
  const issuer = identity.sessionContext?.sessionIssuer;
  return identity.type === 'AssumedRole' && issuer?.type === 'Role' && issuer.principalId === principal.id;
}

/** The action prefix of an event source: `iam.amazonaws.com` -> `iam`, a platform service's `notes.keyward` -> `notes`. */
export function prefixOf(eventSource: string): string {
  const dot = eventSource.indexOf('.');
  return (dot < 0 ? eventSource : eventSource.slice(0, dot)).toLowerCase();
}

function collectArns(value: unknown, out: Set<string>, depth = 0): void {
  if (depth > 6) return;
  if (typeof value === 'string') {
    if (value.startsWith('arn:')) out.add(value);
  } else if (Array.isArray(value)) {
    for (const v of value) collectArns(v, out, depth + 1);
  } else if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) collectArns(v, out, depth + 1);
  }
}

/** IAM request parameters that name an entity whose ARN carries its path. */
const IAM_NAMES: readonly (readonly [member: string, kind: 'user' | 'role' | 'group' | 'instance-profile'])[] = [
  ['userName', 'user'],
  ['roleName', 'role'],
  ['groupName', 'group'],
  ['instanceProfileName', 'instance-profile'],
];

type PathLookup = (kind: 'user' | 'role' | 'group' | 'instance-profile', name: string) => Promise<string>;

/** Every ARN a call named: ARNs in its parameters and answer, IAM names as ARNs, the caller itself for IAM calls on "self". */
async function arnsOf(record: CloudTrailRecord, principal: ActivityPrincipal, path: PathLookup): Promise<string[]> {
  const out = new Set<string>();
  const params = record.requestParameters ?? {};
  collectArns(params, out);
  collectArns(record.responseElements, out);
  for (const r of record.resources ?? []) out.add(r.ARN);
  const account = record.recipientAccountId;
  if (record.eventSource === 'iam.amazonaws.com') {
    for (const [member, kind] of IAM_NAMES) {
      const name = params[member];
      if (typeof name === 'string' && name !== '') out.add(`arn:aws:iam::${account}:${kind}${await path(kind, name)}${name}`);
    }
    // IAM actions on the caller's own user when no user is named (GetUser, CreateAccessKey, ...).
    if (principal.kind === 'user' && typeof params.userName !== 'string') out.add(principal.arn);
  }
  if (record.eventSource === 'events.amazonaws.com' && typeof params.name === 'string') {
    const bus = typeof params.eventBusName === 'string' && params.eventBusName !== 'default' ? `${params.eventBusName}/` : '';
    out.add(`arn:aws:events:${record.awsRegion}:${account}:rule/${bus}${params.name}`);
  }
  if (record.eventSource === 'events.amazonaws.com' && typeof params.rule === 'string') {
    const bus = typeof params.eventBusName === 'string' && params.eventBusName !== 'default' ? `${params.eventBusName}/` : '';
    out.add(`arn:aws:events:${record.awsRegion}:${account}:rule/${bus}${params.rule}`);
  }
  return [...out];
}

/** Reads the principal's authorized calls in the window, newest first, at most MAX_EVENTS_READ events. */
export async function readActivity(tx: StoreTx, principal: ActivityPrincipal, window: ActivityWindow, options: { readonly maxEvents?: number } = {}): Promise<Activity> {
  const max = options.maxEvents ?? MAX_EVENTS_READ;
  const regions = window.regions === undefined ? undefined : new Set(window.regions);
  const actions = new Map<string, { prefix: string; name: string; calls: (readonly string[])[]; count: number; seen: Set<string> }>();
  const paths = new Map<string, string>();
  const path: PathLookup = async (kind, name) => {
    const key = `${kind}\0${name}`;
    let found = paths.get(key);
    if (found === undefined) {
      const repo = kind === 'user' ? tx.users : kind === 'role' ? tx.roles : kind === 'group' ? tx.groups : tx.instanceProfiles;
      found = (await repo.get(principal.accountId, name))?.path ?? '/';
      paths.set(key, found);
    }
    return found;
  };
  let after: { time: Date; eventId: string } | undefined;
  const username = usernameOf(principal);
  const attribute = username === undefined ? undefined : { key: 'Username' as const, value: username };
  let read = 0;
  let complete = true;
  scan: for (;;) {
    const page = await tx.audit.lookup({ accountId: principal.accountId, start: window.start, end: window.end, limit: PAGE, ...(attribute !== undefined && { attribute }), ...(after !== undefined && { after }) });
    for (const event of page) {
      if (read >= max) {
        complete = false;
        break scan;
      }
      read += 1;
      const record = JSON.parse(event.record) as CloudTrailRecord;
      if (!matches(record, principal)) continue;
      if (record.errorCode !== undefined && REFUSED.test(record.errorCode)) continue;
      if (regions !== undefined && !regions.has(record.awsRegion)) continue;
      const prefix = prefixOf(record.eventSource);
      const key = `${prefix}:${record.eventName}`.toLowerCase();
      let use = actions.get(key);
      if (use === undefined) {
        use = { prefix, name: record.eventName, calls: [], count: 0, seen: new Set() };
        actions.set(key, use);
      }
      use.count += 1;
      const arns = (await arnsOf(record, principal, path)).sort();
      const arnsKey = arns.join('\n');
      if (!use.seen.has(arnsKey)) {
        use.seen.add(arnsKey);
        use.calls.push(arns);
      }
    }
    const last = page[page.length - 1];
    if (page.length < PAGE || last === undefined) break;
    after = { time: last.eventTime, eventId: last.eventId };
  }
  return { actions, complete, eventsRead: read };
}
