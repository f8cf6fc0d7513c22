// An operation's result -> JSON text through the output shape: timestamps as epoch
// seconds (fractions kept) unless the protocol says otherwise, blobs as base64, members in
// the model's order, absent members and members bound to a header, label or query string
// (REST-JSON) left out of the body.

import { getShape, type ServiceModel } from '../model/service-model.js';
import { isWireObject, type WireObject, type WireValue } from '../wire-value.js';

/** How a protocol writes a timestamp: JSON 1.1 as epoch seconds, REST-JSON as ISO-8601. */
export type TimestampWriter = (date: Date) => string | number;

const epochSeconds: TimestampWriter = (date) => date.getTime() / 1000;

export function encodeJsonOutput(model: ServiceModel, shapeName: string | undefined, value: WireObject, timestamp: TimestampWriter = epochSeconds): string {
  if (shapeName === undefined) return '{}';
  return JSON.stringify(writeShape(model, shapeName, value, timestamp) ?? {});
}

function writeShape(model: ServiceModel, shapeName: string, value: WireValue, timestamp: TimestampWriter): unknown {
  const shape = getShape(model, shapeName);
  switch (shape.type) {
    case 'structure': {
      if (!isWireObject(value)) return undefined;
      const out: Record<string, unknown> = {};
      for (const [member, ref] of Object.entries(shape.members)) {
        const v = value[member];
        if (v !== undefined && ref.location === undefined) out[member] = writeShape(model, ref.shape, v, timestamp);
      }
      return out;
    }
    case 'list':
      return Array.isArray(value) ? (value as readonly WireValue[]).map((item) => writeShape(model, shape.member.shape, item, timestamp)) : undefined;
    case 'map': {
      if (!isWireObject(value)) return undefined;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = writeShape(model, shape.value.shape, v, timestamp);
      return out;
    }
    case 'timestamp':
      return value instanceof Date ? timestamp(value) : value;
    case 'blob':
      return value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value;
    default:
      return value;
  }
}
