// First start of a store: the account, the root user's access key (printed once, or
// taken from the environment) and the AWS managed policy catalogue.

import type { SecretBox } from '../auth/secret-box.js';
import { AWS_MANAGED_ACCOUNT } from '../domain/entities.js';
import { listAwsManagedPolicies } from '../domain/aws-managed/catalogue.js';
import { newAccessKeyId, newAccountId, newSecretAccessKey } from '../domain/ids.js';
import type { Random } from '../domain/random.js';
import type { Store } from '../storage/ports.js';
import { EntityAlreadyExistsError } from '../storage/errors.js';

export interface BootstrapOptions {
  readonly accountId?: string;
  readonly rootAccessKeyId?: string;
  readonly rootSecretAccessKey?: string;
  readonly now: Date;
  readonly random: Random;
  readonly secrets: SecretBox;
}

export interface BootstrapResult {
  readonly accountId: string;
  /** Present only when this start created the root key itself: print it once. */
  readonly createdRootKey?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

export async function bootstrap(store: Store, options: BootstrapOptions): Promise<BootstrapResult> {
  // Several nodes may start together on one empty database: whoever loses a race
  // finds the winner's rows on the next try.
  for (let attempt = 0; ; attempt++) {
    try {
      await seedAwsManagedPolicies(store);
      return await createAccount(store, options);
    } catch (error) {
      if (!(error instanceof EntityAlreadyExistsError) || attempt >= 2) throw error;
    }
  }
}

async function createAccount(store: Store, options: BootstrapOptions): Promise<BootstrapResult> {
  return store.write(async (tx) => {
    const existing = (await tx.accounts.list({ limit: 1 })).items[0];
    // The root key is set up once, with the account: a later start never brings back a key
    // that was rotated out with DeleteAccessKey.
    if (existing !== undefined) return { accountId: existing.id };
    const accountId = options.accountId ?? newAccountId(options.random);
    await tx.accounts.insert({ id: accountId, createdAt: options.now, settings: {} });
    const { rootAccessKeyId: givenId, rootSecretAccessKey: givenSecret } = options;
    if (givenId !== undefined && givenSecret !== undefined) {
      await tx.accessKeys.insert({
        accountId,
        accessKeyId: givenId,
        userName: null,
        secretCiphertext: options.secrets.seal(givenSecret, `access-key:${givenId}`),
        status: 'Active',
        createDate: options.now,
      });
      return { accountId };
    }
    const accessKeyId = newAccessKeyId('AKIA', options.random, { accountId });
    const secretAccessKey = newSecretAccessKey(options.random);
    await tx.accessKeys.insert({
      accountId,
      accessKeyId,
      userName: null,
      secretCiphertext: options.secrets.seal(secretAccessKey, `access-key:${accessKeyId}`),
      status: 'Active',
      createDate: options.now,
    });
    return { accountId, createdRootKey: { accessKeyId, secretAccessKey } };
  });
}

/** Loads the catalogue into the store once; later starts find it there. */
export async function seedAwsManagedPolicies(store: Store): Promise<void> {
  const present = await store.read(async (tx) => (await tx.policies.list({ accountId: AWS_MANAGED_ACCOUNT, scope: 'AWS', limit: 1 })).items.length);
  if (present > 0) return;
  const catalogue = listAwsManagedPolicies();
  await store.write(async (tx) => {
    for (const p of catalogue) {
      await tx.policies.insert({
        accountId: AWS_MANAGED_ACCOUNT,
        id: p.policyId,
        name: p.policyName,
        path: p.path,
        arn: p.arn,
        createDate: new Date(p.createDate),
        updateDate: new Date(p.updateDate),
        defaultVersionId: p.defaultVersionId,
        tags: [],
        isAttachable: p.isAttachable,
        ...(p.description !== undefined && { description: p.description }),
      });
      await tx.policies.versions.insert({
        policyArn: p.arn,
        versionId: p.defaultVersionId,
        document: p.document,
        isDefault: true,
        createDate: new Date(p.updateDate),
      });
    }
  });
}
