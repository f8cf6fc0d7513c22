// Reads the PEM that certificate uploads carry (X.509 certificates, chains, private keys)
// with node:crypto and turns every defect into AWS's MalformedCertificate / KeyPairMismatch.

import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { IamError } from '../../../protocol/errors.js';

const CERT_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** AWS's wording (observed in UploadServerCertificate and UploadSigningCertificate answers). */
export const UNPARSEABLE_CERTIFICATE = 'Unable to parse certificate. Please ensure the certificate is in PEM format.';
const UNPARSEABLE_CHAIN = 'Unable to parse certificate chain. Please ensure the certificate chain is in PEM format.';
const UNPARSEABLE_KEY = 'Unable to parse private key. Please ensure the private key is in PEM format and is not encrypted.';
const CHAIN_ORDER =
  'Unable to validate certificate chain. The certificate chain must start with the immediate signing certificate, followed by any intermediaries in order. The index within the chain of the invalid certificate is: ';
const KEY_MISMATCH = "Public key certificate and private key doesn't match.";

const malformed = (message: string): IamError => new IamError('MalformedCertificate', message);

function certificateBlocks(text: string): string[] {
  return text.match(CERT_BLOCK) ?? [];
}

function readCertificate(block: string, message: string): X509Certificate {
  try {
    return new X509Certificate(block);
  } catch {
    throw malformed(message);
  }
}

/** Exactly one PEM certificate (anything around the block is refused, as AWS refuses it). */
export function parseCertificate(body: string): X509Certificate {
  const blocks = certificateBlocks(body);
  const first = blocks[0];
  if (blocks.length !== 1 || first === undefined || body.trim() !== first.trim()) throw malformed(UNPARSEABLE_CERTIFICATE);
  return readCertificate(first, UNPARSEABLE_CERTIFICATE);
}

/** One or more PEM certificates, in order. */
export function parseChain(chain: string): X509Certificate[] {
  const blocks = certificateBlocks(chain);
  const rest = blocks.reduce((text, b) => text.replace(b, ''), chain);
  if (blocks.length === 0 || rest.trim() !== '') throw malformed(UNPARSEABLE_CHAIN);
  return blocks.map((b) => readCertificate(b, UNPARSEABLE_CHAIN));
}

/** An unencrypted PEM private key (PKCS#1, SEC1 or PKCS#8). */
export function parsePrivateKey(pem: string): KeyObject {
  if (!/^-----BEGIN (RSA |EC )?PRIVATE KEY-----/.test(pem.trim())) throw malformed(UNPARSEABLE_KEY);
  try {
    return createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    throw malformed(UNPARSEABLE_KEY);
  }
}

/**
 * The chain must start with the certificate that signed the body and go up from there;
 * AWS names the failing link by its index, -1 meaning the body itself.
 */
export function checkChainOrder(body: X509Certificate, chain: readonly X509Certificate[]): void {
  const links = [body, ...chain];
  for (let i = 0; i + 1 < links.length; i++) {
    const child = links[i] as X509Certificate;
    const issuer = links[i + 1] as X509Certificate;
    if (!child.checkIssued(issuer) || !child.verify(issuer.publicKey)) throw malformed(`${CHAIN_ORDER}${i - 1}`);
  }
}

export function checkKeyPair(certificate: X509Certificate, key: KeyObject): void {
  if (!certificate.checkPrivateKey(key)) throw new IamError('KeyPairMismatch', KEY_MISMATCH);
}

/** The certificate's notAfter as a Date (ServerCertificateMetadata.Expiration). */
export function expirationOf(certificate: X509Certificate): Date {
  return new Date(certificate.validTo);
}

/** Whether `at` lies outside the certificate's validity period. */
export function isOutsideValidity(certificate: X509Certificate, at: Date): boolean {
  return at.getTime() < new Date(certificate.validFrom).getTime() || at.getTime() > expirationOf(certificate).getTime();
}
