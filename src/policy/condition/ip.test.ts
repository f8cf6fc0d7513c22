import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { contextKeys, type ContextValue } from '../context.js';
import { compileCondition, isPolicyProblem } from './compile-condition.js';
import { parseCidr } from './ip.js';

function compile(operator: string, values: string[]) {
  const c = compileCondition({ operator, key: 'aws:SourceIp', values, path: 'p' }, { variables: true });
  if (isPolicyProblem(c)) throw new Error(c.message);
  return c;
}

function check(operator: string, values: string[], ip: ContextValue | undefined): boolean {
  return compile(operator, values).test(contextKeys(ip === undefined ? {} : { 'aws:SourceIp': ip }), null);
}

// Naive reference: addresses as bit strings, containment as a prefix comparison.
const bits4 = (n: number) => n.toString(2).padStart(32, '0');
const bits6 = (groups: number[]) => groups.map((g) => g.toString(2).padStart(16, '0')).join('');
const dotted = (n: number) => [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
const colon = (groups: number[]) => groups.map((g) => g.toString(16)).join(':');

describe('parseCidr', () => {
  it('defaults to /32 and /128 and masks host bits', () => {
    expect(parseCidr('10.1.2.3')).toEqual({ family: 4, cidr: { network: 0x0a010203, mask: 0xffffffff } });
    expect(parseCidr('10.1.2.3/8')).toEqual({ family: 4, cidr: { network: 0x0a000000, mask: 0xff000000 } });
    expect(parseCidr('0.0.0.0/0')).toEqual({ family: 4, cidr: { network: 0, mask: 0 } });
    for (const bad of ['10.0.0.0/33', '10.0.0.0/', '10.0.0.0/a', '::/129', 'x', '', '10.0.0.0/8/8']) expect(parseCidr(bad), bad).toBeUndefined();
  });
});

describe('IpAddress / NotIpAddress', () => {
  it('matches IPv4 and IPv6 ranges, values ORed', () => {
    const ranges = ['203.0.113.0/24', '2001:DB8:1234:5678::/64'];
    expect(check('IpAddress', ranges, '203.0.113.200')).toBe(true);
    expect(check('IpAddress', ranges, '203.0.114.1')).toBe(false);
    expect(check('IpAddress', ranges, '2001:db8:1234:5678:abcd::1')).toBe(true);
    expect(check('IpAddress', ranges, '2001:db8:1234:5679::1')).toBe(false);
    expect(check('NotIpAddress', ranges, '198.51.100.1')).toBe(true);
    expect(check('NotIpAddress', ranges, '203.0.113.9')).toBe(false);
  });

  it('applies IPv4 ranges to IPv4-mapped IPv6 request addresses', () => {
    expect(check('IpAddress', ['203.0.113.0/24'], '::ffff:203.0.113.5')).toBe(true);
    expect(check('NotIpAddress', ['203.0.113.0/24'], '::ffff:203.0.113.5')).toBe(false);
  });

  it('missing key, IfExists, qualifiers', () => {
    expect(check('IpAddress', ['10.0.0.0/8'], undefined)).toBe(false);
    expect(check('NotIpAddress', ['10.0.0.0/8'], undefined)).toBe(true);
    expect(check('IpAddressIfExists', ['10.0.0.0/8'], undefined)).toBe(true);
    expect(check('ForAnyValue:IpAddress', ['10.0.0.0/8'], ['1.1.1.1', '10.9.9.9'])).toBe(true);
    expect(check('ForAllValues:IpAddress', ['10.0.0.0/8'], ['1.1.1.1', '10.9.9.9'])).toBe(false);
    expect(check('IpAddress', ['10.0.0.0/8'], ['10.9.9.9', '10.1.1.1'])).toBe(false);
  });

  it('bad values: policy reported, request false and traced', () => {
    const c = compile('IpAddress', ['10.0.0.0/40', '10.0.0.0/8']);
    expect(c.problems.map((p) => p.path)).toEqual(['p[0]']);
    expect(c.test(contextKeys({ 'aws:SourceIp': '10.1.1.1' }), null)).toBe(true);
    const invalid: string[] = [];
    expect(compile('NotIpAddress', ['10.0.0.0/8']).test(contextKeys({ 'aws:SourceIp': 'localhost' }), { missingKey: () => {}, invalidValue: (_k, m) => invalid.push(m) })).toBe(false);
    expect(invalid).toEqual(['request value "localhost" is not an IP address']);
  });

  it('an address matches its own /32 and /128', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 0xffffffff }), (n) => check('IpAddress', [dotted(n)], dotted(n)) && check('IpAddress', [`${dotted(n)}/32`], dotted(n))));
    const groups = fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 });
    fc.assert(fc.property(groups, (g) => check('IpAddress', [`${colon(g)}/128`], colon(g)) && check('IpAddress', [colon(g)], colon(g))));
  });

  it('IPv4 containment agrees with a bit-string reference', () => {
    const address = fc.integer({ min: 0, max: 0xffffffff });
    fc.assert(
      fc.property(address, fc.integer({ min: 0, max: 32 }), address, (net, prefix, ip) => {
        const expected = bits4(net).slice(0, prefix) === bits4(ip).slice(0, prefix);
        return check('IpAddress', [`${dotted(net)}/${prefix}`], dotted(ip)) === expected && check('NotIpAddress', [`${dotted(net)}/${prefix}`], dotted(ip)) === !expected;
      }),
      { numRuns: 3000 },
    );
  });

  it('IPv6 containment agrees with a bit-string reference', () => {
    const groups = fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 });
    // Bias the request towards the network so that matches are common.
    fc.assert(
      fc.property(groups, fc.integer({ min: 0, max: 128 }), groups, fc.integer({ min: 0, max: 8 }), (net, prefix, other, shared) => {
        const ip = [...net.slice(0, shared), ...other.slice(shared)];
        const expected = bits6(net).slice(0, prefix) === bits6(ip).slice(0, prefix);
        return check('IpAddress', [`${colon(net)}/${prefix}`], colon(ip)) === expected;
      }),
      { numRuns: 3000 },
    );
  });
});
