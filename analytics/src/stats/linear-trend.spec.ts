import { fitLinearTrend, predictAt } from './linear-trend';
import { studentTCdf, studentTQuantile } from './student-t';

describe('studentTQuantile', () => {
  // Two-sided 95% critical values from any t table (e.g. Altman, Practical Statistics for
  // Medical Research, Table B4), to the 3 decimals tables print.
  it.each([
    [1, 12.706],
    [2, 4.303],
    [3, 3.182],
    [10, 2.228],
    [11, 2.201],
    [30, 2.042],
  ])('t(0.975, %i) = %f as in the table', (df, value) => {
    expect(studentTQuantile(0.975, df)).toBeCloseTo(value, 3);
  });

  it('is exact where the distribution has a closed form', () => {
    // df = 1 is the Cauchy distribution: quantile tan(π(p − ½)); tan(0.45π) = 6.313752.
    expect(studentTQuantile(0.95, 1)).toBeCloseTo(6.313752, 5);
    // df = 2: quantile (2p − 1)·√(2 / (4p(1 − p))); p = 0.975 → 0.95·√(2/0.0975) = 4.302653.
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(4.302653, 5);
    expect(studentTQuantile(0.025, 2)).toBeCloseTo(-4.302653, 5);
    expect(studentTQuantile(0.5, 7)).toBe(0);
  });

  it('tends to the normal quantile for many degrees of freedom', () => {
    expect(studentTQuantile(0.975, 1e6)).toBeCloseTo(1.959964, 4);
  });

  it('has a CDF of ½ at 0 and refuses impossible arguments', () => {
    expect(studentTCdf(0, 5)).toBeCloseTo(0.5, 12);
    expect(() => studentTQuantile(1, 5)).toThrow('p must be strictly between 0 and 1 (got 1)');
    expect(() => studentTQuantile(0.9, 0)).toThrow('degrees of freedom must be positive (got 0)');
  });
});

describe('fitLinearTrend and predictAt', () => {
  it('fits the line and the 95% prediction interval worked out by hand', () => {
    // x = 1..5, y = 2, 4, 5, 4, 5.  x̄ = 3, ȳ = 4, Sxx = 10,
    // Sxy = (−2)(−2) + (−1)(0) + 0(1) + 1(0) + 2(1) = 6 → slope 0.6, intercept 4 − 1.8 = 2.2.
    // Fitted 2.8, 3.4, 4.0, 4.6, 5.2; residuals −0.8, 0.6, 1.0, −0.6, −0.2; SSE = 0.64 + 0.36 + 1 + 0.36 + 0.04 = 2.4.
    // s = √(2.4 / 3) = √0.8 = 0.894427.  At x0 = 6: ŷ = 2.2 + 3.6 = 5.8,
    // SE = s·√(1 + 1/5 + 9/10) = 0.894427·√2.1 = 1.296148; t(0.975, 3) = 3.182446;
    // half-width 1.296148 × 3.182446 = 4.124922 → (1.675078, 9.924922).
    const fit = fitLinearTrend([2, 4, 5, 4, 5].map((y, i) => ({ x: i + 1, y })));
    expect(fit).not.toBeNull();
    expect(fit!.slope).toBeCloseTo(0.6, 12);
    expect(fit!.intercept).toBeCloseTo(2.2, 12);
    expect(fit!.residualSd).toBeCloseTo(0.894427, 6);
    expect(fit!.df).toBe(3);
    const p = predictAt(fit!, 6);
    expect(p.estimate).toBeCloseTo(5.8, 12);
    expect(p.standardError).toBeCloseTo(1.296148, 6);
    expect(p.low).toBeCloseTo(1.675078, 5);
    expect(p.high).toBeCloseTo(9.924922, 5);
  });

  it('gives the narrowest interval at the mean of x and a zero-width one on a perfect line', () => {
    // At x0 = x̄ = 3 for the data above: SE = s·√(1 + 1/5) = 0.894427·1.095445 = 0.979796.
    const fit = fitLinearTrend([2, 4, 5, 4, 5].map((y, i) => ({ x: i + 1, y })))!;
    expect(predictAt(fit, 3).standardError).toBeCloseTo(0.979796, 6);
    const exact = fitLinearTrend([0, 1, 2, 3].map((x) => ({ x, y: 10 + 2 * x })))!;
    const at10 = predictAt(exact, 10);
    expect([at10.estimate, at10.low, at10.high]).toEqual([30, 30, 30]);
  });

  it('needs three points with at least two different x', () => {
    expect(fitLinearTrend([{ x: 1, y: 1 }, { x: 2, y: 2 }])).toBeNull();
    expect(fitLinearTrend([{ x: 1, y: 1 }, { x: 1, y: 2 }, { x: 1, y: 3 }])).toBeNull();
  });
});
