// What the vault keeps, over any SecretStore: a profile's long-term key (`key/PROFILE`) and cached
// temporary sessions (`session/NAME`). Items are JSON; unknown or damaged items are skipped.

import type { SecretStore } from './secret-store.js';

export interface LongTermKey {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** ISO time the key was stored. */
  readonly addedAt: string;
}

export interface TemporaryCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: Date;
}

export interface CachedSession {
  /** The cache entry's name: what the session came from (see credential-chain.ts). */
  readonly name: string;
  /** The profile whose stored key the session came from, so `remove` and `rotate` can drop it. */
  readonly sourceProfile: string;
  readonly credentials: TemporaryCredentials;
}

const KEY_PREFIX = 'key/';
const SESSION_PREFIX = 'session/';

export class VaultRecords {
  constructor(readonly store: SecretStore) {}

  async getKey(profile: string): Promise<LongTermKey | undefined> {
    const text = await this.store.get(KEY_PREFIX + profile);
    if (text === undefined) return undefined;
    const value = safeJson(text) as Partial<LongTermKey> | undefined;
    if (typeof value?.accessKeyId !== 'string' || typeof value.secretAccessKey !== 'string') return undefined;
    return { accessKeyId: value.accessKeyId, secretAccessKey: value.secretAccessKey, addedAt: String(value.addedAt ?? '') };
  }

  /** Stores the key and drops the sessions made from the profile's previous key, in one step. */
  async putKey(profile: string, key: LongTermKey): Promise<void> {
    const changes = new Map<string, string | undefined>([[KEY_PREFIX + profile, JSON.stringify(key)]]);
    for (const session of await this.sessions()) if (session.sourceProfile === profile) changes.set(SESSION_PREFIX + session.name, undefined);
    await this.store.update(changes);
  }

  async profiles(): Promise<string[]> {
    return (await this.store.keys()).filter((k) => k.startsWith(KEY_PREFIX)).map((k) => k.slice(KEY_PREFIX.length));
  }

  async getSession(name: string): Promise<CachedSession | undefined> {
    const text = await this.store.get(SESSION_PREFIX + name);
    return text === undefined ? undefined : parseSession(name, text);
  }

  async putSession(session: CachedSession): Promise<void> {
    await this.store.set(
      SESSION_PREFIX + session.name,
      JSON.stringify({ sourceProfile: session.sourceProfile, ...session.credentials, expiration: session.credentials.expiration.toISOString() }),
    );
  }

  async sessions(): Promise<CachedSession[]> {
    const out: CachedSession[] = [];
    for (const key of await this.store.keys()) {
      if (!key.startsWith(SESSION_PREFIX)) continue;
      const text = await this.store.get(key);
      const session = text === undefined ? undefined : parseSession(key.slice(SESSION_PREFIX.length), text);
      if (session !== undefined) out.push(session);
    }
    return out;
  }

  /** Deletes the cached sessions (all, or those made from one profile's key or for that profile); returns how many. */
  async clearSessions(sourceProfile?: string): Promise<number> {
    const keys = (await this.store.keys()).filter((k) => k.startsWith(SESSION_PREFIX));
    const changes = new Map<string, string | undefined>();
    for (const key of keys) {
      if (sourceProfile !== undefined) {
        const text = await this.store.get(key);
        const session = text === undefined ? undefined : parseSession(key.slice(SESSION_PREFIX.length), text);
        const name = key.slice(SESSION_PREFIX.length);
        if (session !== undefined && session.sourceProfile !== sourceProfile && !name.startsWith(`${sourceProfile}/`)) continue;
      }
      changes.set(key, undefined);
    }
    if (changes.size > 0) await this.store.update(changes);
    return changes.size;
  }

  async removeKey(profile: string): Promise<boolean> {
    await this.clearSessions(profile);
    return this.store.delete(KEY_PREFIX + profile);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function parseSession(name: string, text: string): CachedSession | undefined {
  const v = safeJson(text) as Record<string, unknown> | undefined;
  if (v === undefined || v === null || typeof v !== 'object') return undefined;
  const { sourceProfile, accessKeyId, secretAccessKey, sessionToken, expiration } = v;
  if ([sourceProfile, accessKeyId, secretAccessKey, sessionToken, expiration].some((x) => typeof x !== 'string')) return undefined;
  const expires = new Date(expiration as string);
  if (Number.isNaN(expires.getTime())) return undefined;
  return {
    name,
    sourceProfile: sourceProfile as string,
    credentials: { accessKeyId: accessKeyId as string, secretAccessKey: secretAccessKey as string, sessionToken: sessionToken as string, expiration: expires },
  };
}
