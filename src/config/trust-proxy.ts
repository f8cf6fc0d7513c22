// Which reverse proxies may tell Keyward the client's address and scheme. Behind a proxy, the
// socket's peer is the proxy: aws:SourceIp would be its address and aws:SecureTransport false
// for clients that used HTTPS. Listed proxies' X-Forwarded-For and X-Forwarded-Proto are used
// instead; anyone else's are ignored, so a client cannot claim an address a policy trusts.

import { isIP } from 'node:net';

/** proxy-addr's (fastify's) names for address ranges. */
const RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * Parses `--trust-proxy` / KEYWARD_TRUST_PROXY: comma-separated addresses, CIDR blocks or the
 * names loopback, linklocal and uniquelocal. Throws on anything else (a typo must not silently
 * trust nobody, or everybody).
 */
export function parseTrustProxy(text: string): string[] {
  const entries = text
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  if (entries.length === 0) throw new Error('--trust-proxy needs at least one address, CIDR block or range name');
  for (const entry of entries) {
    if (RANGES.has(entry)) continue;
    const [address = '', prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    const max = family === 4 ? 32 : 128;
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= max);
    if (family === 0 || !prefixOk || rest.length > 0) {
      throw new Error(`--trust-proxy: '${entry}' is not an IP address, a CIDR block or one of loopback, linklocal, uniquelocal`);
    }
  }
  return entries;
}
