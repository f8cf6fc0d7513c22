// Rewrites the shared SQL's `?` placeholders to PostgreSQL's `$1, $2, ...`, leaving alone any
// `?` inside string literals, quoted identifiers and comments.

const cache = new Map<string, string>();

export function toPositional(sql: string): string {
  const cached = cache.get(sql);
  if (cached !== undefined) return cached;
  let out = '';
  let n = 0;
  let i = 0;
  while (i < sql.length) {
    const ch = sql.charAt(i);
    if (ch === "'" || ch === '"') {
      // Doubling the quote escapes it in both kinds of quoted text.
      let j = i + 1;
      while (j < sql.length && !(sql.charAt(j) === ch && sql.charAt(j + 1) !== ch)) j += sql.charAt(j) === ch ? 2 : 1;
      out += sql.slice(i, j + 1);
      i = j + 1;
    } else if (ch === '-' && sql.charAt(i + 1) === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end < 0 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop;
    } else if (ch === '?') {
      n += 1;
      out += `$${n}`;
      i += 1;
    } else {
      out += ch;
      i += 1;
    }
  }
  cache.set(sql, out);
  return out;
}
