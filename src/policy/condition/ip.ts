// IpAddress / NotIpAddress: CIDR ranges (IPv4 and IPv6) compiled to masked
// networks. A value without a prefix is /32 (IPv4) or /128 (IPv6), as IAM does.
// Host bits in a policy CIDR (`10.0.0.7/8`) are masked away.

import { isIPv4Mapped, parseIPv4, parseIPv6 } from './ip-address.js';
import { INCOMPARABLE, INVALID, MATCH, NO_MATCH, quote, type BadValue, type CompiledOperand, type Outcome } from './operand.js';

export interface Cidr4 {
  readonly network: number;
  readonly mask: number;
}

export interface Cidr6 {
  /** Masked network, eight 16-bit groups. */
  readonly network: Uint16Array;
  /** Per-group masks derived from the prefix length. */
  readonly masks: Uint16Array;
}

export type Cidr = { readonly family: 4; readonly cidr: Cidr4 } | { readonly family: 6; readonly cidr: Cidr6 };

function mask4(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

function parsePrefix(s: string, start: number, max: number): number {
  if (start >= s.length || s.length - start > 3) return -1;
  let n = 0;
  for (let i = start; i < s.length; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n > max ? -1 : n;
}

/** Parses `a.b.c.d[/n]` or an IPv6 address with an optional `/n`; undefined when malformed. */
export function parseCidr(value: string): Cidr | undefined {
  const slash = value.indexOf('/');
  const end = slash < 0 ? value.length : slash;
  if (value.indexOf(':') < 0) {
    const address = parseIPv4(value, 0, end);
    const prefix = slash < 0 ? 32 : parsePrefix(value, slash + 1, 32);
    if (address < 0 || prefix < 0) return undefined;
    const mask = mask4(prefix);
    return { family: 4, cidr: { network: (address & mask) >>> 0, mask } };
  }
  const groups = new Uint16Array(8);
  const prefix = slash < 0 ? 128 : parsePrefix(value, slash + 1, 128);
  if (!parseIPv6(value, 0, end, groups) || prefix < 0) return undefined;
  const masks = new Uint16Array(8);
  for (let g = 0; g < 8; g++) {
    const bits = Math.max(0, Math.min(16, prefix - 16 * g));
    masks[g] = bits === 0 ? 0 : (0xffff << (16 - bits)) & 0xffff;
    groups[g] = (groups[g] as number) & (masks[g] as number);
  }
  return { family: 6, cidr: { network: groups, masks } };
}

export function contains4(cidr: Cidr4, address: number): boolean {
  return ((address & cidr.mask) >>> 0) === cidr.network;
}

export function contains6(cidr: Cidr6, groups: Uint16Array): boolean {
  for (let g = 0; g < 8; g++) {
    if (((groups[g] as number) & (cidr.masks[g] as number)) !== cidr.network[g]) return false;
  }
  return true;
}

// The request address being tested; module-level so a test allocates nothing.
const request6 = new Uint16Array(8);

export function compileIpAddress(values: readonly string[]): CompiledOperand {
  const v4: Cidr4[] = [];
  const v6: Cidr6[] = [];
  const badValues: BadValue[] = [];
  values.forEach((value, index) => {
    const parsed = parseCidr(value);
    if (parsed === undefined) badValues.push({ index, message: `${quote(value)} is not an IP address or CIDR range` });
    else if (parsed.family === 4) v4.push(parsed.cidr);
    else v6.push(parsed.cidr);
  });
  const miss: Outcome = badValues.length > 0 ? INCOMPARABLE : NO_MATCH;
  const test4 = (address: number): boolean => {
    for (let i = 0; i < v4.length; i++) if (contains4(v4[i] as Cidr4, address)) return true;
    return false;
  };
  return {
    expects: 'an IP address',
    badValues,
    test(value: string): Outcome {
      if (value.indexOf(':') < 0) {
        const address = parseIPv4(value, 0, value.length);
        if (address < 0) return INVALID;
        return test4(address) ? MATCH : miss;
      }
      if (!parseIPv6(value, 0, value.length, request6)) return INVALID;
      for (let i = 0; i < v6.length; i++) if (contains6(v6[i] as Cidr6, request6)) return MATCH;
      // Node reports IPv4 clients of a dual-stack socket as ::ffff:a.b.c.d; IPv4 ranges still apply to them.
      if (isIPv4Mapped(request6) && test4((request6[6] as number) * 65536 + (request6[7] as number))) return MATCH;
      return miss;
    },
  };
}
