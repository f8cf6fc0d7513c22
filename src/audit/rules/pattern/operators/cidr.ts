// cidr: an IPv4 or IPv6 range; string values that are addresses inside it match.
// Address parsing is the policy engine's, so patterns and IpAddress conditions agree.

import { parseIPv4, parseIPv6 } from '../../../../policy/condition/ip-address.js';
import { contains4, contains6, parseCidr } from '../../../../policy/condition/ip.js';
import { fail, type OperatorCompiler } from '../types.js';

export const compileCidr: OperatorCompiler = (node) => {
  if (node.kind !== 'string') fail(node, 'prefix match pattern must be a string');
  const range = node.value.includes('/') ? parseCidr(node.value) : undefined;
  if (range === undefined) fail(node, `Nonsensical CIDR: ${node.value}`);
  const groups = new Uint16Array(8);
  const test = (value: string): boolean => {
    if (range.family === 4) {
      const address = value.includes(':') ? -1 : parseIPv4(value, 0, value.length);
      return address >= 0 && contains4(range.cidr, address);
    }
    return value.includes(':') && parseIPv6(value, 0, value.length, groups) && contains6(range.cidr, groups);
  };
  return { operator: 'cidr', matchesAbsent: false, matches: (v) => typeof v === 'string' && test(v) };
};
