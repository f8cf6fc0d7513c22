// Encodes operation results and errors as AWS Query XML, driven by the service
// model: `<XResponse><XResult>..</XResult><ResponseMetadata>..` and `<ErrorResponse>`.
import type { ErrorType } from '../errors.js';
import { getShape, type OperationModel, type ServiceModel, type ShapeRef } from '../model/service-model.js';
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
    writeValue(xml, model, { shape: op.output }, op.resultWrapper ?? `${op.name}Result`, output ?? {}, op.name);
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

/** AWS Query timestamps: ISO 8601 in UTC to the second, `2024-01-02T03:04:05Z`. */
export function formatTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function writeValue(
  xml: XmlWriter,
  model: ServiceModel,
  ref: ShapeRef,
  name: string,
  value: WireValue,
  path: string,
): void {
  const shape = getShape(model, ref.shape);
  const mismatch = (): Error => new Error(`${path}: value does not fit ${shape.type} shape ${ref.shape}`);
  switch (shape.type) {
    case 'structure': {
      if (!isWireObject(value)) throw mismatch();
      const present = orderedMembers(ref.shape, Object.keys(shape.members)).filter((m) => value[m] !== undefined);
      if (present.length === 0) {
        xml.empty(name, ref.xmlNamespace);
        return;
      }
      xml.open(name, ref.xmlNamespace);
      for (const member of present) {
        const memberRef = shape.members[member];
        const memberValue = value[member];
        if (memberRef === undefined || memberValue === undefined) continue;
        writeValue(xml, model, memberRef, memberRef.locationName ?? member, memberValue, `${path}.${member}`);
      }
      xml.close(name);
      return;
    }
    case 'list': {
      if (!Array.isArray(value)) throw mismatch();
      const items: readonly WireValue[] = value;
      if (shape.flattened === true || ref.flattened === true) {
        const itemName = shape.member.locationName ?? name;
        items.forEach((item, i) => writeValue(xml, model, shape.member, itemName, item, `${path}[${i}]`));
        return;
      }
      if (items.length === 0) {
        xml.empty(name, ref.xmlNamespace);
        return;
      }
      xml.open(name, ref.xmlNamespace);
      const itemName = shape.member.locationName ?? 'member';
      items.forEach((item, i) => writeValue(xml, model, shape.member, itemName, item, `${path}[${i}]`));
      xml.close(name);
      return;
    }
    case 'map': {
      if (!isWireObject(value)) throw mismatch();
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
        writeValue(xml, model, shape.key, shape.key.locationName ?? 'key', key, `${path}.${key}`);
        writeValue(xml, model, shape.value, shape.value.locationName ?? 'value', entryValue, `${path}.${key}`);
        xml.close(entryName);
      }
      if (!flattened) xml.close(name);
      return;
    }
    default:
      xml.text(name, scalarText(value, shape.type, mismatch), ref.xmlNamespace);
  }
}

function scalarText(value: WireValue, type: string, mismatch: () => Error): string {
  if (value instanceof Date) {
    if (type !== 'timestamp') throw mismatch();
    return formatTimestamp(value);
  }
  if (value instanceof Uint8Array) {
    if (type !== 'blob') throw mismatch();
    return Buffer.from(value).toString('base64');
  }
  if (typeof value === 'boolean') {
    if (type !== 'boolean') throw mismatch();
    return value ? 'true' : 'false';
  }
  if (typeof value === 'number') {
    if (type === 'timestamp') return formatTimestamp(new Date(value * 1000));
    if (type === 'string' || type === 'boolean' || type === 'blob') throw mismatch();
    return String(value);
  }
  // Strings pass through for every scalar type: a stored ISO timestamp or decimal text is already wire form.
  if (typeof value === 'string') return value;
  throw mismatch();
}
