// Whether an OIDC issuer's TLS certificate is trusted. As in AWS: a chain that validates
// against public root CAs (here Node's CA store) is trusted outright; otherwise the chain
// must contain a certificate whose SHA-1 thumbprint the provider lists (IAM's ThumbprintList).
import { X509Certificate } from 'node:crypto';
import { checkServerIdentity, type DetailedPeerCertificate, type PeerCertificate, type TLSSocket } from 'node:tls';

export type TlsTrust = 'public' | 'pinned' | 'untrusted';

/** A certificate's thumbprint as IAM writes it: 40 lower-case hex digits of its SHA-1 fingerprint. */
export function certificateThumbprint(certificate: X509Certificate | string): string {
  const x509 = typeof certificate === 'string' ? new X509Certificate(certificate) : certificate;
  return x509.fingerprint.replaceAll(':', '').toLowerCase();
}

function normalizeThumbprint(thumbprint: string): string {
  return thumbprint.replaceAll(':', '').trim().toLowerCase();
}

/** A long enough walk for any real chain; stops a malicious issuer loop. */
const MAX_CHAIN = 10;

/**
 * The presented chain from the leaf upwards, cut at the first link whose signature does not
 * verify: when the connection is not publicly trusted, certificates the server merely sent
 * along prove nothing, so only links that verify may match a pin.
 */
function verifiedChain(leaf: DetailedPeerCertificate): X509Certificate[] {
  const chain: X509Certificate[] = [];
  let current: DetailedPeerCertificate | undefined = leaf;
  while (current?.raw !== undefined && chain.length < MAX_CHAIN) {
    const certificate = new X509Certificate(current.raw);
    const child = chain.at(-1);
    if (child !== undefined && !(child.checkIssued(certificate) && child.verify(certificate.publicKey))) break;
    chain.push(certificate);
    const next: DetailedPeerCertificate | undefined = current.issuerCertificate;
    if (next === undefined || next === current || next.raw?.equals(current.raw)) break;
    current = next;
  }
  return chain;
}

function isCurrentlyValid(certificate: X509Certificate, now: Date): boolean {
  return new Date(certificate.validFrom) <= now && now <= new Date(certificate.validTo);
}

/** The hostname TLS checks against: a URL's hostname without IPv6 brackets. */
function tlsHostname(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

/**
 * Decides trust for an open TLS connection made with `rejectUnauthorized: false`, so that a
 * pinned private CA or self-signed issuer can still be accepted. A pinned chain must still
 * name the host and be within its validity period.
 */
export function tlsTrust(socket: TLSSocket, hostname: string, thumbprints: readonly string[], now: Date): TlsTrust {
  if (socket.authorized) return 'public';
  if (thumbprints.length === 0) return 'untrusted';
  const peer = socket.getPeerCertificate(true);
  if (peer.raw === undefined) return 'untrusted';
  if (checkServerIdentity(tlsHostname(hostname), peer as PeerCertificate) !== undefined) return 'untrusted';
  const chain = verifiedChain(peer);
  const leaf = chain[0];
  if (leaf === undefined || !isCurrentlyValid(leaf, now)) return 'untrusted';
  const pins = new Set(thumbprints.map(normalizeThumbprint));
  return chain.some((certificate) => pins.has(certificateThumbprint(certificate))) ? 'pinned' : 'untrusted';
}
