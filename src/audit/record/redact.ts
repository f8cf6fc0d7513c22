// Request parameters and response elements as CloudTrail writes them: member names in
// camelCase (`UserName` -> `userName`, `SAMLMetadataDocument` -> `sAMLMetadataDocument`),
// walked through the service model so that every member whose shape the model marks
// sensitive (passwords, secret keys, private keys, MFA seeds, web identity tokens, SAML
// assertions), and the other secrets listed below, is left out rather than masked, as
// CloudTrail leaves out CreateLoginProfile's password.

import { getShape, type ServiceModel, type ShapeRef } from '../../protocol/model/service-model.js';
import { isWireObject, type WireObject, type WireValue } from '../../protocol/wire-value.js';

/**
 * Members that carry secrets although their shapes are not marked sensitive: session tokens
 * (AWS records them; Keyward never does), one-time MFA codes, and the bearer tokens STS hands out.
 */
const SECRET_MEMBERS: ReadonlySet<string> = new Set([
  'SessionToken',
  'AuthenticationCode1',
  'AuthenticationCode2',
  'TokenCode',
  'WebIdentityToken',
  'SAMLAssertion',
  'SecretAccessKey',
  'Password',
  'NewPassword',
  'OldPassword',
  'PrivateKey',
  'Base32StringSeed',
  'QRCodePNG',
  'ServicePassword',
  'ServiceCredentialSecret',
]);

export function camelName(member: string): string {
  return member.length === 0 ? member : member[0]!.toLowerCase() + member.slice(1);
}

export interface RedactOptions {
  /** How dates are written: CloudTrail's IAM events use Java's default format in responseElements. */
  readonly date: (d: Date) => string;
}

/** The structure `value` of shape `shapeName`, in CloudTrail's form; null when nothing is left. */
export function cloudTrailView(model: ServiceModel, shapeName: string, value: WireObject, options: RedactOptions): Record<string, unknown> | null {
  const out = structure(model, shapeName, value, options);
  return out === undefined || Object.keys(out).length === 0 ? null : out;
}

function isSensitive(model: ServiceModel, ref: ShapeRef): boolean {
  const shape = getShape(model, ref.shape);
  return (shape.type === 'string' || shape.type === 'blob') && shape.sensitive === true;
}

function structure(model: ServiceModel, shapeName: string, value: WireObject, options: RedactOptions): Record<string, unknown> | undefined {
  const shape = getShape(model, shapeName);
  if (shape.type !== 'structure') return undefined;
  const out: Record<string, unknown> = {};
  for (const [member, ref] of Object.entries(shape.members)) {
    const v = value[member];
    if (v === undefined || SECRET_MEMBERS.has(member) || isSensitive(model, ref)) continue;
    const converted = convert(model, ref, v, options);
    if (converted !== undefined) out[camelName(member)] = converted;
  }
  return out;
}

function convert(model: ServiceModel, ref: ShapeRef, value: WireValue, options: RedactOptions): unknown {
  const shape = getShape(model, ref.shape);
  switch (shape.type) {
    case 'structure':
      return isWireObject(value) ? structure(model, ref.shape, value, options) : undefined;
    case 'list':
      if (!Array.isArray(value)) return undefined;
      if (isSensitive(model, shape.member)) return undefined;
      return (value as readonly WireValue[]).map((item) => convert(model, shape.member, item, options));
    case 'map': {
      if (!isWireObject(value) || isSensitive(model, shape.value)) return undefined;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = convert(model, shape.value, v, options);
      return out;
    }
    case 'timestamp':
      return value instanceof Date ? options.date(value) : value;
    case 'blob':
      return undefined;
    default:
      return value instanceof Uint8Array ? undefined : value;
  }
}
