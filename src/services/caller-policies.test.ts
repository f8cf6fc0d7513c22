// callerPolicies on a real SQLite store: which policies apply to users, roles, federated
// and role sessions (session policies, boundaries), checked through enforce().
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../auth/caller.js';
import type { SessionClaims } from '../auth/session-claims.js';
import { makeRole, makeUser, T0 } from '../storage/conformance/harness.js';
import { IamError } from '../protocol/errors.js';
import type { Store } from '../storage/ports.js';
import { openSqliteStore } from '../storage/sqlite/sqlite-store.js';
import { enforce, globalKeys } from './authorize-call.js';
import { callerPolicies } from './caller-policies.js';

const ACCT = '111122223333';
const dir = mkdtempSync(join(tmpdir(), 'keyward-caller-policies-'));
let store: Store;
const user = makeUser(ACCT, 'erin');
const role = makeRole(ACCT, 'ops', { permissionsBoundaryArn: `arn:aws:iam::${ACCT}:policy/bound` });
const allow = (...actions: string[]): string => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] });

beforeAll(async () => {
  store = await openSqliteStore(join(dir, 'store.db'));
  await store.write(async (tx) => {
    await tx.accounts.insert({ id: ACCT, createdAt: T0, settings: {} });
    await tx.users.insert(user);
    await tx.roles.insert(role);
    await tx.inlinePolicies.put({ accountId: ACCT, ownerKind: 'user', ownerName: 'erin', policyName: 'p', document: allow('iam:ListUsers', 'iam:ListRoles') });
    await tx.inlinePolicies.put({ accountId: ACCT, ownerKind: 'role', ownerName: 'ops', policyName: 'p', document: allow('iam:GetRole', 'iam:ListRoles') });
    const boundArn = `arn:aws:iam::${ACCT}:policy/bound`;
    await tx.policies.insert({ accountId: ACCT, id: 'ANPAEXAMPLE', name: 'bound', path: '/', arn: boundArn, createDate: T0, updateDate: T0, defaultVersionId: 'v1', tags: [], isAttachable: true });
    await tx.policies.versions.insert({ policyArn: boundArn, versionId: 'v1', document: allow('iam:GetRole'), isDefault: true, createDate: T0 });
  });
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function session(extra: Partial<SessionClaims>): SessionClaims {
  return { kind: 'FederatedUser', accountId: ACCT, accessKeyId: 'ASIA', secretAccessKey: 's', issuedAt: 0, expiresAt: 1, tags: [], transitiveTagKeys: [], policyArns: [], ...extra };
}

async function allowed(caller: Caller, action: string): Promise<boolean> {
  const policies = await store.read((tx) => callerPolicies(tx, caller));
  const base = globalKeys(caller, { sourceIp: '127.0.0.1', secureTransport: false, now: new Date(), region: 'us-east-1' });
  try {
    enforce(caller, policies, [{ resource: '*' }], action, base);
    return true;
  } catch (error) {
    // Only a denial means "not allowed"; anything else is a crash and fails the test.
    if (error instanceof IamError && error.code === 'AccessDenied') return false;
    throw error;
  }
}

const federated = (claims: SessionClaims): Caller => ({
  accountId: ACCT,
  principal: { type: 'FederatedUser', arn: `arn:aws:sts::${ACCT}:federated-user/${claims.sessionName}`, account: ACCT },
  userId: `${ACCT}:${claims.sessionName}`,
  accessKeyId: 'ASIA',
  session: claims,
});

describe('caller policies of temporary credentials', () => {
  it("a federated user gets the intersection of the issuing user's policies and the session policy", async () => {
    const caller = federated(session({ sessionName: 'p', user: { id: user.id, name: 'erin' }, policy: allow('iam:ListUsers', 'iam:CreateUser') }));
    expect(await allowed(caller, 'iam:ListUsers')).toBe(true);
    expect(await allowed(caller, 'iam:ListRoles')).toBe(false); // the session policy does not allow it
    expect(await allowed(caller, 'iam:CreateUser')).toBe(false); // the user does not
  });

  it('a federated user without session policies may do nothing; one of the root user is bound by its policy alone', async () => {
    expect(await allowed(federated(session({ sessionName: 'p', user: { id: user.id, name: 'erin' } })), 'iam:ListUsers')).toBe(false);
    const ofRoot = federated(session({ sessionName: 'r', policy: allow('iam:CreateUser') }));
    expect(await allowed(ofRoot, 'iam:CreateUser')).toBe(true);
    expect(await allowed(ofRoot, 'iam:ListUsers')).toBe(false);
  });

  it("a role session has the role's policies within its boundary, and nothing once the role is gone", async () => {
    const claims = session({ kind: 'AssumedRole', sessionName: 's', role: { id: role.id, name: 'ops', path: '/', arn: role.arn } });
    const caller: Caller = {
      accountId: ACCT,
      principal: { type: 'AssumedRole', arn: `arn:aws:sts::${ACCT}:assumed-role/ops/s`, account: ACCT, roleArn: role.arn },
      userId: `${role.id}:s`,
      accessKeyId: 'ASIA',
      session: claims,
      role,
    };
    expect(await allowed(caller, 'iam:GetRole')).toBe(true);
    expect(await allowed(caller, 'iam:ListRoles')).toBe(false); // outside the boundary
    expect(await allowed(caller, 'iam:ListUsers')).toBe(false); // not the role's
    const { role: _gone, ...deleted } = caller;
    expect(await allowed(deleted, 'iam:GetRole')).toBe(false);
  });

  it('a managed session policy that no longer exists leaves the session nothing', async () => {
    const claims = session({ kind: 'AssumedRole', sessionName: 's', role: { id: role.id, name: 'ops', path: '/', arn: role.arn }, policyArns: [`arn:aws:iam::${ACCT}:policy/deleted`] });
    const caller: Caller = {
      accountId: ACCT,
      principal: { type: 'AssumedRole', arn: `arn:aws:sts::${ACCT}:assumed-role/ops/s`, account: ACCT, roleArn: role.arn },
      userId: `${role.id}:s`,
      accessKeyId: 'ASIA',
      session: claims,
      role,
    };
    expect(await allowed(caller, 'iam:GetRole')).toBe(false);
  });
});

describe('caller policies read from the entity as it is now', () => {
  // The caller may have been resolved before a write (the server's caches key what is loaded
  // here by the generation read at the start of the request).
  it("takes the user's boundary and name from the store, not from the resolved caller", async () => {
    const stale: Caller = { accountId: ACCT, principal: { type: 'User', arn: user.arn, account: ACCT }, userId: user.id, user, accessKeyId: 'AKIA' };
    expect(await allowed(stale, 'iam:ListUsers')).toBe(true);
    await store.write((tx) => tx.users.update({ ...user, permissionsBoundaryArn: `arn:aws:iam::${ACCT}:policy/bound` }));
    try {
      // The caller object still has no boundary; the boundary (GetRole only) applies anyway.
      expect(await allowed(stale, 'iam:ListUsers')).toBe(false);
    } finally {
      await store.write((tx) => tx.users.update(user));
    }
    // Renamed: its policies follow its id; a new user under the old name lends it nothing.
    await store.write(async (tx) => {
      await tx.users.update({ ...user, name: 'erin-renamed', arn: `${user.arn}-renamed` });
      await tx.inlinePolicies.put({ accountId: ACCT, ownerKind: 'user', ownerName: 'erin-renamed', policyName: 'q', document: allow('iam:GetUser') });
      await tx.users.insert(makeUser(ACCT, 'erin'));
      await tx.inlinePolicies.put({ accountId: ACCT, ownerKind: 'user', ownerName: 'erin', policyName: 'p', document: allow('iam:DeleteUser') });
    });
    expect(await allowed(stale, 'iam:DeleteUser')).toBe(false);
    expect(await allowed(stale, 'iam:GetUser')).toBe(true);
  });

  it("a federated user whose issuing user is gone may do nothing (never the root user's rights)", async () => {
    const orphan = federated(session({ sessionName: 'o', user: { id: 'AIDAGONEGONEGONEGONE', name: 'gone' }, policy: allow('iam:CreateUser') }));
    expect(await allowed(orphan, 'iam:CreateUser')).toBe(false);
  });
});
