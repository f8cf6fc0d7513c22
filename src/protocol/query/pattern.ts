// Compiles the Java-flavoured regular expressions in AWS service models into
// whole-string JavaScript RegExps (unicode mode), once per pattern.

const SYNTAX_CHARS = new Set([...'^$\\.*+?()[]{}|/']);
// Escapes with a meaning of their own that unicode-mode RegExp also accepts.
const KEEP_ESCAPES = new Set([...'dDwWsSbBtnvfr0123456789kcx']);

const cache = new Map<string, RegExp>();

/**
 * Rewrites a Java regex so that unicode-mode JavaScript reads it the same way:
 * identity escapes such as `\:` or `\@` (legal in Java, a SyntaxError with the
 * `u` flag) become plain characters. `\uXXXX` takes exactly four hex digits,
 * as in Java, so the models' `\u10000-\u10FFFF` means U+1000, then the range
 * `0`-U+10FF, then `FF`; astral characters match none of it, and AWS STS indeed
 * rejects a RoleArn of emoji with a pattern violation.
 */
export function javaPatternToJs(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern.charAt(i);
    if (ch !== '\\') {
      if (ch === '[' && !inClass) inClass = true;
      else if (ch === ']' && inClass) inClass = false;
      out += ch;
      continue;
    }
    const next = pattern.charAt(i + 1);
    i++;
    if (next === 'u') {
      out += `\\u${pattern.slice(i + 1, i + 5)}`;
      i += 4;
    } else if (next === 'p' || next === 'P') {
      const close = pattern.indexOf('}', i);
      out += `\\${pattern.slice(i, close + 1)}`;
      i = close;
    } else if (KEEP_ESCAPES.has(next) || SYNTAX_CHARS.has(next) || (inClass && next === '-')) {
      out += `\\${next}`;
    } else {
      out += next;
    }
  }
  return out;
}

/** A RegExp that matches only when the whole value matches, as Java's `matches()` does. */
export function compilePattern(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (re === undefined) {
    re = new RegExp(`^(?:${javaPatternToJs(pattern)})$`, 'u');
    cache.set(pattern, re);
  }
  return re;
}
