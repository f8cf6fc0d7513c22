// Test support: a deterministic sample value for any model shape (every member
// set, lists of two, maps of two), used to round-trip all operations through
// the real AWS SDK clients. Not part of the build.
import type { WireObject, WireValue } from '../wire-value.js';
import { getShape, type ServiceModel } from './service-model.js';

// Deep enough for every IAM/STS shape; a guard in case a model ever recurses.
const MAX_DEPTH = 8;

export function sampleValue(model: ServiceModel, shapeName: string, seed = 0): WireValue | undefined {
  let counter = seed;
  const next = (): number => ++counter;

  const build = (name: string, label: string, depth: number): WireValue | undefined => {
    if (depth > MAX_DEPTH) return undefined;
    const shape = getShape(model, name);
    switch (shape.type) {
      case 'structure': {
        const out: Record<string, WireValue> = {};
        for (const [member, ref] of Object.entries(shape.members)) {
          const value = build(ref.shape, member, depth + 1);
          if (value !== undefined) out[member] = value;
        }
        return out satisfies WireObject;
      }
      case 'list': {
        const items: WireValue[] = [];
        for (let i = 0; i < 2; i++) {
          const item = build(shape.member.shape, label, depth + 1);
          if (item !== undefined) items.push(item);
        }
        return items;
      }
      case 'map': {
        const out: Record<string, WireValue> = {};
        for (let i = 0; i < 2; i++) {
          const key = build(shape.key.shape, `${label}Key`, depth + 1);
          const value = build(shape.value.shape, `${label}Value`, depth + 1);
          if (typeof key === 'string' && value !== undefined) out[key] = value;
        }
        return out;
      }
      case 'string': {
        const n = next();
        if (shape.enum !== undefined) return shape.enum[n % shape.enum.length];
        // Characters that XML and form encoding must both escape.
        return `${label}-${n} <&> "q" 'a' /+=%`;
      }
      case 'integer':
      case 'long':
        return next();
      case 'float':
      case 'double':
        return next() + 0.5;
      case 'boolean':
        return next() % 2 === 0;
      case 'timestamp':
        // Whole seconds: AWS Query timestamps carry no milliseconds.
        return new Date(Date.UTC(2024, 0, 2, 3, 4, 5) + next() * 61_000);
      case 'blob':
        return new Uint8Array([1, 2, next() % 256, 0xff]);
    }
  };

  return build(shapeName, shapeName, 0);
}
