// Which request and answer members carry secrets, read from the committed service models
// (botocore marks them `sensitive`; session tokens, which the models leave unmarked, are
// added by name), and a ledger that SDK clients report every such value to, with the
// forms a careless log line or table might hold them in.

import type { IAMClient } from '@aws-sdk/client-iam';
import type { STSClient } from '@aws-sdk/client-sts';
import { getShape, loadServiceModel, type ServiceName } from '../../../src/protocol/model/service-model.js';
import { implementedOperations } from '../../../src/services/registry.js';

/** Member names from the input or output structure down; `[]` steps into a list's items. */
export type MemberPath = readonly string[];

/** Secret by name though the models do not mark them (STS's tokenType). */
const UNMARKED_SECRETS = new Set(['SessionToken']);

function secretPaths(service: ServiceName, shapeName: string, path: MemberPath = [], seen: ReadonlySet<string> = new Set()): MemberPath[] {
  const model = loadServiceModel(service);
  const shape = getShape(model, shapeName);
  const name = path[path.length - 1];
  if (('sensitive' in shape && shape.sensitive === true) || (name !== undefined && UNMARKED_SECRETS.has(name))) return [path];
  if (seen.has(shapeName)) return [];
  const inside = new Set([...seen, shapeName]);
  if (shape.type === 'structure') {
    return Object.entries(shape.members).flatMap(([member, ref]) => secretPaths(service, ref.shape, [...path, member], inside));
  }
  if (shape.type === 'list') return secretPaths(service, shape.member.shape, [...path, '[]'], inside);
  if (shape.type === 'map') return secretPaths(service, shape.value.shape, [...path, '{}'], inside);
  return [];
}

export interface SecretCarrier {
  readonly service: ServiceName;
  readonly action: string;
  readonly input: readonly MemberPath[];
  readonly output: readonly MemberPath[];
}

/** Every implemented operation whose request or answer has a secret member, per the models. */
export function secretCarryingOperations(): SecretCarrier[] {
  return (['iam', 'sts'] as const).flatMap((service) =>
    implementedOperations(service).flatMap((action): SecretCarrier[] => {
      const operation = loadServiceModel(service).operations[action];
      const input = operation?.input === undefined ? [] : secretPaths(service, operation.input);
      const output = operation?.output === undefined ? [] : secretPaths(service, operation.output);
      return input.length + output.length === 0 ? [] : [{ service, action, input, output }];
    }),
  );
}

function valuesAt(value: unknown, path: MemberPath): unknown[] {
  if (value === undefined || value === null) return [];
  const [head, ...rest] = path;
  if (head === undefined) return [value];
  if (head === '[]') return Array.isArray(value) ? value.flatMap((item) => valuesAt(item, rest)) : [];
  if (head === '{}') return typeof value === 'object' ? Object.values(value).flatMap((item) => valuesAt(item, rest)) : [];
  return typeof value === 'object' ? valuesAt((value as Record<string, unknown>)[head], rest) : [];
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 Base32, padding ignored: the raw bytes of a virtual MFA seed. */
export function base32Decode(text: string): Buffer {
  let bits = 0;
  let acc = 0;
  const out: number[] = [];
  for (const char of text.replace(/=+$/, '')) {
    const index = BASE32.indexOf(char.toUpperCase());
    if (index < 0) throw new Error(`not Base32: ${char}`);
    acc = (acc << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  return Buffer.from(out);
}

/** One secret in one form, named for the assertion message (never the value itself). */
export interface SecretForm {
  readonly label: string;
  readonly bytes: Buffer;
}

/** The forms a secret may be kept in: as sent, and for seeds, keys and blobs their decodings. */
function formsOf(label: string, value: Buffer, member: string): SecretForm[] {
  const forms: SecretForm[] = [{ label, bytes: value }];
  const text = value.toString('utf8');
  if (member === 'Base32StringSeed') {
    const raw = base32Decode(text);
    forms.push({ label: `${label} (raw)`, bytes: raw }, { label: `${label} (raw, hex)`, bytes: Buffer.from(raw.toString('hex')) }, { label: `${label} (raw, base64)`, bytes: Buffer.from(raw.toString('base64')) });
  }
  const pem = /-----BEGIN [A-Z ]*PRIVATE KEY-----([\s\S]*?)-----END/.exec(text);
  if (pem?.[1] !== undefined) {
    const body = pem[1].replace(/\s+/g, '');
    forms.push({ label: `${label} (base64 body)`, bytes: Buffer.from(body.slice(0, 64)) }, { label: `${label} (DER)`, bytes: Buffer.from(body, 'base64') });
  }
  if (member === 'QRCodePNG') forms.push({ label: `${label} (base64)`, bytes: Buffer.from(value.toString('base64')) });
  return forms;
}

/** Secret values seen by the clients it watches, and which operations they called. */
export class SecretLedger {
  readonly #values = new Map<string, { value: Buffer; member: string }>();
  readonly #exercised = new Set<string>();
  readonly #carriers = new Map(secretCarryingOperations().map((c) => [`${c.service}:${c.action}`, c]));

  /** `service:Action` of every call made through a watched client, answered or refused. */
  get exercised(): ReadonlySet<string> {
    return this.#exercised;
  }

  /** The labels of the values collected for one operation (`iam:ListVirtualMFADevices`). */
  labelsFor(operation: string): string[] {
    return [...this.#values.keys()].filter((label) => label.startsWith(`${operation} `));
  }

  /** Adds a value known to be secret that no model member carries (the root's secret key). */
  add(label: string, value: string | Buffer): void {
    this.#values.set(label, { value: Buffer.from(value), member: label });
  }

  forms(): SecretForm[] {
    return [...this.#values].flatMap(([label, { value, member }]) => formsOf(label, value, member));
  }

  watchIam(client: IAMClient): IAMClient {
    client.middlewareStack.add(
      (next, context) => async (args) => this.#around('iam', context.commandName, args.input, () => next(args)),
      { step: 'initialize', name: 'secretLedger' },
    );
    return client;
  }

  watchSts(client: STSClient): STSClient {
    client.middlewareStack.add(
      (next, context) => async (args) => this.#around('sts', context.commandName, args.input, () => next(args)),
      { step: 'initialize', name: 'secretLedger' },
    );
    return client;
  }

  async #around<R extends { output: unknown }>(service: ServiceName, commandName: string | undefined, input: unknown, send: () => Promise<R>): Promise<R> {
    const operation = `${service}:${(commandName ?? '').replace(/Command$/, '')}`;
    this.#exercised.add(operation);
    const carrier = this.#carriers.get(operation);
    this.#collect(operation, 'in', input, carrier?.input ?? []);
    const result = await send();
    this.#collect(operation, 'out', result.output, carrier?.output ?? []);
    return result;
  }

  #collect(operation: string, side: string, root: unknown, paths: readonly MemberPath[]): void {
    for (const path of paths) {
      const member = path.filter((p) => p !== '[]' && p !== '{}').at(-1) ?? '';
      valuesAt(root, path).forEach((value, i) => {
        const bytes = typeof value === 'string' ? Buffer.from(value) : value instanceof Uint8Array ? Buffer.from(value) : undefined;
        if (bytes === undefined || bytes.length === 0) return;
        this.#values.set(`${operation} ${side}.${path.join('.')}#${this.#values.size}.${i}`, { value: bytes, member });
      });
    }
  }
}
