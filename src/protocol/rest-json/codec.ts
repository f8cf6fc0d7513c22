// REST-JSON requests and answers through the model: the input gathered from path labels, query
// string, headers and the JSON body, checked against the model's constraints; the output as JSON
// with ISO-8601 timestamps (the service's timestampFormat), members in the model's order.

import { readJsonInput } from '../json/decode.js';
import { encodeJsonOutput } from '../json/encode.js';
import { JsonServiceError } from '../json/json-error.js';
import { getShape, type ServiceModel } from '../model/service-model.js';
import { validateInput } from '../query/validate.js';
import type { WireObject, WireValue } from '../wire-value.js';
import { fieldValidationFailed, validationException } from './rest-json-error.js';

export interface RestInput {
  readonly labels: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: string;
}

function scalar(model: ServiceModel, shapeName: string, text: string, name: string): WireValue {
  const shape = getShape(model, shapeName);
  switch (shape.type) {
    case 'integer':
    case 'long': {
      if (!/^-?\d+$/.test(text)) throw validationException(`Invalid value for ${name}: expected an integer.`, 'cannotParse');
      return Number(text);
    }
    case 'boolean':
      if (text !== 'true' && text !== 'false') throw validationException(`Invalid value for ${name}: expected a boolean.`, 'cannotParse');
      return text === 'true';
    case 'timestamp':
      if (Number.isNaN(Date.parse(text))) throw validationException(`Invalid value for ${name}: expected a timestamp.`, 'cannotParse');
      return new Date(text);
    default:
      return text;
  }
}

export function decodeRestJsonInput(model: ServiceModel, shapeName: string | undefined, req: RestInput): WireObject {
  if (shapeName === undefined) return {};
  const shape = getShape(model, shapeName);
  if (shape.type !== 'structure') return {};
  let parsed: unknown;
  try {
    parsed = req.body.trim() === '' ? {} : JSON.parse(req.body);
  } catch {
    throw validationException('The request body is not valid JSON.', 'cannotParse');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw validationException('The request body must be a JSON object.', 'cannotParse');
  const bodyMembers: Record<string, unknown> = {};
  for (const [member, ref] of Object.entries(shape.members)) {
    if (ref.location === undefined && Object.hasOwn(parsed, member)) bodyMembers[member] = (parsed as Record<string, unknown>)[member];
  }
  const input: Record<string, WireValue | undefined> = { ...readJsonInput(model, shapeName, bodyMembers) };
  for (const [member, ref] of Object.entries(shape.members)) {
    const name = ref.locationName ?? member;
    let text: string | undefined;
    if (ref.location === 'uri') text = req.labels[name];
    else if (ref.location === 'querystring') {
      const memberShape = getShape(model, ref.shape);
      if (memberShape.type === 'list') {
        const all = req.query.getAll(name);
        if (all.length > 0) input[member] = all;
        continue;
      }
      text = req.query.get(name) ?? undefined;
    } else if (ref.location === 'header') text = req.headers[name.toLowerCase()];
    if (text !== undefined) input[member] = scalar(model, ref.shape, text, name);
  }
  const result = validateInput(model, shapeName, input);
  if (result.violations.length > 0) throw fieldValidationFailed(result.violations);
  return input;
}

/** Access Analyzer's timestampFormat: ISO-8601, whole seconds without a fraction. */
const isoTimestamp = (date: Date): string => date.toISOString().replace(/\.000Z$/, 'Z');

export function encodeRestJsonOutput(model: ServiceModel, shapeName: string | undefined, value: WireObject): string {
  return encodeJsonOutput(model, shapeName, value, isoTimestamp);
}

export { JsonServiceError };
