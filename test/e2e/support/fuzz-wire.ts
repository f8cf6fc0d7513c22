// Fuzz support: turns a model-shaped input into AWS Query form parameters (as botocore
// serialises them, each annotated with its shape so mutations know what they break),
// and sends any parameter list signed, byte for byte, without client-side validation.

import { getShape, loadServiceModel, type ServiceName, type Shape, type ShapeRef } from '../../../src/protocol/model/service-model.js';
import { isWireObject, type WireObject, type WireValue } from '../../../src/protocol/wire-value.js';
import { send, signPost, type Credentials, type WireResponse } from '../../support/signed-request.js';

export interface FuzzParam {
  readonly name: string;
  readonly value: string;
  /** The value is already percent-encoded (to send bytes that are not UTF-8). */
  readonly raw?: boolean;
  /** The model shape this parameter carries; absent for junk parameters. */
  readonly shape?: Shape;
  readonly shapeName?: string;
}

/** The parameters for `value` of structure `shapeName`, in member order. */
export function encodeInput(service: ServiceName, shapeName: string, value: WireObject): FuzzParam[] {
  const model = loadServiceModel(service);
  const out: FuzzParam[] = [];
  const walk = (ref: ShapeRef, prefix: string, v: WireValue): void => {
    const shape = getShape(model, ref.shape);
    switch (shape.type) {
      case 'structure': {
        if (!isWireObject(v)) return;
        for (const [member, memberRef] of Object.entries(shape.members)) {
          const child = v[member];
          if (child === undefined) continue;
          const name = memberRef.locationName ?? member;
          walk(memberRef, prefix === '' ? name : `${prefix}.${name}`, child);
        }
        return;
      }
      case 'list': {
        if (!Array.isArray(v)) return;
        const items = v as readonly WireValue[];
        if (items.length === 0) {
          out.push({ name: prefix, value: '', shape, shapeName: ref.shape });
          return;
        }
        const flattened = shape.flattened === true || ref.flattened === true;
        const base = flattened ? prefix : `${prefix}.${shape.member.locationName ?? 'member'}`;
        items.forEach((item, i) => walk(shape.member, `${base}.${i + 1}`, item));
        return;
      }
      case 'map': {
        if (!isWireObject(v)) return;
        const flattened = shape.flattened === true || ref.flattened === true;
        const base = flattened ? prefix : `${prefix}.entry`;
        Object.entries(v).forEach(([key, entry], i) => {
          if (entry === undefined) return;
          out.push({ name: `${base}.${i + 1}.${shape.key.locationName ?? 'key'}`, value: key, shape: getShape(model, shape.key.shape), shapeName: shape.key.shape });
          walk(shape.value, `${base}.${i + 1}.${shape.value.locationName ?? 'value'}`, entry);
        });
        return;
      }
      default:
        out.push({ name: prefix, value: scalarText(v), shape, shapeName: ref.shape });
    }
  };
  walk({ shape: shapeName }, '', value);
  return out;
}

function scalarText(v: WireValue): string {
  if (v instanceof Date) return v.toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  return String(v);
}

// Lone surrogates would make encodeURIComponent throw; encoding the UTF-8 bytes never does.
function percentEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export const API_VERSION: Readonly<Record<ServiceName, string>> = { iam: '2010-05-08', sts: '2011-06-15' };

export function formOf(action: string, service: ServiceName, params: readonly FuzzParam[]): string {
  const head = `Action=${percentEncode(action)}&Version=${API_VERSION[service]}`;
  return [head, ...params.map((p) => `${percentEncode(p.name)}=${p.raw === true ? p.value : percentEncode(p.value)}`)].join('&');
}

/** One signed POST of `action` with exactly `params`. */
export async function callAction(
  baseUrl: string,
  credentials: Credentials,
  service: ServiceName,
  action: string,
  params: readonly FuzzParam[],
): Promise<WireResponse> {
  const request = await signPost(baseUrl, formOf(action, service, params), { credentials, service, signingDate: new Date() });
  return send(request);
}

/** `Name=value&...` as a reproducer line for reports (values shortened). */
export function describeParams(params: readonly FuzzParam[]): string {
  return params
    .map((p) => `${p.name}=${p.raw === true ? `<raw ${p.value}>` : JSON.stringify(p.value.length > 120 ? `${p.value.slice(0, 120)}...(${p.value.length} chars)` : p.value)}`)
    .join(' ');
}
