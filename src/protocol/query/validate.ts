// Checks a decoded input against its model shape (required, length, pattern,
// enum, range) and reports violations in AWS's order and wording.
import { getShape, type ServiceModel, type Shape, type StructureShape } from '../model/service-model.js';
import { isWireObject, type WireValue } from '../wire-value.js';
import { compilePattern } from './pattern.js';
import { memberPath, renderValue, type Violation } from './violation.js';

export interface ValidateOptions {
  /** Model pattern -> replacement message for the whole error (IAM's name and path sentences). */
  patternMessages?: ReadonlyMap<string, (member: string) => string>;
}

export interface ValidationResult {
  violations: Violation[];
  /** Set when a pattern with its own sentence failed: that sentence is then the whole message. */
  overrideMessage?: string;
}

interface Context {
  model: ServiceModel;
  options: ValidateOptions;
  result: ValidationResult;
}

export function validateInput(
  model: ServiceModel,
  shapeName: string,
  value: WireValue,
  options: ValidateOptions = {},
): ValidationResult {
  const ctx: Context = { model, options, result: { violations: [] } };
  const shape = getShape(model, shapeName);
  if (shape.type === 'structure' && isWireObject(value)) validateStructure(ctx, shape, value, '');
  return ctx.result;
}

function validateStructure(ctx: Context, shape: StructureShape, value: Record<string, WireValue | undefined>, path: string): void {
  const required = new Set(shape.required ?? []);
  for (const [name, ref] of Object.entries(shape.members)) {
    const member = value[name];
    const memberAt = memberPath(path, name);
    if (member === undefined) {
      if (required.has(name)) {
        ctx.result.violations.push({ path: memberAt, value: null, sensitive: false, constraint: 'Member must not be null' });
      }
      continue;
    }
    validateValue(ctx, getShape(ctx.model, ref.shape), member, memberAt, name);
  }
}

function validateValue(ctx: Context, shape: Shape, value: WireValue, path: string, memberName: string): void {
  const sensitive = 'sensitive' in shape && shape.sensitive === true;
  const push = (constraint: string): void => {
    ctx.result.violations.push({ path, value: renderValue(value), sensitive, constraint });
  };
  if (shape.type === 'list' && Array.isArray(value)) {
    checkLength(shape, value.length, push);
    validateListMembers(ctx, getShape(ctx.model, shape.member.shape), value, path, memberName, push);
    return;
  }
  if (shape.type === 'structure' && isWireObject(value)) {
    validateStructure(ctx, shape, value, path);
    return;
  }
  if (shape.type === 'map' && isWireObject(value)) {
    checkLength(shape, Object.keys(value).length, push);
    const valueShape = getShape(ctx.model, shape.value.shape);
    let index = 0;
    for (const entry of Object.values(value)) {
      index++;
      if (entry !== undefined) validateValue(ctx, valueShape, entry, `${path}.entry.${index}.value`, memberName);
    }
    return;
  }
  for (const constraint of scalarViolations(ctx, shape, value, memberName)) push(constraint);
}

/**
 * Scalar list members are reported against the list itself, wrapped as AWS does:
 * `Member must satisfy constraint: [Member must satisfy enum value set: [User, Role]]`.
 */
function validateListMembers(
  ctx: Context,
  memberShape: Shape,
  items: readonly WireValue[],
  path: string,
  memberName: string,
  push: (constraint: string) => void,
): void {
  if (memberShape.type === 'structure' || memberShape.type === 'list' || memberShape.type === 'map') {
    items.forEach((item, i) => validateValue(ctx, memberShape, item, `${path}.${i + 1}.member`, memberName));
    return;
  }
  const failed = new Set<string>();
  for (const item of items) {
    for (const constraint of scalarViolations(ctx, memberShape, item, memberName)) failed.add(constraint);
  }
  if (failed.size > 0) push(`Member must satisfy constraint: [${[...failed].join(', ')}]`);
}

function scalarViolations(ctx: Context, shape: Shape, value: WireValue, memberName: string): string[] {
  const out: string[] = [];
  if (shape.type === 'string' && typeof value === 'string') {
    if (shape.pattern !== undefined && !compilePattern(shape.pattern).test(value)) {
      const sentence = ctx.options.patternMessages?.get(shape.pattern);
      if (sentence !== undefined && ctx.result.overrideMessage === undefined) {
        ctx.result.overrideMessage = sentence(memberPath('', memberName));
      }
      out.push(`Member must satisfy regular expression pattern: ${shape.pattern}`);
    }
    // Lengths count code points, as AWS's (Java) validators do.
    checkLength(shape, [...value].length, (c) => out.push(c));
    if (shape.enum !== undefined && !shape.enum.includes(value)) {
      out.push(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
    }
  } else if (shape.type === 'blob' && value instanceof Uint8Array) {
    checkLength(shape, value.byteLength, (c) => out.push(c));
  } else if (
    (shape.type === 'integer' || shape.type === 'long' || shape.type === 'float' || shape.type === 'double') &&
    typeof value === 'number'
  ) {
    if (shape.min !== undefined && value < shape.min) {
      out.push(`Member must have value greater than or equal to ${shape.min}`);
    }
    if (shape.max !== undefined && value > shape.max) {
      out.push(`Member must have value less than or equal to ${shape.max}`);
    }
  }
  return out;
}

function checkLength(shape: { min?: number; max?: number }, length: number, push: (constraint: string) => void): void {
  if (shape.min !== undefined && length < shape.min) {
    push(`Member must have length greater than or equal to ${shape.min}`);
  }
  if (shape.max !== undefined && length > shape.max) {
    push(`Member must have length less than or equal to ${shape.max}`);
  }
}
