// How IAM returns a stored policy document: percent-encoded as RFC 3986 says, so only the
// unreserved characters (A-Z a-z 0-9 - . _ ~) stay literal; everything else is %XX of UTF-8.
// AWS escapes `*`, `!`, `'`, `(` and `)` too (`"Resource":"*"` comes back as %22%2A%22).

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The document as it appears in GetUserPolicy, GetPolicyVersion, GetRole, ...; `decodeURIComponent` undoes it. */
export function encodePolicyDocument(text: string): string {
  // encodeURIComponent throws on a lone surrogate; such text can only come from bad input, so it is
  // encoded as U+FFFD, the character a UTF-8 decoder would have produced for it.
  return encodeURIComponent(text.replace(LONE_SURROGATE, '\uFFFD')).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
