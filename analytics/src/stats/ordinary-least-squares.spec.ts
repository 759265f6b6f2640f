import { invertMatrix, ordinaryLeastSquares } from './ordinary-least-squares';

// y = 1, 3, 2, 5 at t = 0..3 on [1, t]. X'X = [[4, 6], [6, 14]], det 20, (X'X)⁻¹ = [[0.7, −0.3], [−0.3, 0.2]];
// X'y = [11, 22] → β = [0.7×11 − 0.3×22, −0.3×11 + 0.2×22] = [1.1, 1.1]; fitted 1.1, 2.2, 3.3, 4.4;
// residuals −0.1, 0.8, −1.3, 0.6; RSS 2.7; s² = 2.7/2 = 1.35.
const x = [0, 1, 2, 3].map((t) => [1, t]);
const y = [1, 3, 2, 5];

describe('ordinaryLeastSquares', () => {
  it('fits the coefficients and the classical covariance s²(X′X)⁻¹ (hand calculation)', () => {
    const fit = ordinaryLeastSquares(x, y);
    expect(fit.coefficients[0]).toBeCloseTo(1.1, 12);
    expect(fit.coefficients[1]).toBeCloseTo(1.1, 12);
    fit.residuals.forEach((e, i) => expect(e).toBeCloseTo([-0.1, 0.8, -1.3, 0.6][i], 12));
    // 1.35 × [[0.7, −0.3], [−0.3, 0.2]]
    expect(fit.covariance[0][0]).toBeCloseTo(0.945, 12);
    expect(fit.covariance[0][1]).toBeCloseTo(-0.405, 12);
    expect(fit.covariance[1][1]).toBeCloseTo(0.27, 12);
    expect(fit.residualDf).toBe(2);
  });

  it('gives the Newey–West covariance with lag 1 (hand calculation)', () => {
    // e² = 0.01, 0.64, 1.69, 0.36: Σe²xx' = [[2.7, 5.1], [5.1, 10.64]].
    // Lag 1 (weight 1 − 1/2 = 0.5): e_t e_{t−1} = −0.08, −1.04, −0.78 at t = 1, 2, 3;
    // x_t x_{t−1}' + x_{t−1} x_t' = [[2, 2t−1], [2t−1, 2t(t−1)]]; Σ = [[−3.8, −7.1], [−7.1, −13.52]].
    // S = [[2.7 − 1.9, 5.1 − 3.55], [·, 10.64 − 6.76]] = [[0.8, 1.55], [1.55, 3.88]].
    // (X'X)⁻¹ S = [[0.095, −0.079], [0.07, 0.311]]; × (X'X)⁻¹ = [[0.0902, −0.0443], [−0.0443, 0.0412]].
    const fit = ordinaryLeastSquares(x, y, 1);
    expect(fit.coefficients[1]).toBeCloseTo(1.1, 12);
    expect(fit.covariance[0][0]).toBeCloseTo(0.0902, 12);
    expect(fit.covariance[0][1]).toBeCloseTo(-0.0443, 12);
    expect(fit.covariance[1][0]).toBeCloseTo(-0.0443, 12);
    expect(fit.covariance[1][1]).toBeCloseTo(0.0412, 12);
  });

  it('rejects too few observations and dependent columns', () => {
    expect(() => ordinaryLeastSquares([[1, 0], [1, 1]], [1, 2])).toThrow('2 observations cannot fit 2 coefficients');
    expect(() => ordinaryLeastSquares([[1, 2], [1, 2], [1, 2]], [1, 2, 3])).toThrow('singular');
  });

  it('inverts a 3 × 3 matrix', () => {
    // [[2, 0, 0], [0, 4, 0], [0, 0, 0.5]]⁻¹ is the diagonal of reciprocals.
    expect(invertMatrix([[2, 0, 0], [0, 4, 0], [0, 0, 0.5]])).toEqual([[0.5, 0, 0], [0, 0.25, 0], [0, 0, 2]]);
  });
});
