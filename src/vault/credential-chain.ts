// From a profile name to credentials a program can use: stored key -> GetSessionToken (with
// MFA when mfa_serial is set) -> AssumeRole for each role profile in the chain. Each session is
// cached in the vault and reused until REFRESH_MARGIN_MS before it expires.

import { createHash } from 'node:crypto';
import type { IniSections } from './ini.js';
import { profileChain, type Profile } from './profiles.js';
import type { KeyPair, MfaInput, StsCalls, StsTarget } from './sts-calls.js';
import type { CachedSession, TemporaryCredentials, VaultRecords } from './vault-records.js';
import { VaultError } from './vault-error.js';

/** Sessions closer than this to their expiry are replaced, so a program never starts with a dying one. */
export const REFRESH_MARGIN_MS = 5 * 60 * 1000;
/** GetSessionToken's length under a role profile: one MFA prompt a working day, as users of such tools expect. */
export const BASE_SESSION_SECONDS = 8 * 3600;
export const DEFAULT_REGION = 'us-east-1';

export interface ResolvedCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

export interface Resolution {
  readonly profile: string;
  readonly credentials: ResolvedCredentials;
  readonly region: string;
  readonly endpointUrl?: string;
}

export interface ResolveOptions {
  readonly records: VaultRecords;
  readonly config: IniSections;
  readonly profile: string;
  readonly clock: () => Date;
  /** Makes the STS calls for one endpoint (the SDK by default). */
  readonly sts: (target: StsTarget) => StsCalls;
  readonly endpointUrl?: string;
  readonly region?: string;
  readonly durationSeconds?: number;
  /** Hand out the stored key (no profile role) or assume the role with it, without GetSessionToken. */
  readonly noSession?: boolean;
  /** The MFA code: asked only when an STS call needs one. */
  readonly mfaToken: (serial: string) => Promise<string>;
}

/** Settings inherited along the chain: the target profile's own value, else the nearest source's. */
function inherited<K extends keyof Profile>(chain: readonly Profile[], key: K): Profile[K] | undefined {
  for (let i = chain.length - 1; i >= 0; i -= 1) {
    const value = chain[i]?.[key];
    if (value !== undefined) return value;
  }
  return undefined;
}

function fingerprint(...parts: readonly (string | number | undefined)[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 12);
}

export async function resolveCredentials(options: ResolveOptions): Promise<Resolution> {
  const { records, clock } = options;
  const chain = profileChain(options.config, options.profile);
  const source = chain[0];
  if (source === undefined) throw new VaultError(`profile '${options.profile}' resolves to nothing`);
  const key = await records.getKey(source.name);
  if (key === undefined) throw new VaultError(`no key stored for profile '${source.name}'; run 'keyward vault add ${source.name}'`);
  const region = options.region ?? inherited(chain, 'region') ?? DEFAULT_REGION;
  const endpointUrl = options.endpointUrl ?? inherited(chain, 'endpointUrl');
  const target: StsTarget = { region, clock, ...(endpointUrl !== undefined && { endpointUrl }) };
  const sts = options.sts(target);
  const roles = chain.filter((p) => p.roleArn !== undefined);
  const mfaSerial = inherited(chain, 'mfaSerial');
  const done = (credentials: ResolvedCredentials): Resolution => ({
    profile: options.profile,
    credentials,
    region,
    ...(endpointUrl !== undefined && { endpointUrl }),
  });

  const fresh = (s: CachedSession | undefined): s is CachedSession =>
    s !== undefined && s.credentials.expiration.getTime() - clock().getTime() > REFRESH_MARGIN_MS;
  const cached = async (name: string, make: () => Promise<TemporaryCredentials>): Promise<TemporaryCredentials> => {
    const hit = await records.getSession(name);
    if (fresh(hit)) return hit.credentials;
    const credentials = await make();
    await records.putSession({ name, sourceProfile: source.name, credentials });
    return credentials;
  };
  const mfa = async (): Promise<MfaInput | undefined> =>
    mfaSerial === undefined ? undefined : { serialNumber: mfaSerial, tokenCode: await options.mfaToken(mfaSerial) };

  if (options.noSession === true && roles.length === 0) return done({ accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey });

  // The base: the stored key itself (--no-session) or a GetSessionToken session made with it.
  const base = async (): Promise<KeyPair> => {
    if (options.noSession === true) return key;
    const duration = roles.length === 0 ? (options.durationSeconds ?? inherited(chain, 'durationSeconds')) : BASE_SESSION_SECONDS;
    const name = `${source.name}/${fingerprint('GetSessionToken', key.accessKeyId, mfaSerial, endpointUrl, duration)}`;
    return cached(name, async () => {
      const m = await mfa();
      return sts.getSessionToken(key, { ...(duration !== undefined && { durationSeconds: duration }), ...(m !== undefined && { mfa: m }) });
    });
  };
  if (roles.length === 0) return done((await base()) as TemporaryCredentials);

  // Role i is assumed with role i-1's session (or the base). Looked up from the target down, so
  // a fresh role session is used without touching the sessions beneath it.
  const assumed = async (index: number): Promise<TemporaryCredentials> => {
    const role = roles[index] as Profile & { roleArn: string };
    const isTarget = index === roles.length - 1;
    const duration = isTarget ? (options.durationSeconds ?? role.durationSeconds) : role.durationSeconds;
    const path = roles.slice(0, index + 1).map((r) => [r.roleArn, r.externalId, r.roleSessionName]);
    const name = `${role.name}/${fingerprint('AssumeRole', key.accessKeyId, mfaSerial, options.noSession === true ? 'direct' : 'session', endpointUrl, duration, JSON.stringify(path))}`;
    return cached(name, async () => {
      const from = index === 0 ? await base() : await assumed(index - 1);
      // Without a GetSessionToken session in between, the MFA code goes with the first AssumeRole.
      const m = index === 0 && options.noSession === true ? await mfa() : undefined;
      return sts.assumeRole(from, {
        roleArn: role.roleArn,
        roleSessionName: role.roleSessionName ?? `keyward-vault-${Math.floor(clock().getTime() / 1000)}`,
        ...(role.externalId !== undefined && { externalId: role.externalId }),
        ...(duration !== undefined && { durationSeconds: duration }),
        ...(m !== undefined && { mfa: m }),
      });
    });
  };
  return done(await assumed(roles.length - 1));
}
