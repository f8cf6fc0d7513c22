// Fuzz support: the account's state as the API shows it (authorization details, the entity
// lists, and per-entity reads), so a test can assert that a failed request changed nothing.

import { ROOT_KEY } from '../../support/server.js';
import { callAction, type FuzzParam } from './fuzz-wire.js';
import type { ServiceName } from '../../../src/protocol/model/service-model.js';

export interface Read {
  readonly service?: ServiceName;
  readonly action: string;
  readonly params?: Readonly<Record<string, string>>;
}

/** What every snapshot reads: AWS managed policies are left out (1,600 of them, never changed). */
export const ACCOUNT_READS: readonly Read[] = [
  {
    action: 'GetAccountAuthorizationDetails',
    params: { 'Filter.member.1': 'User', 'Filter.member.2': 'Group', 'Filter.member.3': 'Role', 'Filter.member.4': 'LocalManagedPolicy' },
  },
  { action: 'ListUsers' },
  { action: 'ListRoles' },
  { action: 'ListGroups' },
  { action: 'ListPolicies', params: { Scope: 'Local' } },
  { action: 'ListInstanceProfiles' },
  { action: 'ListOpenIDConnectProviders' },
  { action: 'ListSAMLProviders' },
  { action: 'ListServerCertificates' },
  { action: 'ListVirtualMFADevices' },
  { action: 'GetAccountPasswordPolicy' },
  { action: 'ListAccountAliases' },
];

const params = (record: Readonly<Record<string, string>>): FuzzParam[] => Object.entries(record).map(([name, value]) => ({ name, value }));

/** Every page of one read, request ids removed; an error answer is part of the state too. */
async function readAll(baseUrl: string, read: Read): Promise<string> {
  const pages: string[] = [];
  let marker: string | undefined;
  do {
    const res = await callAction(baseUrl, ROOT_KEY, read.service ?? 'iam', read.action, [
      ...params(read.params ?? {}),
      { name: 'MaxItems', value: '1000' },
      ...(marker === undefined ? [] : [{ name: 'Marker', value: marker }]),
    ]);
    const text = res.text.replace(/<RequestId>[^<]*<\/RequestId>/g, '');
    pages.push(`${res.status}\n${text}`);
    marker = /<IsTruncated>true<\/IsTruncated>/.test(text) ? /<Marker>([^<]*)<\/Marker>/.exec(text)?.[1] : undefined;
  } while (marker !== undefined && pages.length < 50);
  return pages.join('\n');
}

/** label -> what the read answered, for the account reads and `extra`. */
export async function snapshotAccount(baseUrl: string, extra: readonly Read[] = []): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const read of [...ACCOUNT_READS, ...extra]) {
    out[`${read.action} ${JSON.stringify(read.params ?? {})}`] = await readAll(baseUrl, read);
  }
  return out;
}
