// IPv4 and IPv6 address parsing in pure TypeScript (the engine runs in the
// browser, so no node:net). Works on index ranges and writes IPv6 groups into a
// caller's buffer, so parsing a request value allocates nothing.

/** Parses dotted-quad IPv4 in `s[start, end)` to an unsigned 32-bit number; -1 when malformed. */
export function parseIPv4(s: string, start: number, end: number): number {
  let result = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return -1;
      result = result * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      if (++digits > 3) return -1;
      part = part * 10 + (c - 48);
      if (part > 255) return -1;
    } else {
      return -1;
    }
  }
  if (digits === 0 || dots !== 3) return -1;
  return result * 256 + part;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 32;
  if (l >= 97 && l <= 102) return l - 87;
  return -1;
}

// Groups as written, before the `::` gap is expanded; module-level so parsing does not allocate.
const scratch = new Uint16Array(8);

/**
 * Parses IPv6 in `s[start, end)` (full, `::`-compressed, or with a trailing
 * dotted IPv4) into eight 16-bit groups in `out`; false when malformed. Zone
 * ids (`%eth0`) are not accepted: they never appear in a request's source IP.
 */
export function parseIPv6(s: string, start: number, end: number, out: Uint16Array): boolean {
  let i = start;
  let groups = 0;
  let gap = -1;
  if (end - start >= 2 && s.charCodeAt(i) === 58 && s.charCodeAt(i + 1) === 58) {
    gap = 0;
    i += 2;
  }
  while (i < end) {
    let j = i;
    let value = 0;
    while (j < end) {
      const h = hexValue(s.charCodeAt(j));
      if (h < 0) break;
      value = value * 16 + h;
      j++;
    }
    if (j < end && s.charCodeAt(j) === 46) {
      // Trailing IPv4: takes the last two groups.
      const v4 = parseIPv4(s, i, end);
      if (v4 < 0 || groups > 6) return false;
      scratch[groups++] = Math.floor(v4 / 65536);
      scratch[groups++] = v4 & 0xffff;
      i = end;
      break;
    }
    if (j === i || j - i > 4 || groups === 8) return false;
    scratch[groups++] = value;
    i = j;
    if (i === end) break;
    if (s.charCodeAt(i) !== 58) return false;
    i++;
    if (i < end && s.charCodeAt(i) === 58) {
      if (gap >= 0) return false;
      gap = groups;
      i++;
    } else if (i === end) {
      return false; // a single trailing colon
    }
  }
  if (gap < 0) {
    if (groups !== 8) return false;
    for (let g = 0; g < 8; g++) out[g] = scratch[g] as number;
    return true;
  }
  if (groups > 7) return false;
  const zeros = 8 - groups;
  for (let g = 0; g < gap; g++) out[g] = scratch[g] as number;
  for (let g = gap; g < gap + zeros; g++) out[g] = 0;
  for (let g = gap; g < groups; g++) out[g + zeros] = scratch[g] as number;
  return true;
}

/** True for `::ffff:a.b.c.d` (groups 0-4 zero, group 5 all ones): an IPv4 address seen through a dual-stack socket. */
export function isIPv4Mapped(groups: Uint16Array): boolean {
  return groups[0] === 0 && groups[1] === 0 && groups[2] === 0 && groups[3] === 0 && groups[4] === 0 && groups[5] === 0xffff;
}
