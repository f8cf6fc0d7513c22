// JSON text as a stream of chunks, byte for byte what `JSON.stringify(value, null, indent)`
// returns, so a report larger than V8's longest string (about 512 MiB) can still be written
// to a file piece by piece. Containers with many entries (and the first levels) are walked
// here; each smaller subtree is one JSON.stringify call, indented to its depth (JSON text
// has no raw newline inside strings, so every newline in it is one of the indentation's).

export interface JsonChunksOptions {
  /** Spaces per level, as JSON.stringify's third argument (default 2). */
  readonly indent?: number;
  /** Chunks are about this long, in UTF-16 code units (default 64 KiB); a subtree may make one longer. */
  readonly chunkSize?: number;
  /**
   * Arrays and objects with more entries than this are walked entry by entry; smaller ones
   * (below the first `walkDepth` levels) are stringified whole (default 64).
   */
  readonly walkAbove?: number;
  /** Levels always walked entry by entry (default 2). */
  readonly walkDepth?: number;
}

type Json = unknown;

/** What JSON.stringify does with a value before writing it: toJSON, boxed primitives. */
function prepare(holderKey: string, value: Json): Json {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON(key: string): Json }).toJSON(holderKey);
  } else if (typeof value === 'bigint' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as unknown as { toJSON(key: string): Json }).toJSON(holderKey);
  }
  if (value instanceof Number || value instanceof String || value instanceof Boolean) return value.valueOf();
  return value;
}

/** Whether JSON.stringify leaves the value out of an object (and writes null in an array). */
function omitted(value: Json): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

export function* jsonChunks(value: Json, options: JsonChunksOptions = {}): Generator<string, void, undefined> {
  const indent = ' '.repeat(Math.min(10, Math.max(0, options.indent ?? 2)));
  const chunkSize = options.chunkSize ?? 65536;
  const walkAbove = options.walkAbove ?? 64;
  const walkDepth = options.walkDepth ?? 2;
  const pads: string[] = [];
  const pad = (depth: number): string => (pads[depth] ??= `\n${indent.repeat(depth)}`);
  let buffer = '';

  function* write(text: string): Generator<string, void, undefined> {
    buffer += text;
    if (buffer.length >= chunkSize) {
      yield buffer;
      buffer = '';
    }
  }

  /** `value` (already prepared, not omitted) at `depth`. */
  function* emit(value: Json, depth: number): Generator<string, void, undefined> {
    if (value === null || typeof value !== 'object') {
      yield* write(JSON.stringify(value));
      return;
    }
    const isArray = Array.isArray(value);
    const size = isArray ? value.length : Object.keys(value).length;
    if (depth >= walkDepth && size <= walkAbove) {
      const text = JSON.stringify(value, null, indent);
      yield* write(depth === 0 || indent === '' ? text : text.replaceAll('\n', pad(depth)));
      return;
    }
    if (isArray) {
      if (value.length === 0) return yield* write('[]');
      yield* write('[');
      for (let i = 0; i < value.length; i++) {
        const v = prepare(String(i), value[i]);
        yield* write(i === 0 ? (indent === '' ? '' : pad(depth + 1)) : indent === '' ? ',' : `,${pad(depth + 1)}`);
        if (omitted(v)) yield* write('null');
        else yield* emit(v, depth + 1);
      }
      yield* write(indent === '' ? ']' : `${pad(depth)}]`);
      return;
    }
    let first = true;
    for (const key of Object.keys(value)) {
      const v = prepare(key, (value as Record<string, Json>)[key]);
      if (omitted(v)) continue;
      const sep = first ? (indent === '' ? '{' : `{${pad(depth + 1)}`) : indent === '' ? ',' : `,${pad(depth + 1)}`;
      first = false;
      yield* write(`${sep}${JSON.stringify(key)}${indent === '' ? ':' : ': '}`);
      yield* emit(v, depth + 1);
    }
    yield* write(first ? '{}' : indent === '' ? '}' : `${pad(depth)}}`);
  }

  const top = prepare('', value);
  if (omitted(top)) return;
  yield* emit(top, 0);
  if (buffer !== '') yield buffer;
}
