import { Z_95, type Interval } from './wilson-interval';

/** One group of the social scale: its value, its 95% interval (null where there is none) and its population. */
export interface SiiGroup {
  value: number;
  low: number | null;
  high: number | null;
  population: number;
}

/** The slope index of inequality with its 95% interval and the working behind it. */
export interface SlopeIndex extends Interval {
  /** The fitted value at x = 1 minus that at x = 0: the slope, in the groups' unit. */
  sii: number;
  /** √(Σ c_i² se_i²). */
  standardError: number;
  /** Each group's relative rank x_i, the midpoint of its share of the population, in the order given. */
  ranks: number[];
  /** Each group's weight c_i in the slope, which is Σ c_i y_i. */
  coefficients: number[];
}

/** Slope index of inequality (Low & Low 2004, as PHE's `phe_sii`) of groups in the caller's order along the social scale (the first at x = 0, the last at x = 1, so the SII is the modelled last end minus first end), with the exact 95% interval `phe_sii`'s simulation converges to; null with fewer than 2 groups, a population not above 0 or a group without an interval. */
export function slopeIndexOfInequality(groups: readonly SiiGroup[]): SlopeIndex | null {
  if (groups.length < 2) return null;
  const errors: number[] = [];
  for (const g of groups) {
    if (!(g.population > 0) || !Number.isFinite(g.population) || !Number.isFinite(g.value)) return null;
    if (g.low === null || g.high === null || !Number.isFinite(g.low) || !Number.isFinite(g.high) || g.low > g.high) return null;
    errors.push((g.high - g.low) / (2 * Z_95));
  }
  const total = groups.reduce((s, g) => s + g.population, 0);
  const ranks: number[] = [];
  let below = 0;
  for (const g of groups) {
    const share = g.population / total;
    ranks.push(below + share / 2);
    below += share;
  }
  const meanRank = groups.reduce((s, g, i) => s + g.population * ranks[i], 0) / total;
  const sxx = groups.reduce((s, g, i) => s + g.population * (ranks[i] - meanRank) ** 2, 0);
  const coefficients = groups.map((g, i) => (g.population * (ranks[i] - meanRank)) / sxx);
  // Weighted least squares with weights n_i (phe_sii's √a transform is the same fit); its slope is Σ c_i y_i.
  // Σ c_i = 0, so measuring each value from the first changes nothing but gives exactly 0 when all values are equal.
  const first = groups[0].value;
  const sii = groups.reduce((s, g, i) => s + coefficients[i] * (g.value - first), 0);
  // phe_sii (value_type 0) draws each y_i from N(y_i, se_i²) 100,000 times and takes percentiles of the slopes. The
  // slope Σ c_i y_i is linear in the y_i, so those slopes are normal with variance Σ c_i² se_i², and the percentiles
  // converge to SII ± 1.959964 × √(Σ c_i² se_i²): computed here exactly, with no random numbers.
  const standardError = Math.sqrt(coefficients.reduce((s, c, i) => s + (c * errors[i]) ** 2, 0));
  return { sii, low: sii - Z_95 * standardError, high: sii + Z_95 * standardError, standardError, ranks, coefficients };
}
