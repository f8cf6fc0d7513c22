// Where each statement of a policy sits in its text, as the policy simulator reports it in
// MatchedStatements (StartPosition / EndPosition): 1-based lines and columns counted the way
// AWS's JSON parser counts them, over the exact text the caller sent.

export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

export interface StatementSpan {
  /** Offset and position of the `{` that opens the statement. */
  readonly openOffset: number;
  readonly open: TextPosition;
  /**
   * AWS's StartPosition: where the parser stood when the statement began, which is just
   * after the token before it (the `[`, or the previous statement's `}`), or just after
   * the `{` itself when `Statement` is a single object.
   */
  readonly startOffset: number;
  readonly start: TextPosition;
  /** AWS's EndPosition: just after the statement's closing `}` (exclusive offset). */
  readonly endOffset: number;
  readonly end: TextPosition;
}

class Malformed extends Error {}

/** A forgiving JSON scanner that only tracks offsets; it fails (throws Malformed) on broken text. */
class Scanner {
  pos = 0;
  constructor(readonly text: string) {}

  skipSpace(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return;
      this.pos++;
    }
  }

  peek(): string | undefined {
    return this.text[this.pos];
  }

  expect(ch: string): void {
    if (this.text[this.pos] !== ch) throw new Malformed();
    this.pos++;
  }

  /** Reads a string token and returns its decoded value (enough to compare member names). */
  string(): string {
    this.expect('"');
    let out = '';
    for (;;) {
      const c = this.text[this.pos++];
      if (c === undefined) throw new Malformed();
      if (c === '"') return out;
      if (c === '\\') {
        const e = this.text[this.pos++];
        if (e === undefined) throw new Malformed();
        if (e === 'u') {
          const hex = this.text.slice(this.pos, this.pos + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new Malformed();
          out += String.fromCharCode(parseInt(hex, 16));
          this.pos += 4;
        } else {
          out += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e === 'b' ? '\b' : e === 'f' ? '\f' : e;
        }
      } else {
        out += c;
      }
    }
  }

  /** Skips one value of any kind. */
  value(depth: number): void {
    if (depth > 1000) throw new Malformed();
    this.skipSpace();
    const c = this.peek();
    if (c === '{') return this.object(() => this.value(depth + 1));
    if (c === '[') return this.array(() => this.value(depth + 1));
    if (c === '"') {
      this.string();
      return;
    }
    const m = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(this.text.slice(this.pos, this.pos + 400));
    if (m === null) throw new Malformed();
    this.pos += m[0].length;
  }

  /** Reads an object; `onValue` reads each member's value, knowing its name. */
  object(onValue: (name: string) => void): void {
    this.expect('{');
    this.skipSpace();
    if (this.peek() === '}') {
      this.pos++;
      return;
    }
    for (;;) {
      this.skipSpace();
      const name = this.string();
      this.skipSpace();
      this.expect(':');
      onValue(name);
      this.skipSpace();
      if (this.peek() === ',') {
        this.pos++;
        continue;
      }
      this.expect('}');
      return;
    }
  }

  /** Reads an array; `onItem` reads each item, told where the parser stood before it. */
  array(onItem: (before: number) => void): void {
    this.expect('[');
    let before = this.pos;
    this.skipSpace();
    if (this.peek() === ']') {
      this.pos++;
      return;
    }
    for (;;) {
      onItem(before);
      before = this.pos;
      this.skipSpace();
      if (this.peek() === ',') {
        this.pos++;
        continue;
      }
      this.expect(']');
      return;
    }
  }
}

/** Offsets at which lines start; `\r\n`, `\r` and `\n` each end a line, as in Jackson. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0d) {
      if (text.charCodeAt(i + 1) === 0x0a) i++;
      starts.push(i + 1);
    } else if (c === 0x0a) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** The 1-based line and column of `offset` (which may be text.length). */
export function positionAt(starts: readonly number[], offset: number): TextPosition {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
}

/**
 * The spans of the statements of a policy document, indexed like the `Statement` array
 * (one entry for a single-object `Statement`); items that are not objects have none.
 * Returns an empty list for text that is not a JSON object.
 */
export function statementSpans(text: string): (StatementSpan | undefined)[] {
  const scanner = new Scanner(text);
  let spans: ({ open: number; start: number; end: number } | undefined)[] = [];
  try {
    scanner.skipSpace();
    scanner.object((name) => {
      scanner.skipSpace();
      if (name !== 'Statement') return scanner.value(1);
      // A repeated `Statement` member replaces the earlier one, as the policy parser reads it.
      const found: ({ open: number; start: number; end: number } | undefined)[] = [];
      if (scanner.peek() === '{') {
        const open = scanner.pos;
        scanner.value(1);
        found.push({ open, start: open + 1, end: scanner.pos });
      } else if (scanner.peek() === '[') {
        scanner.array((before) => {
          scanner.skipSpace();
          const open = scanner.pos;
          const isObject = scanner.peek() === '{';
          scanner.value(2);
          found.push(isObject ? { open, start: before, end: scanner.pos } : undefined);
        });
      } else {
        scanner.value(1);
      }
      spans = found;
    });
  } catch (e) {
    if (e instanceof Malformed) return [];
    throw e;
  }
  const starts = lineStarts(text);
  return spans.map((s) =>
    s === undefined
      ? undefined
      : {
          openOffset: s.open,
          open: positionAt(starts, s.open),
          startOffset: s.start,
          start: positionAt(starts, s.start),
          endOffset: s.end,
          end: positionAt(starts, s.end),
        },
  );
}
