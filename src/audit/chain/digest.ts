// Signed digests: every so often a partition's newest link is signed (Ed25519) with the
// range it closes and the previous digest's signature, so the digests form a chain of
// their own. Pruned events leave their digests behind, and the link the first kept event
// must follow stays provable.

import { sign, verify, type KeyObject } from 'node:crypto';

export interface DigestBody {
  readonly partition: string;
  /** First and last sequence number this digest closes. */
  readonly fromSeq: number;
  readonly toSeq: number;
  /** The link of event `toSeq`. */
  readonly lastLink: string;
  /** The previous digest's signature in this partition; empty for the first. */
  readonly previousSignature: string;
  /** ISO-8601. */
  readonly createdAt: string;
}

export interface SignedDigest extends DigestBody {
  /** base64 Ed25519 signature over the body's canonical text. */
  readonly signature: string;
}

/** The exact bytes signed: fixed field order, so any reader can rebuild them. */
export function digestText(body: DigestBody): string {
  return JSON.stringify([body.partition, body.fromSeq, body.toSeq, body.lastLink, body.previousSignature, body.createdAt]);
}

export function signDigest(signingKey: KeyObject, body: DigestBody): SignedDigest {
  return { ...body, signature: sign(null, Buffer.from(digestText(body)), signingKey).toString('base64') };
}

export function digestSignatureValid(verifyKey: KeyObject, digest: SignedDigest): boolean {
  try {
    return verify(null, Buffer.from(digestText(digest)), verifyKey, Buffer.from(digest.signature, 'base64'));
  } catch {
    return false;
  }
}
