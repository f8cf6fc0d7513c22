// The trail's two keys, derived from the master key with HKDF so they share nothing
// with the keys that seal secrets or session tokens: an HMAC key that links events into
// a chain, and an Ed25519 key that signs digests (its public half can be handed to an
// auditor who holds no master key).

import { createPrivateKey, createPublicKey, hkdfSync, type KeyObject } from 'node:crypto';

export interface AuditKeys {
  /** HMAC-SHA256 key for event links. */
  readonly chainKey: Buffer;
  readonly signingKey: KeyObject;
  readonly verifyKey: KeyObject;
  /** The verify key in PEM (SPKI), for `keyward audit verify --public-key`. */
  readonly publicKeyPem: string;
}

// PKCS#8 wrapping of a raw 32-byte Ed25519 seed (RFC 8410).
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function derive(masterKey: Uint8Array, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, 'keyward', info, 32));
}

export function deriveAuditKeys(masterKey: Uint8Array): AuditKeys {
  if (masterKey.length !== 32) throw new RangeError('the master key must be 32 bytes');
  const seed = derive(masterKey, 'audit digest signing');
  const signingKey = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const verifyKey = createPublicKey(signingKey);
  return {
    chainKey: derive(masterKey, 'audit event chain'),
    signingKey,
    verifyKey,
    publicKeyPem: verifyKey.export({ format: 'pem', type: 'spki' }).toString(),
  };
}
