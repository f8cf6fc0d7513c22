// What every signed request needs before its action runs, kept between requests: the access
// key's decrypted secret and owner, the caller's user or role, and the caller's compiled
// identity policies, boundary and session policies. Every entry belongs to one store generation
// (Store.generation): any committed write, on this node at once and on other nodes sharing
// PostgreSQL as soon as its notification arrives, empties the caches, so a deactivated key, a
// detached policy or a deleted user takes effect on the next request.

import type { Caller } from '../auth/caller.js';
import type { SecretBox } from '../auth/secret-box.js';
import { hasSessionPolicies } from '../auth/session-claims.js';
import type { Role, User } from '../domain/entities.js';
import type { PolicySet } from '../policy/authorize/policy-set.js';
import type { CompiledPolicy } from '../policy/evaluate/compile-policy.js';
import { identityPolicies, identityPolicySource } from '../services/caller-policies.js';
import { sessionPolicies } from '../services/sts/session-policies.js';
import type { Store } from '../storage/ports.js';
import type { CacheName } from '../observability/metrics.js';
import { GenerationCache, type GenerationCacheOptions } from './generation-cache.js';
import {
  resolveCaller,
  storeCredentials,
  type CallerRecord,
  type CredentialLookup,
  type EntitySource,
} from './resolve-caller.js';

export interface CallerCacheOptions {
  /** Entries per cache (keys, users, roles, policy sets); 0 turns caching off. Default 10,000. */
  readonly maxEntries?: number;
  /** Longest an entry is used, whatever the generation. Default 60 s. */
  readonly maxAgeMs?: number;
  /** Told of every lookup's hit or miss, per cache (the server's metrics). */
  readonly onLookup?: (cache: CacheName, hit: boolean) => void;
}

/**
 * A request reads the generation once, after Store.syncGeneration, and passes it to every
 * call: everything it caches is then read after that generation was current, so nothing
 * loaded before a write is kept under a generation after it.
 */
export interface Callers extends CredentialLookup {
  /** The caller behind verified credentials (resolve-caller.ts), from cached users and roles. */
  resolve(record: CallerRecord, generation: number): Promise<Caller>;
  /** What the engine evaluates for the caller (caller-policies.ts). */
  policies(caller: Caller, generation: number): Promise<PolicySet>;
}

export function createCallers(store: Store, secrets: SecretBox, options: CallerCacheOptions = {}): Callers {
  const cacheOptions = (name: CacheName): GenerationCacheOptions => {
    const onLookup = options.onLookup;
    return {
      maxEntries: options.maxEntries ?? 10_000,
      maxAgeMs: options.maxAgeMs ?? 60_000,
      ...(onLookup !== undefined && { onLookup: (hit: boolean) => onLookup(name, hit) }),
    };
  };
  const keys = new GenerationCache<CallerRecord>(cacheOptions('access_keys'));
  const users = new GenerationCache<User | undefined>(cacheOptions('users'));
  const roles = new GenerationCache<Role | undefined>(cacheOptions('roles'));
  const identity = new GenerationCache<PolicySet>(cacheOptions('identity_policies'));
  const sessions = new GenerationCache<readonly CompiledPolicy[] | undefined>(cacheOptions('session_policies'));
  const lookup = storeCredentials(store, secrets);

  const entities = (generation: number): EntitySource => ({
    user: (accountId, name) =>
      users.through(`${accountId}\0${name.toLowerCase()}`, generation, () => store.read((tx) => tx.users.get(accountId, name))),
    role: (accountId, name) =>
      roles.through(`${accountId}\0${name.toLowerCase()}`, generation, () => store.read((tx) => tx.roles.get(accountId, name))),
  });

  return {
    async lookup(accessKeyId, lookupOptions = {}) {
      // Temporary credentials carry their secret in the token; only long-term keys are stored.
      if (!accessKeyId.startsWith('AKIA') || lookupOptions.securityToken !== undefined) return lookup.lookup(accessKeyId, lookupOptions);
      const generation = lookupOptions.generation ?? store.generation();
      const hit = keys.get(accessKeyId, generation);
      if (hit !== undefined) return hit;
      const record = await lookup.lookup(accessKeyId, lookupOptions);
      // Unknown and inactive keys are not kept: they would only let strangers fill the cache.
      if (record !== undefined) keys.set(accessKeyId, generation, record);
      return record;
    },

    resolve: (record, generation) => resolveCaller(entities(generation), record),

    async policies(caller, generation) {
      const source = identityPolicySource(caller);
      const base =
        source === undefined
          ? await store.read((tx) => identityPolicies(tx, caller))
          : await identity.through(source, generation, () => store.read((tx) => identityPolicies(tx, caller)));
      const claims = caller.session;
      if (claims === undefined || (!hasSessionPolicies(claims) && claims.kind !== 'FederatedUser')) return base;
      const sessionKey = [claims.kind, claims.policy ?? '', ...claims.policyArns].join('\0');
      const limits = await sessions.through(sessionKey, generation, () => store.read((tx) => sessionPolicies(tx, claims)));
      return limits === undefined ? base : { ...base, session: limits };
    },
  };
}
