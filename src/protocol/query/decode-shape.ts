// Decodes an AWS Query parameter tree into a value of a model shape, following
// botocore's query serializer: `Name.member.N` lists, `Name.entry.N.key/value`
// maps, `Name.Member` structures, `Name.N` when flattened, and `Name=` for [].
import { getShape, type ServiceModel, type Shape, type ShapeRef } from '../model/service-model.js';
import { isWireObject, type WireObject, type WireValue } from '../wire-value.js';
import { indexedChildren, type ParamNode } from './param-tree.js';
import { memberPath } from './violation.js';

interface Context {
  model: ServiceModel;
  /** The first value that could not be read as its shape's type (`MaxItems=abc`). */
  malformed?: string;
}

// AWS reads integers as Java int and longs as Java long: `+900` and `0900` are
// fine, `900.0` and 2147483648 (for an integer) are MalformedInput.
const INTEGER = /^[+-]?\d+$/;
const INT_RANGE = { integer: [-(2 ** 31), 2 ** 31 - 1], long: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER] } as const;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export type DecodeResult = { ok: true; value: WireObject } | { ok: false; malformed: string };

/**
 * Decodes the members of structure `shapeName` found in `root`. A value that
 * cannot be read as its type fails the whole request (AWS's MalformedInput),
 * before any constraint is checked.
 */
export function decodeStructure(model: ServiceModel, shapeName: string, root: ParamNode): DecodeResult {
  const ctx: Context = { model };
  const value = decodeNode(ctx, { shape: shapeName }, root, '');
  if (ctx.malformed !== undefined) return { ok: false, malformed: ctx.malformed };
  return { ok: true, value: isWireObject(value) ? value : {} };
}

function decodeNode(ctx: Context, ref: ShapeRef, node: ParamNode, path: string): WireValue | undefined {
  const shape = getShape(ctx.model, ref.shape);
  switch (shape.type) {
    case 'structure': {
      const out: Record<string, WireValue> = {};
      for (const [name, member] of Object.entries(shape.members)) {
        const child = node.children.get(member.locationName ?? name);
        if (child === undefined) continue;
        const value = decodeNode(ctx, member, child, memberPath(path, name));
        if (value !== undefined) out[name] = value;
      }
      return out;
    }
    case 'list': {
      const flattened = shape.flattened === true || ref.flattened === true;
      const container = flattened ? node : node.children.get(shape.member.locationName ?? 'member');
      const items: WireValue[] = [];
      for (const { node: child } of container ? indexedChildren(container) : []) {
        const value = decodeNode(ctx, shape.member, child, `${path}.${items.length + 1}.member`);
        if (value !== undefined) items.push(value);
      }
      // `Tags=` is how the query protocol sends an empty list; stray children alone are not a list.
      if (items.length === 0 && node.value === undefined) return undefined;
      return items;
    }
    case 'map': {
      const flattened = shape.flattened === true || ref.flattened === true;
      const container = flattened ? node : node.children.get('entry');
      const keyName = shape.key.locationName ?? 'key';
      const valueName = shape.value.locationName ?? 'value';
      const out: Record<string, WireValue> = {};
      for (const { index, node: entry } of container ? indexedChildren(container) : []) {
        const key = entry.children.get(keyName)?.value;
        const valueNode = entry.children.get(valueName);
        if (key === undefined || valueNode === undefined) continue;
        const value = decodeNode(ctx, shape.value, valueNode, `${path}.entry.${index}.value`);
        if (value !== undefined) out[key] = value;
      }
      return out;
    }
    default:
      return node.value === undefined ? undefined : decodeScalar(ctx, shape, node.value, path);
  }
}

function decodeScalar(ctx: Context, shape: Shape, raw: string, path: string): WireValue | undefined {
  const fail = (type: string): undefined => {
    // Only the empty case's wording is known from AWS; the others follow it.
    ctx.malformed ??=
      raw === '' ? `missing value for ${type} type` : `invalid value for ${type} type at '${path}'`;
    return undefined;
  };
  switch (shape.type) {
    case 'string':
      return raw;
    case 'integer':
    case 'long': {
      const [min, max] = INT_RANGE[shape.type];
      const n = Number(raw);
      return INTEGER.test(raw) && n >= min && n <= max ? n : fail('decimal');
    }
    case 'float':
    case 'double':
      return DECIMAL.test(raw) ? Number(raw) : fail('decimal');
    case 'boolean': {
      const lower = raw.toLowerCase();
      return lower === 'true' ? true : lower === 'false' ? false : fail('boolean');
    }
    case 'timestamp':
      return parseTimestamp(raw) ?? fail('timestamp');
    case 'blob':
      return BASE64.test(raw) ? new Uint8Array(Buffer.from(raw, 'base64')) : fail('blob');
    default:
      return undefined;
  }
}

/** Query timestamps are ISO 8601; epoch seconds are accepted too, as botocore can send them. */
function parseTimestamp(raw: string): Date | undefined {
  if (/^\d+(\.\d+)?$/.test(raw)) return new Date(Number(raw) * 1000);
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(raw)) return undefined;
  // A time without a zone is UTC on the wire; JavaScript would read it as local time.
  const zoned = /T/.test(raw) && !/(Z|[+-]\d{2}:?\d{2})$/.test(raw) ? `${raw}Z` : raw;
  const date = new Date(zoned);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
