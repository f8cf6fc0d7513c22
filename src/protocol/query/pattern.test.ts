import { describe, expect, it } from 'vitest';
import { loadServiceModel } from '../model/service-model.js';
import { compilePattern, javaPatternToJs } from './pattern.js';

const allPatterns = (['iam', 'sts'] as const).flatMap((service) =>
  Object.values(loadServiceModel(service).shapes).flatMap((s) => (s.type === 'string' && s.pattern ? [s.pattern] : [])),
);

describe('compilePattern', () => {
  it('compiles every pattern in the IAM and STS models', () => {
    expect(allPatterns.length).toBeGreaterThan(30);
    for (const pattern of allPatterns) expect(() => compilePattern(pattern), pattern).not.toThrow();
  });

  it('matches the whole value, as Java matches() does', () => {
    const name = compilePattern('[\\w+=,.@-]+');
    expect(name.test('bob@example.com')).toBe(true);
    expect(name.test('a b')).toBe(false);
    expect(name.test('')).toBe(false);
    const path = compilePattern('(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)');
    expect(path.test('/')).toBe(true);
    expect(path.test('/division/')).toBe(true);
    expect(path.test('/division')).toBe(false);
    expect(path.test('x/')).toBe(false);
  });

  it('turns Java identity escapes into plain characters', () => {
    expect(javaPatternToJs('[\\w+=,.@\\:-]*')).toBe('[\\w+=,.@:-]*');
    const re = compilePattern('[\\w+=,.@\\:-]*');
    expect(re.test('a:b')).toBe(true);
    expect(re.test('a/b')).toBe(false);
  });

  it('reads Unicode property classes', () => {
    const tag = compilePattern('[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+');
    expect(tag.test('Ünïcode Tag 1')).toBe(true);
    expect(tag.test('no*stars')).toBe(false);
  });

  it('reads \\u10000 as Java does, so astral characters fail (AWS rejects a RoleArn of emoji)', () => {
    const arn = compilePattern('[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u10000-\\u10FFFF]+');
    expect(arn.test('arn:aws:iam::123456789012:role/é')).toBe(true);
    expect(arn.test('😀'.repeat(20))).toBe(false);
  });

  it('compiles each pattern once', () => {
    expect(compilePattern('[\\w]+')).toBe(compilePattern('[\\w]+'));
  });
});
