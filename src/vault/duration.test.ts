import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseDuration } from './duration.js';

describe('parseDuration', () => {
  it('reads seconds and h/m/s forms', () => {
    expect(parseDuration('3600')).toBe(3600);
    expect(parseDuration('15m')).toBe(900);
    expect(parseDuration('1h30m')).toBe(5400);
    expect(parseDuration('90s')).toBe(90);
  });

  it('refuses everything else', () => {
    for (const bad of ['', 'h', '0', '1d', '-5', '1.5h', '1m1h']) expect(() => parseDuration(bad), bad).toThrow(/--duration/);
  });

  it('round-trips any h/m/s combination', () => {
    fc.assert(
      fc.property(fc.nat(48), fc.nat(59), fc.nat(59), (h, m, s) => {
        fc.pre(h + m + s > 0);
        const text = `${h > 0 ? `${h}h` : ''}${m > 0 ? `${m}m` : ''}${s > 0 ? `${s}s` : ''}`;
        expect(parseDuration(text)).toBe(h * 3600 + m * 60 + s);
      }),
    );
  });
});
