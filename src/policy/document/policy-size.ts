// A policy's size as IAM counts it against its quotas: "IAM doesn't count white space",
// and the quotas are stated "in non-whitespace characters" (GetAccountSummary). So every
// space, tab, line feed and carriage return is left out, inside strings too.

const WHITE_SPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** The number of non-white-space characters (code points) in `text`. */
export function policySize(text: string): number {
  let size = 0;
  for (const ch of text) {
    if (!WHITE_SPACE.has(ch.codePointAt(0) ?? 0)) size++;
  }
  return size;
}
