// A strict JSON reader (RFC 8259) that keeps what JSON.parse throws away: every
// object member in order (duplicates included), and numbers as written, so a
// condition value `1.50` stays "1.50". It never throws and bounds nesting depth.

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

class JsonSyntaxError {
  constructor(readonly offset: number) {}
}

class Reader {
  pos = 0;
  constructor(private readonly text: string) {}

  fail(): never {
    throw new JsonSyntaxError(this.pos);
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
    if (depth > MAX_JSON_DEPTH) this.fail();
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return { kind: 'string', value: this.string() };
    if (this.text.startsWith('true', this.pos)) return this.literal(4, { kind: 'boolean', value: true });
    if (this.text.startsWith('false', this.pos)) return this.literal(5, { kind: 'boolean', value: false });
    if (this.text.startsWith('null', this.pos)) return this.literal(4, { kind: 'null' });
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (m === null) this.fail();
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
      if (this.text[this.pos] !== '"') this.fail();
      const key = this.string();
      this.skipSpace();
      if (this.text[this.pos] !== ':') this.fail();
      this.pos++;
      entries.push({ key, value: this.value(depth + 1) });
      this.skipSpace();
      const c = this.text[this.pos++];
      if (c === '}') return { kind: 'object', entries };
      if (c !== ',') this.fail();
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
      const c = this.text[this.pos++];
      if (c === ']') return { kind: 'array', items };
      if (c !== ',') this.fail();
    }
  }

  string(): string {
    const t = this.text;
    let out = '';
    let start = ++this.pos;
    for (;;) {
      if (this.pos >= t.length) this.fail();
      const c = t.charCodeAt(this.pos);
      if (c === 0x22) {
        out += t.slice(start, this.pos++);
        return out;
      }
      if (c < 0x20) this.fail();
      if (c !== 0x5c) {
        this.pos++;
        continue;
      }
      out += t.slice(start, this.pos);
      const e = t[this.pos + 1] ?? '';
      if (e === 'u') {
        const hex = t.slice(this.pos + 2, this.pos + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail();
        out += String.fromCharCode(parseInt(hex, 16));
        this.pos += 6;
      } else {
        const plain = ESCAPES[e];
        if (plain === undefined) this.fail();
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
