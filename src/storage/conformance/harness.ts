// What every conformance case gets: the store under test and builders for entities. Each test
// works in accounts of its own, so tests share one store without seeing each other's rows.
import type {
  AccessKey,
  Group,
  InstanceProfile,
  ManagedPolicy,
  PolicyVersion,
  Role,
  Tag,
  User,
} from '../../domain/entities.js';
import { newAccessKeyId, newAccountId, newUniqueId } from '../../domain/ids.js';
import type { Store } from '../ports.js';

export interface Harness {
  /** The store under test (opened before the first case runs). */
  readonly store: Store;
  /** Inserts a fresh account and returns its id. */
  newAccount(): Promise<string>;
  /** Opens another store on the same database: another process or node. The case closes it. */
  openPeer(): Promise<Store>;
}

/** Millisecond precision on purpose: storage must keep every millisecond. */
export const T0 = new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678));

export function at(offsetSeconds: number): Date {
  return new Date(T0.getTime() + offsetSeconds * 1000);
}

/** Policy text whose bytes must survive: unicode, tabs, CRLF, trailing spaces and a final newline. */
export const TRICKY_DOCUMENT =
  '{\n  "Version": "2012-10-17",\t"Statement": [{"Sid": "Emoji😀", "Effect": "Allow",\r\n' +
  '    "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bücket-日本/*"}]  \n}\n';

export const TAGS: readonly Tag[] = [
  { key: 'team', value: 'Platform' },
  { key: 'Cost Center', value: 'ünïcødé ✓' },
  { key: 'empty', value: '' },
];

const arn = (account: string, kind: string, path: string, name: string): string =>
  `arn:aws:iam::${account}:${kind}${path}${name}`;

export function makeUser(accountId: string, name: string, extra: Partial<User> = {}): User {
  const path = extra.path ?? '/';
  return {
    accountId,
    id: newUniqueId('AIDA'),
    name,
    path,
    arn: arn(accountId, 'user', path, name),
    createDate: T0,
    tags: [],
    ...extra,
  };
}

export function makeGroup(accountId: string, name: string, extra: Partial<Group> = {}): Group {
  const path = extra.path ?? '/';
  return { accountId, id: newUniqueId('AGPA'), name, path, arn: arn(accountId, 'group', path, name), createDate: T0, ...extra };
}

export function makeRole(accountId: string, name: string, extra: Partial<Role> = {}): Role {
  const path = extra.path ?? '/';
  return {
    accountId,
    id: newUniqueId('AROA'),
    name,
    path,
    arn: arn(accountId, 'role', path, name),
    createDate: T0,
    assumeRolePolicyDocument: '{"Version":"2012-10-17","Statement":[]}',
    maxSessionDuration: 3600,
    tags: [],
    ...extra,
  };
}

export function makeInstanceProfile(accountId: string, name: string, extra: Partial<InstanceProfile> = {}): InstanceProfile {
  const path = extra.path ?? '/';
  return {
    accountId,
    id: newUniqueId('AIPA'),
    name,
    path,
    arn: arn(accountId, 'instance-profile', path, name),
    createDate: T0,
    roleNames: [],
    tags: [],
    ...extra,
  };
}

export function makePolicy(accountId: string, name: string, extra: Partial<ManagedPolicy> = {}): ManagedPolicy {
  const path = extra.path ?? '/';
  return {
    accountId,
    id: newUniqueId('ANPA'),
    name,
    path,
    arn: arn(accountId, 'policy', path, name),
    createDate: T0,
    updateDate: T0,
    defaultVersionId: 'v1',
    tags: [],
    isAttachable: true,
    ...extra,
  };
}

export function makeVersion(policyArn: string, versionId: string, extra: Partial<PolicyVersion> = {}): PolicyVersion {
  return {
    policyArn,
    versionId,
    document: `{"Version":"2012-10-17","Statement":[{"Sid":"${versionId}","Effect":"Allow","Action":"*","Resource":"*"}]}`,
    isDefault: false,
    createDate: T0,
    ...extra,
  };
}

export function makeAccessKey(accountId: string, userName: string | null, extra: Partial<AccessKey> = {}): AccessKey {
  return {
    accountId,
    accessKeyId: newAccessKeyId('AKIA'),
    userName,
    secretCiphertext: `ciphertext:${newUniqueId('ANPA')}`,
    status: 'Active',
    createDate: T0,
    ...extra,
  };
}

/** A harness whose store is filled in by beforeAll. */
export function lazyHarness(getStore: () => Store | undefined, openPeer: () => Promise<Store>): Harness {
  return {
    openPeer,
    get store(): Store {
      const store = getStore();
      if (store === undefined) throw new Error('store not opened: open() failed or has not run');
      return store;
    },
    async newAccount() {
      const id = newAccountId();
      await this.store.write((tx) => tx.accounts.insert({ id, createdAt: T0, settings: {} }));
      return id;
    },
  };
}

/** Collects every item of a paginated list by following nextAfter. */
export async function collectPages<T>(
  fetch: (after: string | undefined) => Promise<{ items: readonly T[]; nextAfter?: string }>,
  maxPages = 100,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let after: string | undefined;
  for (let pages = 1; pages <= maxPages; pages += 1) {
    const page = await fetch(after);
    items.push(...page.items);
    if (page.nextAfter === undefined) return { items, pages };
    after = page.nextAfter;
  }
  throw new Error('pagination did not end');
}
