import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { isIPv4Mapped, parseIPv4, parseIPv6 } from './ip-address.js';

function v6(s: string): number[] | undefined {
  const out = new Uint16Array(8);
  return parseIPv6(s, 0, s.length, out) ? [...out] : undefined;
}

/** Shortens the longest run of zero groups to `::` (naively, for the property). */
function compress(groups: number[]): string {
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; i++) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestLen < 2) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

describe('parseIPv4', () => {
  it('reads dotted quads', () => {
    expect(parseIPv4('203.0.113.7', 0, 11)).toBe(((203 << 24) >>> 0) + 113 * 256 + 7);
    expect(parseIPv4('255.255.255.255', 0, 15)).toBe(0xffffffff);
    for (const bad of ['1.2.3', '1.2.3.4.5', '256.1.1.1', '1..2.3', '1.2.3.', 'a.b.c.d', '1.2.3.4 ', '1234.1.1.1', '']) {
      expect(parseIPv4(bad, 0, bad.length), bad).toBe(-1);
    }
  });
});

describe('parseIPv6', () => {
  it('reads full, compressed and IPv4-suffixed forms', () => {
    expect(v6('2001:db8:0:0:0:0:0:1')).toEqual([0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]);
    expect(v6('2001:DB8::1')).toEqual([0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]);
    expect(v6('::')).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(v6('::1')).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(v6('fe80::')).toEqual([0xfe80, 0, 0, 0, 0, 0, 0, 0]);
    expect(v6('::ffff:192.0.2.1')).toEqual([0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0201]);
    expect(isIPv4Mapped(new Uint16Array(v6('::ffff:192.0.2.1') ?? []))).toBe(true);
  });

  it('rejects malformed addresses', () => {
    for (const bad of [':', ':::', '1::2::3', '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', '12345::', '1:', ':1', 'g::', '1:2:3:4:5:6:7:8::', '::1.2.3', 'fe80::1%eth0', '1:2:3:4:5:6:7:1.2.3.4']) {
      expect(v6(bad), bad).toBeUndefined();
    }
  });

  it('round-trips generated addresses in full and compressed form', () => {
    const group = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffff }));
    fc.assert(
      fc.property(fc.array(group, { minLength: 8, maxLength: 8 }), (groups) => {
        const full = groups.map((g) => g.toString(16)).join(':');
        return JSON.stringify(v6(full)) === JSON.stringify(groups) && JSON.stringify(v6(compress(groups).toUpperCase())) === JSON.stringify(groups);
      }),
      { numRuns: 2000 },
    );
  });
});
