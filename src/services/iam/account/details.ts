// GetAccountAuthorizationDetails: users, groups, roles and managed policies as one list,
// filtered by entity type and paginated with one MaxItems/Marker across all of it.

import type { ManagedPolicy } from '../../../domain/entities.js';
import { nameKey } from '../../../domain/names.js';
import { IamError } from '../../../protocol/errors.js';
import type { WireObject } from '../../../protocol/wire-value.js';
import type { StoreTx } from '../../../storage/ports.js';
import type { Page, PageRequest } from '../../../storage/repositories.js';
import { allPages, groupDetails, policyDetails, roleDetails, userDetails } from './details-wire.js';

export type EntityFilter = 'User' | 'Group' | 'Role' | 'LocalManagedPolicy' | 'AWSManagedPolicy';
type ListKey = 'UserDetailList' | 'GroupDetailList' | 'RoleDetailList' | 'Policies';

/** One stretch of the combined list; `read` fetches a page of entries with their details. */
interface Section {
  readonly id: string;
  readonly filter: EntityFilter;
  readonly key: ListKey;
  read(tx: StoreTx, accountId: string, page: PageRequest): Promise<Page<WireObject>>;
}

function section<T>(
  id: string,
  filter: EntityFilter,
  key: ListKey,
  list: (tx: StoreTx, accountId: string, page: PageRequest) => Promise<Page<T>>,
  /** The details of a whole page at once (a few set-based reads, not several per entity). */
  details: (tx: StoreTx, accountId: string, items: readonly T[]) => Promise<WireObject[]>,
): Section {
  return {
    id,
    filter,
    key,
    async read(tx, accountId, page) {
      const found = await list(tx, accountId, page);
      const items = found.items.length === 0 ? [] : await details(tx, accountId, found.items);
      return found.nextAfter === undefined ? { items } : { items, nextAfter: found.nextAfter };
    },
  };
}

const policyKey = (p: ManagedPolicy): string => `${nameKey(p.name)} ${p.arn}`;

/**
 * AWS managed policies in use in the account: attached to a user, group or role, or set as a
 * permissions boundary. AWS lists no others here (an account would otherwise get ~1,300).
 */
async function awsPoliciesInUse(tx: StoreTx, accountId: string, page: PageRequest): Promise<Page<ManagedPolicy>> {
  const attached = await allPages((p) => tx.policies.list({ accountId, scope: 'AWS', onlyAttached: true, ...p }));
  const bounding = await allPages((p) => tx.policies.list({ accountId, scope: 'AWS', usage: 'PermissionsBoundary', ...p }));
  const byArn = new Map([...attached, ...bounding].map((p) => [p.arn, p]));
  const sorted = [...byArn.values()].sort((a, b) => (policyKey(a) < policyKey(b) ? -1 : policyKey(a) > policyKey(b) ? 1 : 0));
  const start = page.after === undefined ? 0 : sorted.findIndex((p) => policyKey(p) > (page.after as string));
  const items = start < 0 ? [] : sorted.slice(start, start + page.limit);
  const last = items[items.length - 1];
  const more = start >= 0 && start + page.limit < sorted.length;
  return more && last !== undefined ? { items, nextAfter: policyKey(last) } : { items };
}

/** In AWS's order: users, groups, roles, then policies (customer managed before AWS managed). */
const SECTIONS: readonly Section[] = [
  section('U', 'User', 'UserDetailList', (tx, accountId, page) => tx.users.list({ accountId, ...page }), (tx, _a, u) => userDetails(tx, u)),
  section('G', 'Group', 'GroupDetailList', (tx, accountId, page) => tx.groups.list({ accountId, ...page }), (tx, _a, g) => groupDetails(tx, g)),
  section('R', 'Role', 'RoleDetailList', (tx, accountId, page) => tx.roles.list({ accountId, ...page }), (tx, _a, r) => roleDetails(tx, r)),
  section(
    'L',
    'LocalManagedPolicy',
    'Policies',
    (tx, accountId, page) => tx.policies.list({ accountId, scope: 'Local', ...page }),
    policyDetails,
  ),
  section('A', 'AWSManagedPolicy', 'Policies', awsPoliciesInUse, policyDetails),
];

interface Cursor {
  readonly section: string;
  readonly after?: string;
}

/** The Marker: which section to resume and the store cursor inside it, base64url-encoded. */
export function encodeDetailsMarker(cursor: Cursor): string {
  return Buffer.from(`${cursor.section}:${cursor.after ?? ''}`, 'utf8').toString('base64url');
}

export function decodeDetailsMarker(marker: string): Cursor | undefined {
  const text = Buffer.from(marker, 'base64url').toString('utf8');
  const match = /^([UGRLA]):(.*)$/s.exec(text);
  if (match === null) return undefined;
  const [, id = '', after = ''] = match;
  return after === '' ? { section: id } : { section: id, after };
}

export interface DetailsRequest {
  /** Empty means every entity type. */
  readonly filter: readonly EntityFilter[];
  readonly maxItems: number;
  readonly marker?: string;
}

function invalidMarker(): IamError {
  return new IamError('InvalidInput', 'Invalid value for parameter Marker.');
}

export async function authorizationDetails(tx: StoreTx, accountId: string, request: DetailsRequest): Promise<WireObject> {
  const wanted = request.filter.length === 0 ? SECTIONS : SECTIONS.filter((s) => request.filter.includes(s.filter));
  const lists: Record<ListKey, WireObject[]> = { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] };
  let start = 0;
  let resumeAfter: string | undefined;
  if (request.marker !== undefined) {
    const cursor = decodeDetailsMarker(request.marker);
    start = cursor === undefined ? -1 : wanted.findIndex((s) => s.id === cursor.section);
    if (cursor === undefined || start < 0) throw invalidMarker();
    resumeAfter = cursor.after;
  }
  let remaining = request.maxItems;
  let next: Cursor | undefined;
  for (let i = start; i < wanted.length && next === undefined; i++) {
    const s = wanted[i];
    if (s === undefined) break;
    const after = i === start ? resumeAfter : undefined;
    const pageRequest: PageRequest = { limit: Math.max(remaining, 1), ...(after !== undefined && { after }) };
    if (remaining === 0) {
      // The page is full: only learn whether anything follows, so IsTruncated is honest.
      const peek = await s.read(tx, accountId, { ...pageRequest, limit: 1 });
      if (peek.items.length > 0) next = after === undefined ? { section: s.id } : { section: s.id, after };
      continue;
    }
    const page = await s.read(tx, accountId, pageRequest);
    lists[s.key].push(...page.items);
    remaining -= page.items.length;
    if (page.nextAfter !== undefined) next = { section: s.id, after: page.nextAfter };
  }
  return { ...lists, IsTruncated: next !== undefined, ...(next !== undefined && { Marker: encodeDetailsMarker(next) }) };
}
