// The one suite every Store backend must pass (run by sqlite/ and postgres/ tests), so the
// backends cannot drift: same answers, same errors, same transaction guarantees.
import { afterAll, beforeAll, describe } from 'vitest';
import type { Store } from '../ports.js';
import { accessKeyCases } from './access-keys.case.js';
import { accountCases } from './accounts.case.js';
import { attachmentCases } from './attachments.case.js';
import { batchReadCases } from './batch-reads.case.js';
import { auditCases } from './audit.case.js';
import { groupMemberCases } from './groups.case.js';
import { makeServerCertificate } from './credential-builders.js';
import { lazyHarness, makeGroup, makeInstanceProfile, makeRole, makeUser, at, TAGS, TRICKY_DOCUMENT } from './harness.js';
import { inlinePolicyCases } from './inline-policies.case.js';
import { instanceProfileRoleCases } from './instance-profiles.case.js';
import { loginProfileCases } from './login-profiles.case.js';
import { mfaDeviceCases } from './mfa-devices.case.js';
import { namedEntityCases } from './named-entities.case.js';
import { policyCases } from './policies.case.js';
import { providerCases } from './providers.case.js';
import { accessAdvisorCases } from './access-advisor.case.js';
import { analyzerCases } from './analyzers.case.js';
import { generationCases } from './generation.case.js';
import { eventsCases } from './events.case.js';
import { healthCases } from './health.case.js';
import { reportCases } from './reports.case.js';
import { roleCases } from './roles.case.js';
import { serviceDefinitionCases } from './service-definitions.case.js';
import { rootAccountCases } from './root-account.case.js';
import { consoleExplanationCases } from './console-explanations.case.js';
import { transactionCases } from './transactions.case.js';
import { userCredentialCases } from './user-credentials.case.js';
import { userCases } from './users.case.js';
import { policyGenerationCases } from './policy-generations.case.js';

/**
 * Registers the suite. `open` is called before the tests and must give a store on an empty or
 * previously used database (tests only touch accounts they create); cases call it again for a
 * second store on the same database. `cleanup` runs after the stores are closed.
 */
export function describeStoreConformance(
  name: string,
  open: () => Promise<Store>,
  cleanup: () => Promise<void> = async () => undefined,
): void {
  describe(`Store conformance: ${name}`, () => {
    let store: Store | undefined;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
      await cleanup();
    });
    const h = lazyHarness(() => store, open);

    namedEntityCases(h, {
      kind: 'user',
      repo: (tx) => tx.users,
      make: (account, name, path) =>
        makeUser(account, name, {
          ...(path ? { path } : {}),
          permissionsBoundaryArn: `arn:aws:iam::${account}:policy/boundary`,
          tags: TAGS,
          passwordLastUsed: at(30),
        }),
      // Clears the boundary: update() must write absent optional fields as absent.
      change: ({ permissionsBoundaryArn: _cleared, ...u }, name) => ({
        ...u,
        name,
        path: '/moved/',
        arn: `${u.arn}-moved`,
        tags: [{ key: 'k', value: 'v' }],
        passwordLastUsed: at(99),
      }),
    });
    namedEntityCases(h, {
      kind: 'group',
      repo: (tx) => tx.groups,
      make: (account, name, path) => makeGroup(account, name, path ? { path } : {}),
      change: (g, name) => ({ ...g, name, path: '/moved/', arn: `${g.arn}-moved` }),
    });
    namedEntityCases(h, {
      kind: 'role',
      repo: (tx) => tx.roles,
      make: (account, name, path) =>
        makeRole(account, name, {
          ...(path ? { path } : {}),
          assumeRolePolicyDocument: TRICKY_DOCUMENT,
          description: 'Deploys — everything ✓',
          maxSessionDuration: 43200,
          permissionsBoundaryArn: `arn:aws:iam::${account}:policy/boundary`,
          tags: TAGS,
          lastUsed: { date: at(5), region: 'ap-southeast-2' },
        }),
      change: ({ description: _d, permissionsBoundaryArn: _b, ...r }, name) => ({
        ...r,
        name,
        path: '/moved/',
        arn: `${r.arn}-moved`,
        assumeRolePolicyDocument: '{}',
        maxSessionDuration: 7200,
        tags: [],
        lastUsed: { date: at(6), region: 'us-west-2' },
      }),
    });
    namedEntityCases(h, {
      kind: 'instance-profile',
      repo: (tx) => tx.instanceProfiles,
      make: (account, name, path) => makeInstanceProfile(account, name, { ...(path ? { path } : {}), tags: TAGS }),
      change: (p, name) => ({ ...p, name, path: '/moved/', arn: `${p.arn}-moved`, tags: [] }),
    });
    namedEntityCases(h, {
      kind: 'server-certificate',
      repo: (tx) => tx.serverCertificates,
      make: (account, name, path) => makeServerCertificate(account, name, path ? { path } : {}),
      // The certificate, chain, key and dates are immutable: UpdateServerCertificate renames.
      change: (c, name) => ({ ...c, name, path: '/moved/', arn: `${c.arn}-moved`, tags: [] }),
    });

    accountCases(h);
    userCases(h);
    groupMemberCases(h);
    roleCases(h);
    instanceProfileRoleCases(h);
    policyCases(h);
    attachmentCases(h);
    batchReadCases(h);
    inlinePolicyCases(h);
    accessKeyCases(h);
    loginProfileCases(h);
    mfaDeviceCases(h);
    userCredentialCases(h);
    providerCases(h);
    accessAdvisorCases(h);
    reportCases(h);
    transactionCases(h);
    generationCases(h);
    healthCases(h);
    serviceDefinitionCases(h);
    policyGenerationCases(h);
    rootAccountCases(h);
    consoleExplanationCases(h);
    auditCases(h);
    eventsCases(h);
    analyzerCases(h);
  });
}
