/** Least squares fit with its covariance matrix. */
export interface LeastSquaresFit {
  coefficients: number[];
  /** Covariance of the coefficients: classical (s² (X'X)⁻¹) or Newey–West when a lag is given. */
  covariance: number[][];
  residuals: number[];
  /** n − p. */
  residualDf: number;
}

/** Inverse of a small symmetric positive definite matrix by Gauss–Jordan elimination; throws if singular. */
export function invertMatrix(m: readonly (readonly number[])[]): number[][] {
  const n = m.length;
  const a = m.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) pivot = r;
    if (Math.abs(a[pivot][c]) < 1e-12) throw new Error('the design matrix is singular: the columns are not independent');
    [a[c], a[pivot]] = [a[pivot], a[c]];
    const p = a[c][c];
    for (let j = 0; j < 2 * n; j++) a[c][j] /= p;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r][c];
      if (f !== 0) for (let j = 0; j < 2 * n; j++) a[r][j] -= f * a[c][j];
    }
  }
  return a.map((row) => row.slice(n));
}

const multiply = (a: number[][], b: number[][]) =>
  a.map((row) => b[0].map((_, j) => row.reduce((s, v, k) => s + v * b[k][j], 0)));

/**
 * Ordinary least squares of y on the rows of `x` (include a column of 1s for an intercept).
 * With `neweyWestLag` L > 0 the covariance is Newey and West's (1987) heteroscedasticity and
 * autocorrelation consistent estimate (X'X)⁻¹ S (X'X)⁻¹, S = Σ e_t² x_t x_t' + Σ_{l=1..L} (1 − l/(L+1))
 * Σ_t e_t e_{t−l} (x_t x_{t−l}' + x_{t−l} x_t'), without a small-sample correction; rows must be
 * consecutive equally spaced times. With L = 0 it is the classical s² (X'X)⁻¹, s² = RSS / (n − p).
 */
export function ordinaryLeastSquares(x: readonly (readonly number[])[], y: readonly number[], neweyWestLag = 0): LeastSquaresFit {
  const n = y.length;
  const p = x[0]?.length ?? 0;
  if (x.length !== n) throw new Error(`least squares: ${x.length} rows of x but ${n} values of y`);
  if (n <= p) throw new Error(`least squares: ${n} observations cannot fit ${p} coefficients`);
  const xtx = Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => x.reduce((s, row) => s + row[i] * row[j], 0)));
  const xty = Array.from({ length: p }, (_, i) => x.reduce((s, row, t) => s + row[i] * y[t], 0));
  const inverse = invertMatrix(xtx);
  const coefficients = inverse.map((row) => row.reduce((s, v, k) => s + v * xty[k], 0));
  const residuals = y.map((v, t) => v - x[t].reduce((s, xi, k) => s + xi * coefficients[k], 0));
  let covariance: number[][];
  if (neweyWestLag <= 0) {
    const s2 = residuals.reduce((s, e) => s + e * e, 0) / (n - p);
    covariance = inverse.map((row) => row.map((v) => v * s2));
  } else {
    const meat = Array.from({ length: p }, (_, i) =>
      Array.from({ length: p }, (_, j) => x.reduce((s, row, t) => s + residuals[t] * residuals[t] * row[i] * row[j], 0)),
    );
    for (let l = 1; l <= Math.min(neweyWestLag, n - 1); l++) {
      const weight = 1 - l / (neweyWestLag + 1);
      for (let t = l; t < n; t++) {
        const ee = residuals[t] * residuals[t - l] * weight;
        for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) meat[i][j] += ee * (x[t][i] * x[t - l][j] + x[t - l][i] * x[t][j]);
      }
    }
    covariance = multiply(multiply(inverse, meat), inverse);
  }
  return { coefficients, covariance, residuals, residualDf: n - p };
}
