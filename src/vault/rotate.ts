// `rotate PROFILE`: a new access key made with the current one, proven to work, stored (which
// drops the sessions of the old one), and only then the old key deleted with the new one.
// Any failure before the store step leaves the stored key as it was and removes the new key.
// Where the user must use MFA (the profile has mfa_serial), the IAM calls are made with an MFA
// session from GetSessionToken, made once with the current key: a policy that demands
// aws:MultiFactorAuthPresent for iam:CreateAccessKey and iam:DeleteAccessKey then allows both.

import type { IAMClient } from '@aws-sdk/client-iam';
import { call, loadSts, sdkStsCalls, stsClient, type KeyPair, type StsCalls, type StsTarget } from './sts-calls.js';
import type { VaultRecords } from './vault-records.js';
import { VaultError } from './vault-error.js';

export interface RotateOptions {
  readonly records: VaultRecords;
  /** The profile that holds the key (the first of its chain). */
  readonly profile: string;
  readonly target: StsTarget;
  /** How often and how long apart a new key is tried before giving up (AWS takes seconds to accept one). */
  readonly verifyAttempts?: number;
  readonly verifyDelayMs?: number;
  /** Set when the IAM calls need MFA: the device's serial and the code (asked only then). */
  readonly mfa?: { readonly serialNumber: string; readonly tokenCode: () => Promise<string> };
  /** Makes the GetSessionToken call of an MFA rotation (the SDK by default). */
  readonly sts?: (target: StsTarget) => StsCalls;
}

export interface RotateResult {
  readonly oldAccessKeyId: string;
  readonly newAccessKeyId: string;
}

async function iamClient(target: StsTarget, key: KeyPair): Promise<IAMClient> {
  const { IAMClient } = await import('@aws-sdk/client-iam');
  return new IAMClient({
    region: target.region,
    ...(target.endpointUrl !== undefined && { endpoint: target.endpointUrl }),
    credentials: key,
    systemClockOffset: target.clock().getTime() - Date.now(),
  });
}

export async function rotateKey(options: RotateOptions): Promise<RotateResult> {
  const { records, profile, target } = options;
  const old = await records.getKey(profile);
  if (old === undefined) throw new VaultError(`no key stored for profile '${profile}'`);
  const { CreateAccessKeyCommand, DeleteAccessKeyCommand } = await import('@aws-sdk/client-iam');
  const { GetCallerIdentityCommand } = await loadSts();
  // The MFA session is as short as STS allows: it only has to outlive the three IAM calls.
  const caller: KeyPair =
    options.mfa === undefined
      ? old
      : await (options.sts ?? sdkStsCalls)(target).getSessionToken(old, {
          durationSeconds: 900,
          mfa: { serialNumber: options.mfa.serialNumber, tokenCode: await options.mfa.tokenCode() },
        });
  const oldClient = await iamClient(target, caller);
  const created = await call('CreateAccessKey', () => oldClient.send(new CreateAccessKeyCommand({})));
  const made = created.AccessKey;
  if (made?.AccessKeyId === undefined || made.SecretAccessKey === undefined) throw new VaultError('CreateAccessKey answered without a key');
  const fresh: KeyPair = { accessKeyId: made.AccessKeyId, secretAccessKey: made.SecretAccessKey };

  const attempts = options.verifyAttempts ?? 10;
  let lastError: unknown;
  let verified = false;
  for (let i = 0; i < attempts && !verified; i += 1) {
    if (i > 0) await new Promise((r) => setTimeout(r, options.verifyDelayMs ?? 2000));
    try {
      await (await stsClient(target, fresh)).send(new GetCallerIdentityCommand({}));
      verified = true;
    } catch (error) {
      lastError = error;
    }
  }
  if (!verified) {
    await oldClient
      .send(new DeleteAccessKeyCommand({ AccessKeyId: fresh.accessKeyId }))
      .catch(() => undefined);
    const why = lastError instanceof Error ? `${lastError.name}: ${lastError.message}` : String(lastError);
    throw new VaultError(`the new key ${fresh.accessKeyId} did not work (${why}); it was deleted and the stored key is unchanged`);
  }

  await records.putKey(profile, { accessKeyId: fresh.accessKeyId, secretAccessKey: fresh.secretAccessKey, addedAt: target.clock().toISOString() });
  try {
    // Deleted with the new key (proving it works for IAM too), or with the MFA session where MFA is required.
    const deleter = options.mfa === undefined ? await iamClient(target, fresh) : oldClient;
    await deleter.send(new DeleteAccessKeyCommand({ AccessKeyId: old.accessKeyId }));
  } catch (error) {
    const e = error as { name?: string; message?: string };
    throw new VaultError(
      `the new key ${fresh.accessKeyId} is stored, but deleting the old key ${old.accessKeyId} failed (${e.name ?? 'Error'}: ${e.message ?? ''}); delete it yourself`,
    );
  }
  return { oldAccessKeyId: old.accessKeyId, newAccessKeyId: fresh.accessKeyId };
}
