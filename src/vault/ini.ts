// A reader for ~/.aws/config-style INI text: `[section]` headers, `key = value` lines, `#`/`;`
// comments, and indented continuation lines (the nested `s3 =` blocks), which are kept raw.

export type IniSections = ReadonlyMap<string, ReadonlyMap<string, string>>;

export function parseIni(text: string): IniSections {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  let lastKey: string | undefined;
  for (const rawLine of text.split(/\r?\n/)) {
    const trimmed = rawLine.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
    const header = /^\[([^\]]*)\]\s*(?:[#;].*)?$/.exec(trimmed);
    if (header !== null) {
      const name = (header[1] ?? '').trim().replace(/\s+/g, ' ');
      current = sections.get(name) ?? new Map<string, string>();
      sections.set(name, current);
      lastKey = undefined;
      continue;
    }
    if (current === undefined) continue;
    if (/^\s/.test(rawLine) && lastKey !== undefined) {
      // A nested block under the previous key: kept, unparsed, so the key still reads as set.
      const previous = current.get(lastKey) ?? '';
      current.set(lastKey, previous === '' ? trimmed : `${previous}\n${trimmed}`);
      continue;
    }
    const eq = trimmed.indexOf('=');
    if (eq <= 0) continue;
    const key = trimmed.slice(0, eq).trim().toLowerCase();
    const value = stripInlineComment(trimmed.slice(eq + 1).trim());
    current.set(key, value);
    lastKey = key;
  }
  return sections;
}

/** As botocore does: ` #` or ` ;` (after whitespace) starts a comment; a `#` inside a value does not. */
function stripInlineComment(value: string): string {
  const match = /\s[#;]/.exec(value);
  return match === null ? value : value.slice(0, match.index).trimEnd();
}
