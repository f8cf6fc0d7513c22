// GET /console/api/search/<users|groups|roles|policies>?contains=TEXT[&marker=M][&maxItems=N]
// (policies also take ListPolicies' scope=All|AWS|Local and onlyAttached=true):
// the list pages' search across the whole account by name substring (IAM's List* actions filter
// by PathPrefix only). The route first makes the kind's List* call (one item) AS the signed-in
// principal, so the search is authorized, recorded and denied exactly as that call from the aws
// CLI would be (an AccessDenied carries its explanation); then it reads the store page by page
// and answers in the List* output's shape (the same members, markers as IAM's).

import type { FastifyInstance } from 'fastify';
import { wireGroup } from '../../services/iam/groups/access.js';
import { wirePolicy } from '../../services/iam/policies/wire.js';
import { wireRole } from '../../services/iam/roles/wire.js';
import { wireUser } from '../../services/iam/users/operations.js';
import { pageRequest, pageResult } from '../../services/paging.js';
import type { WireObject } from '../../protocol/wire-value.js';
import type { StoreTx } from '../../storage/ports.js';
import type { AccountListRequest, Page, PolicyScope } from '../../storage/repositories.js';
import type { ConsoleContext } from './plugin.js';
import { callTarget, sendFailure } from './call-routes.js';
import { sendError, sendJson } from './http.js';
import { commandOf, jsonSafe, sdkCall } from './sdk-call.js';

/** Results per page unless `maxItems` says otherwise (1 to 1000, as IAM's MaxItems). */
export const SEARCH_PAGE_SIZE = 50;
const MAX_NEEDLE = 128;

/** ListPolicies' own filters, which the policies search takes too. */
interface PolicyFilter {
  readonly scope: PolicyScope;
  readonly onlyAttached: boolean;
}

interface SearchKind {
  /** The List* action the principal must be allowed. */
  readonly action: string;
  /** Where the List* output puts the items. */
  readonly key: string;
  read(tx: StoreTx, request: AccountListRequest, policies: PolicyFilter): Promise<Page<WireObject>>;
}

const mapped = async <T>(page: Promise<Page<T>>, wire: (item: T) => WireObject): Promise<Page<WireObject>> => {
  const { items, nextAfter } = await page;
  return { items: items.map(wire), ...(nextAfter === undefined ? {} : { nextAfter }) };
};

const KINDS: Readonly<Record<string, SearchKind>> = {
  users: { action: 'ListUsers', key: 'Users', read: (tx, r) => mapped(tx.users.list(r), (u) => wireUser(u, 'listed')) },
  groups: { action: 'ListGroups', key: 'Groups', read: (tx, r) => mapped(tx.groups.list(r), wireGroup) },
  roles: { action: 'ListRoles', key: 'Roles', read: (tx, r) => mapped(tx.roles.list(r), (role) => wireRole(role, 'listed')) },
  policies: {
    action: 'ListPolicies',
    key: 'Policies',
    async read(tx, r, { scope, onlyAttached }) {
      const page = await tx.policies.list({ ...r, scope, onlyAttached });
      const usages = await tx.policies.attachments.usageCounts(r.accountId, page.items.map((p) => p.arn));
      return mapped(Promise.resolve(page), (p) => wirePolicy(p, usages.get(p.arn) ?? { attachmentCount: 0, boundaryUsageCount: 0 }));
    },
  },
};

/** Dates to the whole second, as IAM's XML carries them and the SDK reads them back in a List* answer. */
function asTheSdkReads(value: unknown): unknown {
  if (value instanceof Date) return new Date(Math.floor(value.getTime() / 1000) * 1000);
  if (Array.isArray(value)) return value.map(asTheSdkReads);
  if (typeof value === 'object' && value !== null && !(value instanceof Uint8Array)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asTheSdkReads(v)]));
  }
  return value;
}

const scopeOf = (value: unknown): PolicyScope => (value === 'AWS' || value === 'Local' ? value : 'All');

export function registerSearchRoutes(app: FastifyInstance, ctx: ConsoleContext): void {
  app.get('/console/api/search/:kind', async (req, reply) => {
    const session = await ctx.session(req);
    if (session === undefined) return sendError(reply, 401, { code: 'NotSignedIn', message: 'Sign in to the console first.' });
    if (session.passwordChangeRequired) return sendError(reply, 403, { code: 'PasswordChangeRequired', message: 'You must change your password before you continue.' });
    const kind = KINDS[(req.params as { kind: string }).kind];
    if (kind === undefined) return sendError(reply, 404, { code: 'NotFound', message: 'Search users, groups, roles or policies.' });
    const query = req.query as Record<string, unknown>;
    const contains = typeof query.contains === 'string' ? query.contains : '';
    const marker = typeof query.marker === 'string' && query.marker !== '' ? query.marker : undefined;
    const maxItems = typeof query.maxItems === 'string' ? Number(query.maxItems) : SEARCH_PAGE_SIZE;
    if (contains.length > MAX_NEEDLE || !Number.isInteger(maxItems) || maxItems < 1 || maxItems > 1000) {
      return sendError(reply, 400, { code: 'ValidationError', message: `contains is at most ${MAX_NEEDLE} characters; maxItems an integer from 1 to 1000.` });
    }
    const policies: PolicyFilter = { scope: scopeOf(query.scope), onlyAttached: query.onlyAttached === 'true' };

    const Command = (await commandOf('iam', kind.action))!;
    const allowed = await sdkCall(callTarget(ctx, req), session.credentials, 'iam', Command, { MaxItems: 1, ...(kind.action === 'ListPolicies' && { Scope: policies.scope, OnlyAttached: policies.onlyAttached }) });
    if (!allowed.ok) return sendFailure(ctx, reply, session, allowed);

    const paging = pageRequest({ MaxItems: maxItems, ...(marker === undefined ? {} : { Marker: marker }) });
    const page = await ctx.deps.store.read((tx) => kind.read(tx, { accountId: session.accountId, ...paging, ...(contains === '' ? {} : { nameContains: contains }) }, policies));
    return sendJson(reply, 200, { output: jsonSafe(asTheSdkReads({ [kind.key]: page.items, ...pageResult(page) })) });
  });
}
