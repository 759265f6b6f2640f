import { byarInterval, EXACT_POISSON_95 } from './byar-interval';

/** P(X ≤ x) for X ~ Poisson(mu), summed term by term. */
function poissonCdf(x: number, mu: number): number {
  let term = Math.exp(-mu);
  let sum = term;
  for (let k = 1; k <= x; k += 1) {
    term *= mu / k;
    sum += term;
  }
  return sum;
}

describe('byarInterval', () => {
  it("uses Byar's formula from 10 events, close to the exact Poisson limits", () => {
    // O = 65: lower = 65·(1 − 1/585 − 1.959964/(3·√65))³ = 65·(1 − 0.0017094 − 0.0810343)³
    //       = 65·0.9172563³ = 65·0.7717376 = 50.16294
    // upper = 66·(1 − 1/594 + 1.959964/(3·√66))³ = 66·(1 − 0.0016835 + 0.0804184)³
    //       = 66·1.0787348³ = 66·1.2552900 = 82.84914
    // (exact Poisson limits for 65 from tables: 50.17 to 82.85)
    const ci = byarInterval(65, 1);
    expect(ci?.low).toBeCloseTo(50.16294, 3);
    expect(ci?.high).toBeCloseTo(82.84914, 3);
  });

  it('scales to a rate per 1,000', () => {
    // 120 admissions among 800 people: Byar lower for 120:
    // 120·(1 − 1/1080 − 1.959964/(3·10.954451))³ = 120·(1 − 0.0009259 − 0.0596398)³
    //   = 120·0.9394343³ = 120·0.8290853 = 99.49023 → per 1,000 of 800: 124.3628
    // upper: 121·(1 − 1/1089 + 1.959964/33)³ = 121·(1 − 0.0009183 + 0.0593929)³
    //   = 121·1.0584746³ = 121·1.1858815 = 143.49166 → 179.3646 per 1,000
    const ci = byarInterval(120, 800, 1000);
    expect(ci?.low).toBeCloseTo(124.3628, 3);
    expect(ci?.high).toBeCloseTo(179.3646, 3);
  });

  it('uses the exact Poisson limits below 10 events (tabulated values)', () => {
    // Published exact 95% limits (e.g. Documenta Geigy; qchisq): 0 → 0–3.689, 1 → 0.0253–5.572,
    // 5 → 1.6235–11.668, 9 → 4.1154–17.085
    expect(byarInterval(0, 1)).toEqual({ low: 0, high: EXACT_POISSON_95[0][1] });
    expect(byarInterval(0, 1)?.high).toBeCloseTo(3.6889, 4);
    expect(byarInterval(1, 1)?.low).toBeCloseTo(0.0253, 4);
    expect(byarInterval(1, 1)?.high).toBeCloseTo(5.5716, 4);
    expect(byarInterval(5, 1)?.low).toBeCloseTo(1.6235, 4);
    expect(byarInterval(5, 1)?.high).toBeCloseTo(11.6683, 4);
    expect(byarInterval(9, 1)?.low).toBeCloseTo(4.1154, 4);
    expect(byarInterval(9, 1)?.high).toBeCloseTo(17.0848, 4);
  });

  it.each([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])('the exact limits for %i events put 2.5% in each tail', (x) => {
    const [low, high] = EXACT_POISSON_95[x];
    expect(poissonCdf(x, high)).toBeCloseTo(0.025, 12);
    if (x > 0) expect(1 - poissonCdf(x - 1, low)).toBeCloseTo(0.025, 12);
  });

  it('is undefined without a population or with a count that is not a whole number', () => {
    expect(byarInterval(3, 0)).toBeNull();
    expect(byarInterval(-1, 10)).toBeNull();
    expect(byarInterval(2.5, 10)).toBeNull();
  });
});
