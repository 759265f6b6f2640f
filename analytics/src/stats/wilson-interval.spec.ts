import { wilsonInterval } from './wilson-interval';

describe('wilsonInterval', () => {
  // Newcombe RG, "Two-sided confidence intervals for the single proportion: comparison of seven
  // methods", Stat Med 1998;17:857-872, Table I, method 3 (score method without correction),
  // published to 4 decimals with z = 1.96 (z = 1.959964 moves them by < 1e-6).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i/%i matches Newcombe (1998) Table I', (num, den, low, high) => {
    const ci = wilsonInterval(num, den);
    expect(ci).not.toBeNull();
    expect(ci?.low).toBeCloseTo(low, 4);
    expect(ci?.high).toBeCloseTo(high, 4);
  });

  it('follows the Fingertips formula by hand for 40/100', () => {
    // z² = 3.841459; 4·O·(1−O/n) = 4·40·0.6 = 96; √(99.841459) = 9.992070; ×z = 19.584101.
    // low = (80 + 3.841459 − 19.584101) / (2·103.841459) = 64.257358 / 207.682918 = 0.309401
    // high = (80 + 3.841459 + 19.584101) / 207.682918 = 103.425560 / 207.682918 = 0.497997
    const ci = wilsonInterval(40, 100);
    expect(ci?.low).toBeCloseTo(0.309401, 6);
    expect(ci?.high).toBeCloseTo(0.497997, 6);
  });

  it('gives exactly 0 and 1 at the extremes', () => {
    expect(wilsonInterval(0, 7)?.low).toBe(0);
    expect(wilsonInterval(7, 7)?.high).toBe(1);
    // 7/7 mirrors 0/7: high(0/7) = 2z²/(2(7 + z²)) = 3.841459/10.841459 = 0.3543304,
    // so low(7/7) = 1 − 0.3543304 = 0.6456696
    expect(wilsonInterval(7, 7)?.low).toBeCloseTo(0.6456696, 6);
  });

  it('is undefined for a denominator of 0 and for impossible proportions', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(wilsonInterval(3, 2)).toBeNull();
    expect(wilsonInterval(-1, 2)).toBeNull();
  });
});
