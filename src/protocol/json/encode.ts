// An operation's result -> JSON text through the output shape: timestamps as epoch
// seconds (fractions kept), blobs as base64, members in the model's order, absent
// members left out.

import { getShape, type ServiceModel } from '../model/service-model.js';
import { isWireObject, type WireObject, type WireValue } from '../wire-value.js';

export function encodeJsonOutput(model: ServiceModel, shapeName: string | undefined, value: WireObject): string {
  if (shapeName === undefined) return '{}';
  return JSON.stringify(writeShape(model, shapeName, value) ?? {});
}

function writeShape(model: ServiceModel, shapeName: string, value: WireValue): unknown {
  const shape = getShape(model, shapeName);
  switch (shape.type) {
    case 'structure': {
      if (!isWireObject(value)) return undefined;
      const out: Record<string, unknown> = {};
      for (const [member, ref] of Object.entries(shape.members)) {
        const v = value[member];
        if (v !== undefined) out[member] = writeShape(model, ref.shape, v);
      }
      return out;
    }
    case 'list':
      return Array.isArray(value) ? (value as readonly WireValue[]).map((item) => writeShape(model, shape.member.shape, item)) : undefined;
    case 'map': {
      if (!isWireObject(value)) return undefined;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = writeShape(model, shape.value.shape, v);
      return out;
    }
    case 'timestamp':
      return value instanceof Date ? value.getTime() / 1000 : value;
    case 'blob':
      return value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value;
    default:
      return value;
  }
}
