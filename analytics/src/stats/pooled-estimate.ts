import { Z_95 } from './wilson-interval';

/** An estimate with its standard error and 95% interval (normal approximation). */
export interface Estimate {
  estimate: number;
  standardError: number;
  low: number;
  high: number;
}

/** estimate ± 1.959964 × standard error. */
export function estimateOf(estimate: number, standardError: number): Estimate {
  return { estimate, standardError, low: estimate - Z_95 * standardError, high: estimate + Z_95 * standardError };
}

/** A random-effects pooled estimate with its heterogeneity. */
export interface PooledEstimate extends Estimate {
  /** Between-unit variance τ² (DerSimonian–Laird); 0 when the units agree within their errors. */
  tau2: number;
  /** Cochran's Q. */
  q: number;
  units: number;
}

/**
 * DerSimonian and Laird's (1986) random-effects pool of independent estimates with their
 * standard errors: weights 1/(se² + τ²), τ² = max(0, (Q − (k − 1)) / (Σw − Σw²/Σw)) with the
 * fixed-effect weights w = 1/se². Null for no estimates; units with a standard error of 0 or less are rejected.
 */
export function pooledEstimate(units: readonly { estimate: number; standardError: number }[]): PooledEstimate | null {
  if (units.length === 0) return null;
  for (const u of units) {
    if (!(u.standardError > 0) || !Number.isFinite(u.estimate)) throw new Error(`pooled estimate: each unit needs a finite estimate and a positive standard error, got ${u.estimate} ± ${u.standardError}`);
  }
  const w = units.map((u) => 1 / (u.standardError * u.standardError));
  const sw = w.reduce((s, v) => s + v, 0);
  const fixed = units.reduce((s, u, i) => s + w[i] * u.estimate, 0) / sw;
  const q = units.reduce((s, u, i) => s + w[i] * (u.estimate - fixed) ** 2, 0);
  const c = sw - w.reduce((s, v) => s + v * v, 0) / sw;
  const tau2 = units.length > 1 ? Math.max(0, (q - (units.length - 1)) / c) : 0;
  const wr = units.map((u) => 1 / (u.standardError * u.standardError + tau2));
  const swr = wr.reduce((s, v) => s + v, 0);
  const pooled = units.reduce((s, u, i) => s + wr[i] * u.estimate, 0) / swr;
  return { ...estimateOf(pooled, Math.sqrt(1 / swr)), tau2, q, units: units.length };
}
