// Fuzz support: ways to make a valid parameter list invalid: a required member dropped,
// a value of the wrong type or out of range, a string too long or outside its pattern,
// a list abused, and junk parameters the model does not know.

import fc from 'fast-check';
import { getShape, loadServiceModel, type ServiceName, type Shape } from '../../../src/protocol/model/service-model.js';
import type { FuzzParam } from './fuzz-wire.js';

export interface Mutated {
  readonly kind: string;
  readonly params: FuzzParam[];
}

const BAD_STRINGS = [
  '', ' ', '\u0000', 'a\u0001b', '\u007f', '💥', 'ü', 'é'.repeat(70), '<>&"\'', '../../etc/passwd', '*', '?', '%00', '%', '\t\r\n',
  '\uD800', '\uFFFF', '\u202Egnp.exe', 'arn:aws:iam::111122223333:user/x', '${aws:username}', '/', '//', 'a/b', '-', 'A'.repeat(1025),
];
const BAD_NUMBERS = ['abc', '', '1.5', '1e3', '-1', '0', '2147483648', '-2147483649', '99999999999999999999', ' 5', '+5', '0x10', 'NaN', 'Infinity', '٣'];
const BAD_BOOLEANS = ['yes', '', '1', 'TRUE', 'true ', 'False', 'null'];
const BAD_TIMESTAMPS = ['notadate', '2024-13-45', '99999999999999', '', '2024-02-30T25:61:61Z'];
const BAD_BLOBS = ['!!!', '====', 'YQ', ''];
const RAW_BYTES = ['%FF%FE', '%C3', '%ED%A0%80', '%F4%90%80%80', 'a%00b'];

function badValues(shape: Shape | undefined): fc.Arbitrary<FuzzParam['value'] | { raw: string }> {
  const raw = fc.constantFrom(...RAW_BYTES).map((r) => ({ raw: r }));
  switch (shape?.type) {
    case 'integer':
    case 'long':
    case 'float':
    case 'double': {
      const edges = [shape.min, shape.max].filter((n): n is number => n !== undefined).flatMap((n) => [String(n - 1), String(n + 1)]);
      return fc.constantFrom(...BAD_NUMBERS, ...edges);
    }
    case 'boolean':
      return fc.constantFrom(...BAD_BOOLEANS);
    case 'timestamp':
      return fc.constantFrom(...BAD_TIMESTAMPS);
    case 'blob':
      return fc.constantFrom(...BAD_BLOBS);
    case 'string': {
      const options: fc.Arbitrary<string | { raw: string }>[] = [fc.constantFrom(...BAD_STRINGS), raw, fc.string({ unit: 'binary', maxLength: 12 })];
      if (shape.max !== undefined && shape.max <= 20_000) options.push(fc.constant('x'.repeat(shape.max + 1)), fc.constant('y'.repeat(shape.max)));
      if (shape.min !== undefined && shape.min > 1) options.push(fc.constant('z'.repeat(shape.min - 1)));
      if (shape.enum !== undefined) options.push(fc.constantFrom('NotAnEnumValue', ...shape.enum.map((e) => e.toLowerCase())));
      return fc.oneof(...options);
    }
    default:
      return fc.oneof(fc.constantFrom(...BAD_STRINGS), raw);
  }
}

const junkParams = (first: string): FuzzParam[][] => [
  [{ name: 'NoSuchParameter', value: 'x' }],
  [{ name: `${first}.member.1`, value: 'x' }],
  [{ name: `${first}.Sub.Deeper`, value: 'x' }],
  [{ name: first, value: 'duplicate-with-other-value' }],
  [{ name: 'Tags.member.1.Key', value: 'only-a-key' }],
  [{ name: 'Tags.member.1.Value', value: 'only-a-value' }],
  [{ name: 'Tags.member.0.Key', value: 'k' }, { name: 'Tags.member.0.Value', value: 'v' }],
  [{ name: 'Tags.member.99999999999.Key', value: 'k' }, { name: 'Tags.member.99999999999.Value', value: 'v' }],
  [{ name: 'Tags.entry.1.key', value: 'k' }],
  [{ name: '.', value: 'x' }],
  [{ name: '', value: 'x' }],
  [{ name: 'Action', value: 'DeleteUser' }],
  [{ name: 'Version', value: '2099-01-01' }],
  [{ name: 'a'.repeat(5000), value: 'x' }],
  [{ name: Array.from({ length: 500 }, () => 'm').join('.'), value: 'x' }],
  [{ name: '__proto__', value: 'x' }],
  [{ name: '__proto__.polluted', value: 'x' }],
  [{ name: 'constructor.prototype.polluted', value: 'x' }],
  [{ name: 'Tags.member.__proto__.Key', value: 'x' }],
  [{ name: 'hasOwnProperty', value: 'x' }],
];

/** Parameters of required members, so one can be dropped. */
function requiredMembers(service: ServiceName, action: string): string[] {
  const model = loadServiceModel(service);
  const input = model.operations[action]?.input;
  if (input === undefined) return [];
  const shape = getShape(model, input);
  return shape.type === 'structure' ? (shape.required ?? []) : [];
}

/** An arbitrary that breaks `params` (a valid input) in one way. */
export function mutate(service: ServiceName, action: string, params: readonly FuzzParam[]): fc.Arbitrary<Mutated> {
  const required = requiredMembers(service, action);
  const options: fc.Arbitrary<Mutated>[] = [];
  if (required.length > 0) {
    options.push(
      fc.constantFrom(...required).map((member) => ({
        kind: `drop required ${member}`,
        params: params.filter((p) => p.name !== member && !p.name.startsWith(`${member}.`)),
      })),
    );
  }
  if (params.length > 0) {
    options.push(
      fc
        .nat(params.length - 1)
        .chain((i) => badValues(params[i]!.shape).map((bad) => ({ i, bad })))
        .map(({ i, bad }) => ({
          kind: `bad value for ${params[i]!.name}`,
          params: params.map((p, j) => (j !== i ? p : typeof bad === 'string' ? { ...p, value: bad } : { ...p, value: bad.raw, raw: true })),
        })),
    );
    const lists = [...new Set(params.filter((p) => /\.member\.\d+/.test(p.name)).map((p) => p.name.replace(/\.member\.\d+.*$/, '')))];
    if (lists.length > 0) {
      options.push(
        fc.tuple(fc.constantFrom(...lists), fc.constantFrom('empty', 'many', 'gap', 'zero')).map(([list, how]) => {
          const members = params.filter((p) => p.name.startsWith(`${list}.member.1`));
          const others = params.filter((p) => !p.name.startsWith(`${list}.`));
          const renumber = (n: string): FuzzParam[] => members.map((p) => ({ ...p, name: p.name.replace(`${list}.member.1`, `${list}.member.${n}`) }));
          const lists: Record<string, FuzzParam[]> = {
            empty: [{ name: list, value: '' }],
            many: Array.from({ length: 60 }, (_, k) => renumber(String(k + 1))).flat(),
            gap: [...renumber('2'), ...renumber('1000000')],
            zero: renumber('0'),
          };
          return { kind: `list ${list} ${how}`, params: [...others, ...lists[how]!] };
        }),
      );
    }
  }
  options.push(
    fc.nat(junkParams('').length - 1).map((k) => {
      const extra = junkParams(params[0]?.name ?? 'UserName')[k]!;
      return { kind: `junk ${extra.map((p) => p.name.slice(0, 40)).join(',')}`, params: [...params, ...extra] };
    }),
  );
  return fc.oneof(...options);
}
