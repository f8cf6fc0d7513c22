import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IamError } from '../../../protocol/errors.js';
import { checkChainOrder, checkKeyPair, expirationOf, isOutsideValidity, parseCertificate, parseChain, parsePrivateKey } from './pem.js';
import { EXPIRED_CERT, INTERMEDIATE_CERT, LEAF_CERT, LEAF_CHAIN, LEAF_KEY, ROOT_CA_CERT, RSA_CERT, RSA_KEY } from './fixtures.case.js';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof IamError ? error.code : 'not an IamError';
  }
};

describe('parseCertificate', () => {
  it('reads one PEM certificate and its notAfter', () => {
    expect(expirationOf(parseCertificate(LEAF_CERT)).toISOString()).toBe('2126-11-05T17:10:56.000Z');
    expect(parseCertificate(`\n${RSA_CERT}\n`).subject).toContain('rsa.example.com');
  });

  it('refuses text around the block, two certificates and garbage with MalformedCertificate', () => {
    expect(codeOf(() => parseCertificate(`note\n${LEAF_CERT}`))).toBe('MalformedCertificate');
    expect(codeOf(() => parseCertificate(LEAF_CERT + ROOT_CA_CERT))).toBe('MalformedCertificate');
    expect(codeOf(() => parseCertificate(LEAF_CERT.replace(/[A-Za-z]{10}\n/, 'AAAAAAAAAA\n')))).toBe('MalformedCertificate');
  });

  it('never throws anything but MalformedCertificate on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const code = codeOf(() => parseCertificate(`-----BEGIN CERTIFICATE-----\n${text}\n-----END CERTIFICATE-----`));
        expect(code).toBe('MalformedCertificate');
      }),
    );
  });
});

describe('parsePrivateKey and checkKeyPair', () => {
  it('accepts SEC1 and PKCS#8 keys that match their certificate', () => {
    expect(() => checkKeyPair(parseCertificate(LEAF_CERT), parsePrivateKey(LEAF_KEY))).not.toThrow();
    expect(() => checkKeyPair(parseCertificate(RSA_CERT), parsePrivateKey(RSA_KEY))).not.toThrow();
  });

  it('answers KeyPairMismatch for another key and MalformedCertificate for a non-key', () => {
    expect(codeOf(() => checkKeyPair(parseCertificate(LEAF_CERT), parsePrivateKey(RSA_KEY)))).toBe('KeyPairMismatch');
    expect(codeOf(() => parsePrivateKey(LEAF_CERT))).toBe('MalformedCertificate');
    expect(codeOf(() => parsePrivateKey('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----'))).toBe('MalformedCertificate');
  });
});

describe('checkChainOrder', () => {
  it('accepts the issuer first, then the root', () => {
    expect(() => checkChainOrder(parseCertificate(LEAF_CERT), parseChain(LEAF_CHAIN))).not.toThrow();
    expect(() => checkChainOrder(parseCertificate(LEAF_CERT), parseChain(INTERMEDIATE_CERT))).not.toThrow();
  });

  it('names the failing link, -1 being the body', () => {
    const leaf = parseCertificate(LEAF_CERT);
    expect(() => checkChainOrder(leaf, parseChain(ROOT_CA_CERT))).toThrow(/is: -1$/);
    expect(() => checkChainOrder(leaf, parseChain(INTERMEDIATE_CERT + RSA_CERT))).toThrow(/is: 0$/);
  });

  it('refuses a chain with stray text', () => {
    expect(codeOf(() => parseChain(`text ${LEAF_CHAIN}`))).toBe('MalformedCertificate');
    expect(codeOf(() => parseChain(''))).toBe('MalformedCertificate');
  });
});

describe('isOutsideValidity', () => {
  it('is true after notAfter and before notBefore', () => {
    expect(isOutsideValidity(parseCertificate(EXPIRED_CERT), new Date('2026-01-01T00:00:00Z'))).toBe(true);
    expect(isOutsideValidity(parseCertificate(EXPIRED_CERT), new Date('2020-06-01T00:00:00Z'))).toBe(false);
    expect(isOutsideValidity(parseCertificate(EXPIRED_CERT), new Date('2019-06-01T00:00:00Z'))).toBe(true);
  });
});
