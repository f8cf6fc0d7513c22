// Encodes operation results and errors as AWS Query XML, driven by the service
// model: `<XResponse><XResult>..</XResult><ResponseMetadata>..` and `<ErrorResponse>`.
import type { ErrorType } from '../errors.js';
import { getShape, type OperationModel, type ServiceModel, type Shape, type ShapeRef, type StructureShape } from '../model/service-model.js';
import { isWireObject, type WireObject, type WireValue } from '../wire-value.js';
import { orderedMembers } from './element-order.js';
import { XmlWriter } from './xml-writer.js';

export const XML_CONTENT_TYPE = 'text/xml';

/** What an error response needs; an IamError has all of it. */
export interface EncodableError {
  code: string;
  type: ErrorType;
  message: string;
}

export function encodeResult(
  model: ServiceModel,
  operation: OperationModel | string,
  output: WireObject | undefined,
  requestId: string,
): string {
  const op = typeof operation === 'string' ? model.operations[operation] : operation;
  if (op === undefined) throw new Error(`operation ${String(operation)} is not in the ${model.metadata.serviceId} model`);
  const xml = new XmlWriter();
  const root = `${op.name}Response`;
  xml.open(root, model.metadata.xmlNamespace);
  if (op.output !== undefined) {
    try {
      writeValue(xml, model, { shape: op.output }, op.resultWrapper ?? `${op.name}Result`, output ?? {});
    } catch (error) {
      if (error instanceof ShapeMismatch) throw new Error(`${[op.name, ...error.segments].join('')}: ${error.message}`);
      throw error;
    }
  }
  xml.open('ResponseMetadata');
  xml.text('RequestId', requestId);
  xml.close('ResponseMetadata');
  xml.close(root);
  return xml.toString();
}

export function encodeError(model: ServiceModel, error: EncodableError, requestId: string): string {
  const xml = new XmlWriter();
  xml.open('ErrorResponse', model.metadata.xmlNamespace);
  xml.open('Error');
  xml.text('Type', error.type);
  xml.text('Code', error.code);
  xml.text('Message', error.message);
  xml.close('Error');
  xml.text('RequestId', requestId);
  xml.close('ErrorResponse');
  return xml.toString();
}

const DAY_MS = 86_400_000;
/** 10000-01-01T00:00:00Z: beyond it toISOString writes a sign and six year digits. */
const YEAR_10000_MS = 253_402_300_800_000;
/** `YYYY-MM-DDT` per day since 1970; a page of entities mostly shares a few days. */
const dayPrefixes = new Map<number, string>();
const MAX_DAY_PREFIXES = 4096;

const two = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** AWS Query timestamps: ISO 8601 in UTC to the second, `2024-01-02T03:04:05Z`. */
export function formatTimestamp(date: Date): string {
  const ms = date.getTime();
  if (!(ms >= 0 && ms < YEAR_10000_MS)) {
    // Before 1970, after 9999 or invalid (toISOString throws): the general form.
    const iso = date.toISOString();
    return iso.length === 24 ? `${iso.slice(0, 19)}Z` : iso.replace(/\.\d{3}Z$/, 'Z');
  }
  // toISOString costs about a microsecond a date; a ListUsers page writes a hundred.
  const day = Math.floor(ms / DAY_MS);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    if (dayPrefixes.size >= MAX_DAY_PREFIXES) dayPrefixes.clear();
    prefix = date.toISOString().slice(0, 11);
    dayPrefixes.set(day, prefix);
  }
  const seconds = Math.floor((ms - day * DAY_MS) / 1000);
  return `${prefix}${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}Z`;
}

/** A value that does not fit its shape: a bug in an operation's output, reported with its path. */
class ShapeMismatch extends Error {
  readonly segments: string[] = [];
}

/** A structure member in wire order, with its element name: computed once per shape. */
interface Member {
  readonly name: string;
  readonly ref: ShapeRef;
  readonly element: string;
}
const memberOrder = new WeakMap<StructureShape, readonly Member[]>();
function membersInOrder(shapeName: string, shape: StructureShape): readonly Member[] {
  let order = memberOrder.get(shape);
  if (order === undefined) {
    order = orderedMembers(shapeName, Object.keys(shape.members)).flatMap((name) => {
      const ref = shape.members[name];
      return ref === undefined ? [] : [{ name, ref, element: ref.locationName ?? name }];
    });
    memberOrder.set(shape, order);
  }
  return order;
}

function mismatch(shape: Shape, ref: ShapeRef): ShapeMismatch {
  return new ShapeMismatch(`value does not fit ${shape.type} shape ${ref.shape}`);
}

/** Writes a member (by name) or list item (by index), naming it in a mismatch's path; the path is built only then. */
function writeChild(xml: XmlWriter, model: ServiceModel, ref: ShapeRef, name: string, value: WireValue, at: string | number): void {
  try {
    writeValue(xml, model, ref, name, value);
  } catch (error) {
    if (error instanceof ShapeMismatch) error.segments.unshift(typeof at === 'number' ? `[${at}]` : `.${at}`);
    throw error;
  }
}

function writeValue(xml: XmlWriter, model: ServiceModel, ref: ShapeRef, name: string, value: WireValue): void {
  const shape = getShape(model, ref.shape);
  switch (shape.type) {
    case 'structure': {
      if (!isWireObject(value)) throw mismatch(shape, ref);
      const members = membersInOrder(ref.shape, shape);
      if (!members.some((m) => value[m.name] !== undefined)) {
        xml.empty(name, ref.xmlNamespace);
        return;
      }
      xml.open(name, ref.xmlNamespace);
      for (const member of members) {
        const memberValue = value[member.name];
        if (memberValue !== undefined) writeChild(xml, model, member.ref, member.element, memberValue, member.name);
      }
      xml.close(name);
      return;
    }
    case 'list': {
      if (!Array.isArray(value)) throw mismatch(shape, ref);
      const items: readonly WireValue[] = value;
      if (shape.flattened === true || ref.flattened === true) {
        const itemName = shape.member.locationName ?? name;
        items.forEach((item, i) => writeChild(xml, model, shape.member, itemName, item, i));
        return;
      }
      if (items.length === 0) {
        xml.empty(name, ref.xmlNamespace);
        return;
      }
      xml.open(name, ref.xmlNamespace);
      const itemName = shape.member.locationName ?? 'member';
      items.forEach((item, i) => writeChild(xml, model, shape.member, itemName, item, i));
      xml.close(name);
      return;
    }
    case 'map': {
      if (!isWireObject(value)) throw mismatch(shape, ref);
      const flattened = shape.flattened === true || ref.flattened === true;
      const entries = Object.entries(value).filter((e): e is [string, WireValue] => e[1] !== undefined);
      if (!flattened && entries.length === 0) {
        xml.empty(name, ref.xmlNamespace);
        return;
      }
      if (!flattened) xml.open(name, ref.xmlNamespace);
      const entryName = flattened ? name : 'entry';
      for (const [key, entryValue] of entries) {
        xml.open(entryName);
        writeChild(xml, model, shape.key, shape.key.locationName ?? 'key', key, key);
        writeChild(xml, model, shape.value, shape.value.locationName ?? 'value', entryValue, key);
        xml.close(entryName);
      }
      if (!flattened) xml.close(name);
      return;
    }
    default:
      xml.text(name, scalarText(value, shape, ref), ref.xmlNamespace);
  }
}

function scalarText(value: WireValue, shape: Shape, ref: ShapeRef): string {
  const type = shape.type;
  if (value instanceof Date) {
    if (type !== 'timestamp') throw mismatch(shape, ref);
    return formatTimestamp(value);
  }
  if (value instanceof Uint8Array) {
    if (type !== 'blob') throw mismatch(shape, ref);
    return Buffer.from(value).toString('base64');
  }
  if (typeof value === 'boolean') {
    if (type !== 'boolean') throw mismatch(shape, ref);
    return value ? 'true' : 'false';
  }
  if (typeof value === 'number') {
    if (type === 'timestamp') return formatTimestamp(new Date(value * 1000));
    if (type === 'string' || type === 'boolean' || type === 'blob') throw mismatch(shape, ref);
    return String(value);
  }
  // Strings pass through for every scalar type: a stored ISO timestamp or decimal text is already wire form.
  if (typeof value === 'string') return value;
  throw mismatch(shape, ref);
}
