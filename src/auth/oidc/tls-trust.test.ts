import { describe, expect, it } from 'vitest';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { DetailedPeerCertificate, TLSSocket } from 'node:tls';
import { FIXTURE_CERT } from './test-issuer.case.js';
import { certificateThumbprint, tlsTrust } from './tls-trust.js';

const THUMBPRINT = certificateThumbprint(FIXTURE_CERT);
const NOW = new Date('2030-01-01T00:00:00Z');

/** Just the parts of a TLS socket tlsTrust reads: the fixture certificate, self-signed. */
function socket(authorized: boolean, altNames = 'DNS:localhost, IP Address:127.0.0.1'): TLSSocket {
  const x509 = new X509Certificate(FIXTURE_CERT);
  const peer = { raw: x509.raw, subject: { CN: 'localhost' }, subjectaltname: altNames } as unknown as DetailedPeerCertificate;
  peer.issuerCertificate = peer;
  return { authorized, getPeerCertificate: () => peer } as unknown as TLSSocket;
}

describe('tlsTrust', () => {
  it('trusts a publicly valid chain without thumbprints', () => {
    expect(tlsTrust(socket(true), '127.0.0.1', [], NOW)).toBe('public');
  });

  it('trusts an unverified chain only when a thumbprint pins it', () => {
    expect(tlsTrust(socket(false), '127.0.0.1', [THUMBPRINT], NOW)).toBe('pinned');
    expect(tlsTrust(socket(false), 'localhost', [THUMBPRINT.toUpperCase()], NOW)).toBe('pinned');
    expect(tlsTrust(socket(false), '127.0.0.1', [], NOW)).toBe('untrusted');
    expect(tlsTrust(socket(false), '127.0.0.1', ['ff'.repeat(20)], NOW)).toBe('untrusted');
  });

  it('refuses a pinned certificate that does not name the host', () => {
    expect(tlsTrust(socket(false), 'evil.example', [THUMBPRINT], NOW)).toBe('untrusted');
    expect(tlsTrust(socket(false, 'DNS:other.example'), '127.0.0.1', [THUMBPRINT], NOW)).toBe('untrusted');
  });

  it('refuses a pinned certificate outside its validity period', () => {
    expect(tlsTrust(socket(false), '127.0.0.1', [THUMBPRINT], new Date('2200-01-01T00:00:00Z'))).toBe('untrusted');
  });

  it('does not let a certificate merely sent along satisfy a pin', () => {
    // The server sends the pinned certificate as the issuer of an unrelated leaf it did not sign.
    const unrelated = new X509Certificate(readFileSync(new URL('../saml/fixtures/idp-cert.pem', import.meta.url), 'utf8'));
    const pinned = new X509Certificate(FIXTURE_CERT);
    const issuerPeer = { raw: pinned.raw } as unknown as DetailedPeerCertificate;
    issuerPeer.issuerCertificate = issuerPeer;
    const leaf = {
      raw: unrelated.raw,
      subject: { CN: 'localhost' },
      subjectaltname: 'DNS:localhost',
      issuerCertificate: issuerPeer,
    } as unknown as DetailedPeerCertificate;
    const fake = { authorized: false, getPeerCertificate: () => leaf } as unknown as TLSSocket;
    expect(tlsTrust(fake, 'localhost', [THUMBPRINT], NOW)).toBe('untrusted');
    expect(tlsTrust(fake, 'localhost', [certificateThumbprint(unrelated)], NOW)).toBe('pinned');
  });
});
