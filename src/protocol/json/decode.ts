// A JSON request body -> the operation's input as WireObject, read through the model:
// timestamps from epoch seconds, blobs from base64, unknown members dropped (as AWS's
// services ignore them), wrong types refused with SerializationException, then the
// model's constraints checked with AWS's ValidationException wording.

import { getShape, type ServiceModel } from '../model/service-model.js';
import { validateInput } from '../query/validate.js';
import { validationMessage } from '../query/violation.js';
import type { WireObject, WireValue } from '../wire-value.js';
import { JsonServiceError } from './json-error.js';

const MAX_DEPTH = 32;

/** Parses and checks `body` as input shape `shapeName` (undefined: the operation takes none). */
export function decodeJsonInput(model: ServiceModel, shapeName: string | undefined, body: string): WireObject {
  const parsed = parseJsonBody(body);
  if (shapeName === undefined) return {};
  const input = readJsonInput(model, shapeName, parsed);
  const result = validateInput(model, shapeName, input);
  if (result.violations.length > 0) throw new JsonServiceError('ValidationException', result.overrideMessage ?? validationMessage(result.violations));
  return input;
}

/** The body as JSON (empty: `{}`); SerializationException when it is not JSON. */
export function parseJsonBody(body: string): unknown {
  try {
    return body.trim() === '' ? {} : (JSON.parse(body) as unknown);
  } catch {
    throw new JsonServiceError('SerializationException', 'The request body is not valid JSON.');
  }
}

/** Reads a parsed JSON value as input shape `shapeName`, without the model's constraints. */
export function readJsonInput(model: ServiceModel, shapeName: string, parsed: unknown): WireObject {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new JsonServiceError('SerializationException', 'Start of structure or map found where not expected.');
  }
  return readShape(model, shapeName, parsed, '', 0) as WireObject;
}

function mismatch(path: string, expected: string): never {
  throw new JsonServiceError('SerializationException', `Unexpected value type at '${path || 'input'}': expected ${expected}.`);
}

function readShape(model: ServiceModel, shapeName: string, value: unknown, path: string, depth: number): WireValue | undefined {
  if (value === null) return undefined;
  if (depth > MAX_DEPTH) mismatch(path, 'less nesting');
  const shape = getShape(model, shapeName);
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || Array.isArray(value)) mismatch(path, 'an object');
      const out: Record<string, WireValue> = {};
      for (const [member, ref] of Object.entries(shape.members)) {
        if (!Object.hasOwn(value, member)) continue;
        const read = readShape(model, ref.shape, (value as Record<string, unknown>)[member], path === '' ? member : `${path}.${member}`, depth + 1);
        if (read !== undefined) out[member] = read;
      }
      return out;
    }
    case 'list': {
      if (!Array.isArray(value)) mismatch(path, 'a list');
      const items: WireValue[] = [];
      value.forEach((item: unknown, i: number) => {
        const read = readShape(model, shape.member.shape, item, `${path}[${i}]`, depth + 1);
        if (read !== undefined) items.push(read);
      });
      return items;
    }
    case 'map': {
      if (typeof value !== 'object' || Array.isArray(value)) mismatch(path, 'a map');
      const out: Record<string, WireValue> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const read = readShape(model, shape.value.shape, v, `${path}.${k}`, depth + 1);
        if (read !== undefined) Object.defineProperty(out, k, { value: read, enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    case 'string':
      return typeof value === 'string' ? value : mismatch(path, 'a string');
    case 'boolean':
      return typeof value === 'boolean' ? value : mismatch(path, 'a boolean');
    case 'integer':
    case 'long':
      return typeof value === 'number' && Number.isInteger(value) ? value : mismatch(path, 'an integer');
    case 'float':
    case 'double':
      return typeof value === 'number' ? value : mismatch(path, 'a number');
    case 'timestamp':
      if (typeof value === 'number' && Number.isFinite(value)) return new Date(value * 1000);
      if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return new Date(value);
      return mismatch(path, 'a timestamp');
    case 'blob':
      return typeof value === 'string' ? new Uint8Array(Buffer.from(value, 'base64')) : mismatch(path, 'base64 text');
  }
}
