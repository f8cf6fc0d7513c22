// Session tokens: the session's claims as JSON, encrypted and authenticated with AES-256-GCM
// under a key derived (HKDF) from the master key. The key id travels in the token so a
// node can hold several generations while keys rotate (docs/session-tokens.md).

import type { SecretBox } from './secret-box.js';
import { isSessionClaims, type SessionClaims } from './session-claims.js';

const FORMAT = 'KWST1';

export interface SessionTokenKeyOptions {
  /** The generation new tokens are sealed with (default 1). */
  readonly current?: number;
  /** Older (or newer) generations still accepted; the current one always is. */
  readonly accepted?: readonly number[];
}

export type OpenedToken =
  | { readonly ok: true; readonly claims: SessionClaims; readonly keyId: string }
  | { readonly ok: false; readonly reason: 'malformed' | 'unknown-key' | 'tampered' };

export type VerifiedToken =
  | { readonly ok: true; readonly claims: SessionClaims }
  | { readonly ok: false; readonly reason: 'invalid' | 'expired' };

function keyIdFor(generation: number): string {
  if (!Number.isInteger(generation) || generation < 1) throw new RangeError(`session token key generation must be a positive integer: ${generation}`);
  return `g${generation}`;
}

/** The AAD binds each ciphertext to the token format and its key id, so neither can be swapped. */
function context(keyId: string): string {
  return `keyward-session-token:${FORMAT}:${keyId}`;
}

/** The keyring of one node: the generation it seals with and every generation it accepts. */
export class SessionTokenKeys {
  readonly #boxes = new Map<string, SecretBox>();
  readonly #current: string;

  constructor(master: SecretBox, options: SessionTokenKeyOptions = {}) {
    const current = options.current ?? 1;
    for (const generation of new Set([current, ...(options.accepted ?? [])])) {
      this.#boxes.set(keyIdFor(generation), master.derive(`keyward/session-token/${generation}`));
    }
    this.#current = keyIdFor(current);
  }

  get currentKeyId(): string {
    return this.#current;
  }

  /** `KWST1.<keyId>.<sealed claims>`: printable ASCII without `+`, `/` or `=`, so it needs no escaping. */
  seal(claims: SessionClaims): string {
    const box = this.#boxes.get(this.#current)!;
    return `${FORMAT}.${this.#current}.${box.seal(JSON.stringify(claims), context(this.#current))}`;
  }

  open(token: string): OpenedToken {
    const first = token.indexOf('.');
    const second = token.indexOf('.', first + 1);
    if (first < 0 || second < 0 || token.slice(0, first) !== FORMAT) return { ok: false, reason: 'malformed' };
    const keyId = token.slice(first + 1, second);
    const box = this.#boxes.get(keyId);
    if (box === undefined) return { ok: false, reason: 'unknown-key' };
    let json: string;
    try {
      json = box.open(token.slice(second + 1), context(keyId));
    } catch {
      return { ok: false, reason: 'tampered' };
    }
    let claims: unknown;
    try {
      claims = JSON.parse(json);
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    return isSessionClaims(claims) ? { ok: true, claims, keyId } : { ok: false, reason: 'malformed' };
  }

  /**
   * The claims of a token presented with `accessKeyId` at `now`: invalid when it cannot be
   * opened or belongs to another key id, expired once `now` reaches its expiry.
   */
  verify(token: string, accessKeyId: string, now: Date): VerifiedToken {
    const opened = this.open(token);
    if (!opened.ok || opened.claims.accessKeyId !== accessKeyId) return { ok: false, reason: 'invalid' };
    if (now.getTime() >= opened.claims.expiresAt * 1000) return { ok: false, reason: 'expired' };
    return { ok: true, claims: opened.claims };
  }
}

const keyrings = new WeakMap<SecretBox, SessionTokenKeys>();

/** Sets the keyring used with this master key (at startup, before requests are served). */
export function configureSessionTokenKeys(master: SecretBox, options: SessionTokenKeyOptions): SessionTokenKeys {
  const keys = new SessionTokenKeys(master, options);
  keyrings.set(master, keys);
  return keys;
}

/** The keyring for this master key: the configured one, or generation 1 alone. */
export function sessionTokenKeys(master: SecretBox): SessionTokenKeys {
  let keys = keyrings.get(master);
  if (keys === undefined) {
    keys = new SessionTokenKeys(master);
    keyrings.set(master, keys);
  }
  return keys;
}
