// Fuzz support: fast-check arbitraries for model-valid inputs of any IAM/STS operation.
// Members with a known meaning (names, ARNs, documents, ids) draw mostly from the pools
// of real and missing entities; every other member follows its shape's constraints.

import fc from 'fast-check';
import { getShape, loadServiceModel, type ServiceName, type ShapeRef, type StringShape } from '../../../src/protocol/model/service-model.js';
import type { WireObject, WireValue } from '../../../src/protocol/wire-value.js';
import type { FuzzWorld } from './fuzz-fixtures.js';
import * as pools from './fuzz-pools.js';

type Arb = fc.Arbitrary<WireValue>;
/** A pool of strings (the first is the favourite: usually an entity that exists), or an arbitrary. */
type Hint = readonly string[] | Arb;

const MAX_DEPTH = 6;

interface Ctx {
  readonly service: ServiceName;
  readonly action: string;
  readonly table: Record<string, Hint>;
}
const pick = (xs: readonly string[]): fc.Arbitrary<string> => fc.constantFrom(...xs);
const digits6 = fc.stringMatching(/^\d{6}$/);

/** A pool hint: mostly its favourite, often another of the pool, sometimes whatever the shape allows. */
function fromPool(pool: readonly string[], other: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof({ arbitrary: fc.constant(pool[0]!), weight: 3 }, { arbitrary: pick(pool), weight: 3 }, { arbitrary: other, weight: 1 });
}

/** Valid documents of the right kind most of the time, any document of the pool otherwise. */
function documents(favourite: readonly string[]): fc.Arbitrary<string> {
  const all = [...pools.IDENTITY_DOCUMENTS, ...pools.TRUST_DOCUMENTS, ...pools.ODD_DOCUMENTS];
  return fc.oneof({ arbitrary: pick(favourite), weight: 3 }, { arbitrary: pick(all), weight: 2 });
}

/** Member name -> hint; list members use their list's name. */
function hints(world: FuzzWorld): Record<string, Hint> {
  const { NAMES, ARNS } = pools;
  const identity = documents(pools.IDENTITY_DOCUMENTS);
  const table: Record<string, Hint> = {
    UserName: NAMES.users,
    GroupName: NAMES.groups,
    RoleName: NAMES.roles,
    PolicyName: [...NAMES.inlinePolicies, ...NAMES.managedPolicies],
    InstanceProfileName: NAMES.instanceProfiles,
    ServerCertificateName: NAMES.serverCertificates,
    VirtualMFADeviceName: NAMES.mfaDevices,
    Name: [...NAMES.samlProviders, ...NAMES.users],
    AccountAlias: NAMES.accountAliases,
    Path: ['/', '/fuzz/', '/x/y/'],
    PathPrefix: ['/', '/fuzz/', '/x/'],
    PolicyArn: ARNS.policies,
    arn: ARNS.policies,
    EntityArn: ARNS.entities,
    Arn: [...ARNS.entities, ...ARNS.policies],
    PolicySourceArn: ARNS.entities,
    CallerArn: ARNS.entities,
    ResourceOwner: [...ARNS.entities, '111122223333'],
    OpenIDConnectProviderArn: ARNS.oidcProviders,
    SAMLProviderArn: ARNS.samlProviders,
    PrincipalArn: ARNS.samlProviders,
    RoleArn: ARNS.roles,
    SerialNumber: ARNS.mfaSerials,
    ResourceArns: ARNS.resources,
    PolicyDocument: identity,
    Policy: identity,
    PolicyInputList: identity,
    PermissionsBoundaryPolicyInputList: identity,
    AssumeRolePolicyDocument: documents(pools.TRUST_DOCUMENTS),
    ResourcePolicy: documents(pools.TRUST_DOCUMENTS),
    Key: pools.TAG_KEYS,
    Value: pools.TAG_VALUES,
    TagKeys: pools.TAG_KEYS,
    TransitiveTagKeys: pools.TAG_KEYS,
    AccessKeyId: world.accessKeyIds,
    SSHPublicKeyId: world.sshKeyIds,
    CertificateId: world.signingCertificateIds,
    ServiceSpecificCredentialId: world.serviceCredentialIds,
    SSHPublicKeyBody: world.sshKeyBodies,
    CertificateBody: world.certificates,
    CertificateChain: world.chains,
    PrivateKey: world.privateKeys,
    SAMLMetadataDocument: world.samlMetadata,
    SAMLAssertion: world.samlAssertions,
    WebIdentityToken: world.webIdentityTokens,
    Url: pools.OIDC_URLS,
    ClientID: ['fuzz-app', 'other-app'],
    ClientIDList: ['fuzz-app', 'other-app'],
    ThumbprintList: pools.THUMBPRINTS,
    AuthenticationCode1: digits6,
    AuthenticationCode2: digits6,
    TokenCode: digits6,
    Password: pools.PASSWORDS,
    NewPassword: pools.PASSWORDS,
    OldPassword: pools.PASSWORDS,
    VersionId: ['v1', 'v2', 'v3', 'v9', 'v1.x'],
    JobId: fc.uuid(),
    ActionNames: pools.ACTION_NAMES,
    ContextKeyName: pools.CONTEXT_KEYS,
    ContextKeyValues: pools.CONTEXT_VALUES,
    ServiceName: pools.SERVICE_NAMES,
    AWSServiceName: pools.SERVICE_NAMES,
    ServiceNamespaces: ['iam', 's3', 'sts', 'nope'],
    Marker: ['1', 'AAAA', 'eyJ1IjoiYSJ9', '0'],
  };
  table.NewUserName = table.UserName!;
  table.NewGroupName = table.GroupName!;
  table.NewPath = table.Path!;
  table.NewServerCertificateName = table.ServerCertificateName!;
  table.PermissionsBoundary = table.PolicyArn!;
  // Members whose meaning depends on the action.
  table['UpdateAssumeRolePolicy.PolicyDocument'] = table.AssumeRolePolicyDocument!;
  table['GetFederationToken.Name'] = table.UserName!;
  table['AssumeRoot.arn'] = ['arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials', ...ARNS.policies];
  table.TargetPrincipal = ['111122223333', '999988887777'];
  table.SigningAlgorithm = ['RS256', 'ES384'];
  table.Audience = ['https://api.example.com', 'sts.amazonaws.com'];
  return table;
}

/** Characters to try against a character-class pattern. */
const CANDIDATES = [...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)), '\t', '\n', 'é', 'ÿ', '中', '😀'];

function patternString(shape: StringShape): fc.Arbitrary<string> {
  const pattern = shape.pattern!;
  const min = shape.min ?? 0;
  const maxLength = Math.min(shape.max ?? min + 24, min + 24);
  const cls = /^\^?(\[[^\]]+\])[+*]\$?$/.exec(pattern);
  if (cls !== null) {
    const re = new RegExp(`^${cls[1]}$`, 'u');
    const chars = CANDIDATES.filter((c) => re.test(c));
    const minLength = Math.max(min, pattern.includes('+') ? 1 : 0);
    return fc.string({ unit: fc.constantFrom(...chars), minLength, maxLength: Math.max(minLength, maxLength) });
  }
  try {
    const full = new RegExp(`^(?:${pattern})$`, 'u');
    return fc.stringMatching(full).filter((s) => s.length >= min && s.length <= (shape.max ?? Infinity));
  } catch {
    // Lookahead and other features fast-check cannot generate: a plain value instead.
    return fc.stringMatching(/^[a-z0-9]{3,12}$/);
  }
}

function shapeArbitrary(ctx: Ctx, ref: ShapeRef, memberName: string, depth: number): Arb {
  const shape = getShape(loadServiceModel(ctx.service), ref.shape);
  const hint = ctx.table[`${ctx.action}.${memberName}`] ?? ctx.table[memberName];
  if (hint !== undefined && !Array.isArray(hint) && shape.type !== 'list' && shape.type !== 'structure' && shape.type !== 'map') return hint as Arb;
  const pool = Array.isArray(hint) && shape.type === 'string' ? (hint as readonly string[]) : undefined;
  switch (shape.type) {
    case 'structure':
      return structureArbitrary(ctx, ref.shape, depth);
    case 'list': {
      const item = shapeArbitrary(ctx, shape.member, memberName, depth + 1);
      const minLength = shape.min ?? 0;
      return fc.array(item, { minLength, maxLength: Math.max(minLength, Math.min(shape.max ?? 3, 3)) });
    }
    case 'map':
      return fc
        .array(fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), shapeArbitrary(ctx, shape.value, memberName, depth + 1)), { maxLength: 2 })
        .map((entries): WireObject => Object.fromEntries(entries));
    case 'string': {
      if (shape.enum !== undefined) return fc.constantFrom(...shape.enum);
      const plain =
        shape.pattern !== undefined
          ? patternString(shape)
          : fc.string({ minLength: shape.min ?? 0, maxLength: Math.min(shape.max ?? 24, (shape.min ?? 0) + 24) });
      return pool === undefined ? plain : fromPool(pool, plain);
    }
    case 'integer':
    case 'long': {
      const min = shape.min ?? 0;
      const max = shape.max ?? 100_000;
      return fc.oneof(fc.constantFrom(min, max), fc.integer({ min, max }));
    }
    case 'float':
    case 'double':
      return fc.double({ min: shape.min ?? 0, max: shape.max ?? 1000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'timestamp':
      return fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => new Date(Math.floor(d.getTime() / 1000) * 1000));
    case 'blob':
      return fc.uint8Array({ minLength: shape.min ?? 0, maxLength: Math.min(shape.max ?? 16, 16) });
  }
}

function structureArbitrary(ctx: Ctx, shapeName: string, depth: number): fc.Arbitrary<WireObject> {
  const shape = getShape(loadServiceModel(ctx.service), shapeName);
  if (shape.type !== 'structure' || depth > MAX_DEPTH) return fc.constant({});
  const members: Record<string, Arb> = {};
  for (const [name, ref] of Object.entries(shape.members)) members[name] = shapeArbitrary(ctx, ref, name, depth + 1);
  return fc.record(members, { requiredKeys: shape.required ?? [] }) as fc.Arbitrary<WireObject>;
}

/** Inputs for `action` that satisfy its model (lengths, patterns, enums, required members). */
export function validInput(world: FuzzWorld, service: ServiceName, action: string): fc.Arbitrary<WireObject> {
  const op = loadServiceModel(service).operations[action];
  if (op?.input === undefined) return fc.constant({});
  return structureArbitrary({ service, action, table: hints(world) }, op.input, 0);
}
