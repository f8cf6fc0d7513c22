// The values the protocol layer moves between the wire and the services: decoded
// request input and encodable results, keyed by the model's member names.

export type WireScalar = string | number | boolean | Date | Uint8Array;

/** A structure (member name -> value) or a map (key -> value). */
export interface WireObject {
  readonly [name: string]: WireValue | undefined;
}

export type WireValue = WireScalar | readonly WireValue[] | WireObject;

export function isWireObject(value: WireValue | undefined): value is WireObject {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Date) &&
    !(value instanceof Uint8Array)
  );
}
