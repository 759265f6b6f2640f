import { rateChange } from './rate-change';

describe('rateChange', () => {
  // Newcombe RG, "Interval estimation for the difference between independent proportions:
  // comparison of eleven methods", Stat Med 1998;17:873-890, Table II, method 10, to 4 decimals.
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [6, 7, 2, 7, 0.0582, 0.8062],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [0, 10, 0, 10, -0.2775, 0.2775],
    [10, 10, 0, 20, 0.6791, 1],
    [10, 10, 0, 10, 0.6075, 1],
  ])('%i/%i − %i/%i matches Newcombe Table II', async (a, m, b, n, low, high) => {
    const change = rateChange({ numerator: a, denominator: m }, { numerator: b, denominator: n });
    expect(change?.difference).toBeCloseTo(a / m - b / n, 12);
    expect(change?.low).toBeCloseTo(low, 4);
    expect(change?.high).toBeCloseTo(high, 4);
  });

  it('is undefined when either rate is', () => {
    expect(rateChange({ numerator: 1, denominator: 0 }, { numerator: 1, denominator: 2 })).toBeNull();
    expect(rateChange({ numerator: 1, denominator: 2 }, { numerator: 3, denominator: 2 })).toBeNull();
  });
});
