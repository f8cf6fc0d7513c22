// A JSON reader that keeps where each value stood, so a bad event pattern can be
// reported as EventBridge reports it: the reason, then the line and column.

export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

export type JsonNode =
  | { readonly kind: 'object'; readonly entries: ReadonlyArray<readonly [string, JsonNode]>; readonly at: SourcePosition; readonly end: SourcePosition }
  | { readonly kind: 'array'; readonly items: readonly JsonNode[]; readonly at: SourcePosition; readonly end: SourcePosition }
  | { readonly kind: 'string'; readonly value: string; readonly at: SourcePosition; readonly end: SourcePosition }
  | { readonly kind: 'number'; readonly value: number; readonly text: string; readonly at: SourcePosition; readonly end: SourcePosition }
  | { readonly kind: 'boolean'; readonly value: boolean; readonly at: SourcePosition; readonly end: SourcePosition }
  | { readonly kind: 'null'; readonly at: SourcePosition; readonly end: SourcePosition };

export class JsonSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly position: SourcePosition,
  ) {
    super(reason);
    this.name = 'JsonSyntaxError';
  }
}

const MAX_DEPTH = 128;

/** Reads one JSON text; throws JsonSyntaxError with the position of the first problem. */
export function readJsonTree(text: string): JsonNode {
  const reader = new Reader(text);
  reader.skipSpace();
  const node = reader.value(0);
  reader.skipSpace();
  if (!reader.atEnd()) reader.fail(`Unexpected character ('${reader.peekChar()}'): expected end of input`);
  return node;
}

class Reader {
  private offset = 0;
  private line = 1;
  private lineStart = 0;

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.offset >= this.text.length;
  }

  peekChar(): string {
    return this.text[this.offset] ?? '';
  }

  position(): SourcePosition {
    return { line: this.line, column: this.offset - this.lineStart + 1 };
  }

  fail(reason: string): never {
    throw new JsonSyntaxError(reason, this.position());
  }

  skipSpace(): void {
    while (this.offset < this.text.length) {
      const c = this.text.charCodeAt(this.offset);
      if (c === 0x0a) {
        this.offset++;
        this.line++;
        this.lineStart = this.offset;
      } else if (c === 0x20 || c === 0x09 || c === 0x0d) {
        this.offset++;
      } else {
        return;
      }
    }
  }

  value(depth: number): JsonNode {
    if (depth > MAX_DEPTH) this.fail('Maximum nesting depth exceeded');
    const at = this.position();
    const c = this.peekChar();
    if (c === '{') return this.object(at, depth);
    if (c === '[') return this.array(at, depth);
    if (c === '"') {
      const value = this.string();
      return { kind: 'string', value, at, end: this.position() };
    }
    if (c === '-' || (c >= '0' && c <= '9')) return this.number(at);
    for (const [word, node] of LITERALS) {
      if (this.text.startsWith(word, this.offset)) {
        this.offset += word.length;
        return { ...node, at, end: this.position() } as JsonNode;
      }
    }
    if (this.atEnd()) this.fail('Unexpected end-of-input: expected a value');
    this.fail(`Unexpected character ('${c}'): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')`);
  }

  private object(at: SourcePosition, depth: number): JsonNode {
    this.offset++;
    const entries: Array<readonly [string, JsonNode]> = [];
    this.skipSpace();
    if (this.peekChar() === '}') {
      this.offset++;
      return { kind: 'object', entries, at, end: this.position() };
    }
    for (;;) {
      this.skipSpace();
      if (this.peekChar() !== '"') this.fail(`Unexpected character ('${this.peekChar()}'): was expecting double-quote to start field name`);
      const key = this.string();
      this.skipSpace();
      if (this.peekChar() !== ':') this.fail(`Unexpected character ('${this.peekChar()}'): was expecting a colon to separate field name and value`);
      this.offset++;
      this.skipSpace();
      entries.push([key, this.value(depth + 1)]);
      this.skipSpace();
      const next = this.peekChar();
      this.offset++;
      if (next === '}') return { kind: 'object', entries, at, end: this.position() };
      if (next !== ',') {
        this.offset--;
        this.fail(`Unexpected character ('${next}'): was expecting comma to separate Object entries`);
      }
    }
  }

  private array(at: SourcePosition, depth: number): JsonNode {
    this.offset++;
    const items: JsonNode[] = [];
    this.skipSpace();
    if (this.peekChar() === ']') {
      this.offset++;
      return { kind: 'array', items, at, end: this.position() };
    }
    for (;;) {
      this.skipSpace();
      items.push(this.value(depth + 1));
      this.skipSpace();
      const next = this.peekChar();
      this.offset++;
      if (next === ']') return { kind: 'array', items, at, end: this.position() };
      if (next !== ',') {
        this.offset--;
        this.fail(`Unexpected character ('${next}'): was expecting comma to separate Array entries`);
      }
    }
  }

  private string(): string {
    const start = this.offset;
    this.offset++;
    let out = '';
    let runStart = this.offset;
    for (;;) {
      if (this.atEnd()) {
        this.offset = start;
        this.fail('Unexpected end-of-input: was expecting closing quote for a string value');
      }
      const c = this.text.charCodeAt(this.offset);
      if (c === 0x22) {
        out += this.text.slice(runStart, this.offset);
        this.offset++;
        return out;
      }
      if (c < 0x20) this.fail(`Illegal unquoted character (CTRL-CHAR, code ${c}): has to be escaped using backslash to be included in string value`);
      if (c === 0x5c) {
        out += this.text.slice(runStart, this.offset);
        out += this.escape();
        runStart = this.offset;
        continue;
      }
      this.offset++;
    }
  }

  private escape(): string {
    const e = this.text[this.offset + 1] ?? '';
    this.offset += 2;
    const simple = ESCAPES[e];
    if (simple !== undefined) return simple;
    if (e === 'u') {
      const hex = this.text.slice(this.offset, this.offset + 4);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('Unexpected character in unicode escape: expected a hex-digit for character escape sequence');
      this.offset += 4;
      return String.fromCharCode(Number.parseInt(hex, 16));
    }
    this.offset -= 1;
    this.fail(`Unrecognized character escape '${e}'`);
  }

  private number(at: SourcePosition): JsonNode {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.offset, this.offset + 400));
    if (match === null) this.fail(`Unexpected character ('${this.peekChar()}'): expected a digit for a number`);
    const text = match[0];
    const after = this.text[this.offset + text.length] ?? '';
    if (/[0-9.eE+-]/.test(after)) {
      this.offset += text.length;
      this.fail(`Unexpected character ('${after}') in numeric value`);
    }
    this.offset += text.length;
    return { kind: 'number', value: Number(text), text, at, end: this.position() };
  }
}

const LITERALS: ReadonlyArray<readonly [string, { kind: string; value?: boolean }]> = [
  ['true', { kind: 'boolean', value: true }],
  ['false', { kind: 'boolean', value: false }],
  ['null', { kind: 'null' }],
];

const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** The plain value a node stands for. */
export function plainValue(node: JsonNode): unknown {
  switch (node.kind) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of node.entries) Object.defineProperty(out, k, { value: plainValue(v), enumerable: true, writable: true, configurable: true });
      return out;
    }
    case 'array':
      return node.items.map(plainValue);
    case 'null':
      return null;
    default:
      return node.value;
  }
}
