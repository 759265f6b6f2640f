import { studentTQuantile } from './student-t';

/** One observation of a trend: x (e.g. a month index) and y (e.g. a rate). */
export interface TrendPoint {
  x: number;
  y: number;
}

/** An ordinary least squares line y = intercept + slope·x with what its intervals need. */
export interface LinearFit {
  n: number;
  intercept: number;
  slope: number;
  meanX: number;
  /** Σ(x − x̄)². */
  sxx: number;
  /** Residual standard deviation s = √(SSE / (n − 2)). */
  residualSd: number;
  /** Degrees of freedom n − 2. */
  df: number;
}

/** A value predicted at x0 with its prediction interval (for one new observation, not the mean). */
export interface Prediction {
  x: number;
  estimate: number;
  low: number;
  high: number;
  /** s·√(1 + 1/n + (x0 − x̄)²/Sxx). */
  standardError: number;
}

/** The OLS line through the points; null with fewer than 3 points or when every x is the same. */
export function fitLinearTrend(points: readonly TrendPoint[]): LinearFit | null {
  const n = points.length;
  if (n < 3) return null;
  const meanX = points.reduce((s, p) => s + p.x, 0) / n;
  const meanY = points.reduce((s, p) => s + p.y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += (p.x - meanX) ** 2;
    sxy += (p.x - meanX) * (p.y - meanY);
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  const sse = points.reduce((s, p) => s + (p.y - intercept - slope * p.x) ** 2, 0);
  return { n, intercept, slope, meanX, sxx, residualSd: Math.sqrt(sse / (n - 2)), df: n - 2 };
}

/** The prediction at x0 with its two-sided `level` prediction interval: ŷ ± t(1 − α/2, n − 2)·SE. */
export function predictAt(fit: LinearFit, x0: number, level = 0.95): Prediction {
  const estimate = fit.intercept + fit.slope * x0;
  const standardError = fit.residualSd * Math.sqrt(1 + 1 / fit.n + (x0 - fit.meanX) ** 2 / fit.sxx);
  const halfWidth = studentTQuantile((1 + level) / 2, fit.df) * standardError;
  return { x: x0, estimate, low: estimate - halfWidth, high: estimate + halfWidth, standardError };
}
