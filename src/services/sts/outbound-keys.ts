// The per-account keys that sign outbound web identity tokens: one RS256 (RSA 2048) and one
// ES384 (P-384) key, made on first use and kept in the account settings with the private key
// sealed under a key derived from the master key; the public halves are the issuer's JWKS.

import { createPrivateKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { calculateJwkThumbprint, type JWK } from 'jose';
import type { SecretBox } from '../../auth/secret-box.js';
import type { Account, AccountSettings } from '../../domain/entities.js';

export const SIGNING_ALGORITHMS = ['RS256', 'ES384'] as const;
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

export function isSigningAlgorithm(value: string): value is SigningAlgorithm {
  return (SIGNING_ALGORITHMS as readonly string[]).includes(value);
}

export interface StoredSigningKey {
  /** The RFC 7638 thumbprint of the public key. */
  readonly kid: string;
  readonly alg: SigningAlgorithm;
  readonly publicJwk: JWK;
  /** PKCS#8 PEM, sealed (SecretBox) for this account and kid. */
  readonly sealedPrivateKey: string;
  readonly createdAt: string;
}

/** Like the federation switch (org-outbound-federation.ts), an extra member of the JSON settings column. */
type SettingsWithKeys = AccountSettings & { readonly outboundWebIdentitySigningKeys?: readonly StoredSigningKey[] };

export function signingKeysOf(account: Account): readonly StoredSigningKey[] {
  return (account.settings as SettingsWithKeys).outboundWebIdentitySigningKeys ?? [];
}

export function withSigningKeys(account: Account, keys: readonly StoredSigningKey[]): Account {
  const settings: SettingsWithKeys = { ...account.settings, outboundWebIdentitySigningKeys: keys };
  return { ...account, settings };
}

/** True when every algorithm has a key. */
export function hasEveryAlgorithm(keys: readonly StoredSigningKey[]): boolean {
  return SIGNING_ALGORITHMS.every((alg) => keys.some((k) => k.alg === alg));
}

const keyBoxes = new WeakMap<SecretBox, SecretBox>();

function keyBox(master: SecretBox): SecretBox {
  let box = keyBoxes.get(master);
  if (box === undefined) {
    box = master.derive('keyward/outbound-federation/signing-key/1');
    keyBoxes.set(master, box);
  }
  return box;
}

const sealContext = (accountId: string, kid: string): string => `keyward-outbound-signing-key:${accountId}:${kid}`;

const newKeyPair = promisify(generateKeyPair);

async function generateKey(master: SecretBox, accountId: string, alg: SigningAlgorithm, now: Date): Promise<StoredSigningKey> {
  // Off the main thread: an RSA key takes tens of milliseconds.
  const { publicKey, privateKey } =
    alg === 'RS256' ? await newKeyPair('rsa', { modulusLength: 2048 }) : await newKeyPair('ec', { namedCurve: 'P-384' });
  const jwk = publicKey.export({ format: 'jwk' }) as JWK;
  const kid = await calculateJwkThumbprint(jwk);
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  return {
    kid,
    alg,
    publicJwk: { ...jwk, kid, alg, use: 'sig' },
    sealedPrivateKey: keyBox(master).seal(pem, sealContext(accountId, kid)),
    createdAt: now.toISOString(),
  };
}

/** The keys an account lacks among RS256 and ES384. */
export async function generateMissingKeys(
  master: SecretBox,
  accountId: string,
  existing: readonly StoredSigningKey[],
  now: Date,
): Promise<StoredSigningKey[]> {
  const missing = SIGNING_ALGORITHMS.filter((alg) => !existing.some((k) => k.alg === alg));
  return Promise.all(missing.map((alg) => generateKey(master, accountId, alg, now)));
}

export function signingKeyFor(keys: readonly StoredSigningKey[], alg: SigningAlgorithm): StoredSigningKey | undefined {
  return keys.find((k) => k.alg === alg);
}

/** Opens the private key; throws when it was not sealed by this master key for this account. */
export function privateKeyOf(master: SecretBox, accountId: string, key: StoredSigningKey): KeyObject {
  return createPrivateKey(keyBox(master).open(key.sealedPrivateKey, sealContext(accountId, key.kid)));
}

/** The JWKS document: public keys only. */
export function publicJwks(keys: readonly StoredSigningKey[]): { readonly keys: readonly JWK[] } {
  return { keys: keys.map((k) => k.publicJwk) };
}
