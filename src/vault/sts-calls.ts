// The two STS calls the vault makes (GetSessionToken, AssumeRole), through the AWS SDK against
// any endpoint. The client signs on the vault's clock, so an injected clock is honoured end to end.

import type { Credentials, STSClient } from '@aws-sdk/client-sts';
import type { TemporaryCredentials } from './vault-records.js';
import { VaultError } from './vault-error.js';

export interface KeyPair {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface StsTarget {
  readonly region: string;
  readonly endpointUrl?: string;
  readonly clock: () => Date;
}

export interface MfaInput {
  readonly serialNumber: string;
  readonly tokenCode: string;
}

export interface AssumeRoleInput {
  readonly roleArn: string;
  readonly roleSessionName: string;
  readonly externalId?: string;
  readonly durationSeconds?: number;
  readonly mfa?: MfaInput;
}

export interface StsCalls {
  getSessionToken(key: KeyPair, input: { durationSeconds?: number; mfa?: MfaInput }): Promise<TemporaryCredentials>;
  assumeRole(key: KeyPair, input: AssumeRoleInput): Promise<TemporaryCredentials>;
}

/** The SDK is loaded on the first STS call: an `exec` served from the cache never pays for it. */
export function loadSts(): Promise<typeof import('@aws-sdk/client-sts')> {
  return import('@aws-sdk/client-sts');
}

export async function stsClient(target: StsTarget, key: KeyPair): Promise<STSClient> {
  const { STSClient } = await loadSts();
  return new STSClient({
    region: target.region,
    ...(target.endpointUrl !== undefined && { endpoint: target.endpointUrl }),
    credentials: key,
    // An MFA code is good once: a retried call would spend it and fail for the wrong reason.
    maxAttempts: 1,
    systemClockOffset: target.clock().getTime() - Date.now(),
  });
}

export function sdkStsCalls(target: StsTarget): StsCalls {
  return {
    async getSessionToken(key, input) {
      const { GetSessionTokenCommand } = await loadSts();
      const client = await stsClient(target, key);
      const out = await call('GetSessionToken', () =>
        client.send(
          new GetSessionTokenCommand({
            ...(input.durationSeconds !== undefined && { DurationSeconds: input.durationSeconds }),
            ...(input.mfa !== undefined && { SerialNumber: input.mfa.serialNumber, TokenCode: input.mfa.tokenCode }),
          }),
        ),
      );
      return temporary('GetSessionToken', out.Credentials);
    },
    async assumeRole(key, input) {
      const { AssumeRoleCommand } = await loadSts();
      const client = await stsClient(target, key);
      const out = await call('AssumeRole', () =>
        client.send(
          new AssumeRoleCommand({
            RoleArn: input.roleArn,
            RoleSessionName: input.roleSessionName,
            ...(input.externalId !== undefined && { ExternalId: input.externalId }),
            ...(input.durationSeconds !== undefined && { DurationSeconds: input.durationSeconds }),
            ...(input.mfa !== undefined && { SerialNumber: input.mfa.serialNumber, TokenCode: input.mfa.tokenCode }),
          }),
        ),
      );
      return temporary('AssumeRole', out.Credentials);
    },
  };
}

/** The SDK's error, reduced to its AWS code and message (neither carries a secret). */
export async function call<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const e = error as { name?: string; message?: string };
    throw new VaultError(`${operation} failed: ${e.name ?? 'Error'}: ${e.message ?? String(error)}`);
  }
}

function temporary(operation: string, c: Credentials | undefined): TemporaryCredentials {
  if (c?.AccessKeyId === undefined || c.SecretAccessKey === undefined || c.SessionToken === undefined || c.Expiration === undefined) {
    throw new VaultError(`${operation} answered without credentials`);
  }
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
}
