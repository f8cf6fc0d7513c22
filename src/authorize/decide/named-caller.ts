// The caller for a subject named rather than proven (AuthZEN): an IAM user, a role (decided as
// a session of that role with no session policies), or an account's root user, as they exist
// in the store now. The asking gateway is trusted to have authenticated the subject.

import type { Caller } from '../../auth/caller.js';
import { assumedRoleArn, rootArn } from '../../domain/arn.js';
import type { Store } from '../../storage/ports.js';

const ENTITY = /^arn:aws:iam::(\d{12}):(user|role)(?:\/(?:[^/]*\/)*)?([^/]+)$/;
const ROOT = /^arn:aws:iam::(\d{12}):root$/;
/** The session name a named role subject is decided under. */
export const NAMED_ROLE_SESSION = 'authzen';

/** The caller, or undefined when the ARN names no user, role or root user Keyward has. */
export async function namedCaller(store: Pick<Store, 'read'>, arn: string, now: Date): Promise<Caller | undefined> {
  const root = ROOT.exec(arn);
  if (root !== null) {
    const account = root[1] ?? '';
    const exists = await store.read((tx) => tx.accounts.get(account));
    if (exists === undefined) return undefined;
    return { accountId: account, principal: { type: 'Root', arn: rootArn(account), account }, userId: account, accessKeyId: '' };
  }
  const m = ENTITY.exec(arn);
  if (m === null) return undefined;
  const [, account = '', kind, name = ''] = m;
  if (kind === 'user') {
    const user = await store.read((tx) => tx.users.get(account, name));
    if (user === undefined || user.arn !== arn) return undefined;
    return { accountId: account, principal: { type: 'User', arn: user.arn, account }, userId: user.id, user, accessKeyId: '' };
  }
  const role = await store.read((tx) => tx.roles.get(account, name));
  if (role === undefined || role.arn !== arn) return undefined;
  const seconds = Math.floor(now.getTime() / 1000);
  return {
    accountId: account,
    principal: { type: 'AssumedRole', arn: assumedRoleArn(account, role.name, NAMED_ROLE_SESSION), account, roleArn: role.arn },
    userId: `${role.id}:${NAMED_ROLE_SESSION}`,
    accessKeyId: '',
    role,
    principalTags: role.tags,
    // A stand-in session (never sealed, never returned): how caller-policies.ts finds a role's policies.
    session: {
      kind: 'AssumedRole',
      accountId: account,
      accessKeyId: '',
      secretAccessKey: '',
      issuedAt: seconds,
      expiresAt: seconds + 3600,
      role: { id: role.id, name: role.name, path: role.path, arn: role.arn },
      sessionName: NAMED_ROLE_SESSION,
      tags: [],
      transitiveTagKeys: [],
      policyArns: [],
    },
  };
}
