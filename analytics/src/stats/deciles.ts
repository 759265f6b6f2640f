/** A practice's numerator and denominator for one measure and month. */
export interface RateCounts {
  numerator: number;
  denominator: number;
}

/** The probabilities 0.1, 0.2 … 0.9 of the deciles, as the literals DuckDB would be given. */
export const DECILE_PROBABILITIES = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] as const;

/**
 * Percentile p of sorted values with linear interpolation between order statistics at
 * h = (n−1)p (DuckDB `quantile_cont`, numpy's default); null for no values.
 */
export function quantileCont(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * p;
  const below = Math.floor(h);
  const above = Math.ceil(h);
  const lo = sorted[below];
  return below === above ? lo : lo + (h - below) * (sorted[above] - lo);
}

/** The 10th … 90th percentiles of the practices' rates, over practices with a denominator ≥ 1; null if none. */
export function deciles(practices: readonly RateCounts[]): number[] | null {
  const rates = practices
    .filter((p) => p.denominator >= 1)
    .map((p) => p.numerator / p.denominator)
    .sort((a, b) => a - b);
  if (rates.length === 0) return null;
  return DECILE_PROBABILITIES.map((p) => quantileCont(rates, p) as number);
}
