// A strict JSON reader (RFC 8259) that keeps what JSON.parse throws away: every
// object member in order (duplicates included), and numbers as written, so a
// condition value `1.50` stays "1.50". It never throws and bounds nesting depth.
// On request it also keeps where each value stood (offsets, in a side table so the
// engine's nodes stay small) and why a text is not JSON: event patterns report line and
// column as EventBridge does, and policy validation reports AWS's spans.

export interface JsonEntry {
  readonly key: string;
  readonly value: JsonNode;
}

export type JsonNode =
  | { readonly kind: 'object'; readonly entries: readonly JsonEntry[] }
  | { readonly kind: 'array'; readonly items: readonly JsonNode[] }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly text: string }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'null' };

export type JsonObject = Extract<JsonNode, { kind: 'object' }>;

/** Deeper documents are refused; Jackson, which AWS uses, stops at 1000 by default. */
export const MAX_JSON_DEPTH = 1000;

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** Where a value stands in the text: `start` inclusive, `end` exclusive (UTF-16 offsets). */
export interface JsonSpan {
  readonly start: number;
  readonly end: number;
}

class JsonSyntaxError {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {}
}

class Reader {
  pos = 0;
  constructor(
    private readonly text: string,
    /** Filled with every node's span when positions are wanted. */
    readonly spans?: WeakMap<JsonNode, JsonSpan>,
  ) {}

  fail(reason = 'Unexpected character'): never {
    const c = this.text[this.pos];
    throw new JsonSyntaxError(this.pos, c === undefined ? `Unexpected end-of-input: ${reason}` : `Unexpected character ('${c}'): ${reason}`);
  }

  skipSpace(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return;
      this.pos++;
    }
  }

  value(depth: number): JsonNode {
    if (depth > MAX_JSON_DEPTH) this.fail('maximum nesting depth exceeded');
    this.skipSpace();
    if (this.spans === undefined) return this.bare(depth);
    const start = this.pos;
    const node = this.bare(depth);
    this.spans.set(node, { start, end: this.pos });
    return node;
  }

  bare(depth: number): JsonNode {
    const c = this.text[this.pos];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return { kind: 'string', value: this.string() };
    if (this.text.startsWith('true', this.pos)) return this.literal(4, { kind: 'boolean', value: true });
    if (this.text.startsWith('false', this.pos)) return this.literal(5, { kind: 'boolean', value: false });
    if (this.text.startsWith('null', this.pos)) return this.literal(4, { kind: 'null' });
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (m === null) this.fail('expected a JSON value (String, Number, Array, Object or token null, true or false)');
    this.pos += m[0].length;
    return { kind: 'number', text: m[0] };
  }

  literal(length: number, node: JsonNode): JsonNode {
    this.pos += length;
    return node;
  }

  object(depth: number): JsonNode {
    this.pos++;
    const entries: JsonEntry[] = [];
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return { kind: 'object', entries };
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') this.fail('was expecting double-quote to start field name');
      const key = this.string();
      this.skipSpace();
      if (this.text[this.pos] !== ':') this.fail('was expecting a colon to separate field name and value');
      this.pos++;
      entries.push({ key, value: this.value(depth + 1) });
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === '}') {
        this.pos++;
        return { kind: 'object', entries };
      }
      if (c !== ',') this.fail('was expecting comma to separate Object entries');
      this.pos++;
    }
  }

  array(depth: number): JsonNode {
    this.pos++;
    const items: JsonNode[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return { kind: 'array', items };
    }
    for (;;) {
      items.push(this.value(depth + 1));
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === ']') {
        this.pos++;
        return { kind: 'array', items };
      }
      if (c !== ',') this.fail('was expecting comma to separate Array entries');
      this.pos++;
    }
  }

  string(): string {
    const t = this.text;
    let out = '';
    let start = ++this.pos;
    for (;;) {
      if (this.pos >= t.length) this.fail('was expecting closing quote for a string value');
      const c = t.charCodeAt(this.pos);
      if (c === 0x22) {
        out += t.slice(start, this.pos++);
        return out;
      }
      if (c < 0x20) this.fail('control characters must be escaped in a string value');
      if (c !== 0x5c) {
        this.pos++;
        continue;
      }
      out += t.slice(start, this.pos);
      const e = t[this.pos + 1] ?? '';
      if (e === 'u') {
        const hex = t.slice(this.pos + 2, this.pos + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('expected four hex digits in a character escape');
        out += String.fromCharCode(parseInt(hex, 16));
        this.pos += 6;
      } else {
        const plain = ESCAPES[e];
        if (plain === undefined) this.fail('unrecognized character escape');
        out += plain;
        this.pos += 2;
      }
      start = this.pos;
    }
  }
}

/** Reads `text` as one JSON value; undefined when it is not valid JSON (or nests too deep). */
export function readJson(text: string): JsonNode | undefined {
  const reader = new Reader(text);
  try {
    const node = reader.value(0);
    reader.skipSpace();
    return reader.pos === text.length ? node : undefined;
  } catch {
    // A JsonSyntaxError, or a RangeError should an engine's stack be smaller than MAX_JSON_DEPTH frames.
    return undefined;
  }
}

export interface PositionedJson {
  readonly root: JsonNode;
  /** Where `node` (any node of this tree) stands in the text. */
  span(node: JsonNode): JsonSpan;
}

export type ReadPositionedResult = { readonly ok: true; readonly json: PositionedJson } | { readonly ok: false; readonly offset: number; readonly reason: string };

/** Like readJson, keeping each node's span; on failure, where and why (in Jackson's words). */
export function readJsonPositioned(text: string): ReadPositionedResult {
  const spans = new WeakMap<JsonNode, JsonSpan>();
  const reader = new Reader(text, spans);
  try {
    const root = reader.value(0);
    reader.skipSpace();
    if (reader.pos !== text.length) reader.fail('expected end of input');
    return { ok: true, json: { root, span: (node) => spans.get(node) ?? { start: 0, end: 0 } } };
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { ok: false, offset: error.offset, reason: error.reason };
    return { ok: false, offset: reader.pos, reason: 'maximum nesting depth exceeded' };
  }
}

/** Line (1-based) and column (0-based, in UTF-16 units) of an offset. */
export function lineColumn(text: string, offset: number): { readonly line: number; readonly column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart };
}

/** The value of member `key`; with duplicate keys the last one wins, as in Jackson and JSON.parse. */
export function member(node: JsonObject, key: string): JsonNode | undefined {
  for (let i = node.entries.length - 1; i >= 0; i--) {
    const entry = node.entries[i];
    if (entry !== undefined && entry.key === key) return entry.value;
  }
  return undefined;
}

/** The distinct member names of an object, in order of first appearance. */
export function memberNames(node: JsonObject): readonly string[] {
  return [...new Set(node.entries.map((e) => e.key))];
}
