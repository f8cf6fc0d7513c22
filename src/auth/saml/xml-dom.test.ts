import { describe, expect, it } from 'vitest';
import { attribute, childElements, parseXml, soleChild, trimmedText, XmlParseError } from './xml-dom.js';

describe('parseXml', () => {
  it('parses namespaced XML and finds direct children by namespace', () => {
    const root = parseXml('<r xmlns="u1" xmlns:p="u2"><a x="1"/><p:a/><b><a/></b><a/></r>').documentElement;
    if (root === null) throw new Error('no root');
    expect(childElements(root, 'u1', 'a')).toHaveLength(2);
    expect(childElements(root, 'u2', 'a')).toHaveLength(1);
    expect(soleChild(root, 'u1', 'a')).toBeUndefined();
    const first = childElements(root, 'u1', 'a')[0];
    expect(first === undefined ? undefined : attribute(first, 'x')).toBe('1');
    expect(first === undefined ? undefined : attribute(first, 'y')).toBeUndefined();
  });

  it('joins text around comments and trims it', () => {
    const root = parseXml('<r>\n  user@example.com<!-- x -->.evil\n</r>').documentElement;
    expect(root === null ? '' : trimmedText(root)).toBe('user@example.com.evil');
  });

  it.each([
    ['a DOCTYPE', '<!DOCTYPE r><r/>'],
    ['an entity definition', '<!DOCTYPE r [<!ENTITY e "boom">]><r>&e;</r>'],
    ['a mismatched end tag', '<r><a></r>'],
    ['a repeated attribute', '<r a="1" a="2"/>'],
    ['two roots', '<r/><r/>'],
    ['text only', 'hello'],
    ['nothing', ''],
  ])('refuses %s', (_, source) => {
    expect(() => parseXml(source)).toThrow(XmlParseError);
  });
});
