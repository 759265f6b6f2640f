import { eventRateChange, rateChange } from './rate-change';

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

describe('eventRateChange', () => {
  it('gives the difference of two rates per person with the normal approximation to Poisson counts', () => {
    // 30/200 − 20/250 = 0.15 − 0.08 = 0.07; √(30/40,000 + 20/62,500) = √0.00107 = 0.0327109;
    // 1.959964 × 0.0327109 = 0.0641122 → 0.0058878 to 0.1341122 (5.89 to 134.11 per 1,000).
    const change = eventRateChange({ numerator: 30, denominator: 200 }, { numerator: 20, denominator: 250 });
    expect(change?.difference).toBeCloseTo(0.07, 12);
    expect(change?.low).toBeCloseTo(0.0058878, 6);
    expect(change?.high).toBeCloseTo(0.1341122, 6);
    // More events than people is a rate per person above 1, not an error: 300/200 − 100/100 = 0.5 ± 1.959964 × √(0.0075 + 0.01).
    const many = eventRateChange({ numerator: 300, denominator: 200 }, { numerator: 100, denominator: 100 });
    expect(many?.low).toBeCloseTo(0.5 - 1.959964 * Math.sqrt(0.0175), 9);
    // No events either time: no change, and no spread.
    expect(eventRateChange({ numerator: 0, denominator: 50 }, { numerator: 0, denominator: 40 })).toEqual({ difference: 0, low: 0, high: 0 });
  });

  it('is undefined when either rate is', () => {
    expect(eventRateChange({ numerator: 1, denominator: 0 }, { numerator: 1, denominator: 2 })).toBeNull();
  });
});
