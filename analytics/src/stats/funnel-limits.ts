import { Interval, Z_95 } from './wilson-interval';

/** Two-sided 99.8% standard normal quantile (funnel plots' outer limits). */
export const Z_998 = 3.090232;

/** The 95% and 99.8% control limits around a benchmark proportion for one denominator. */
export interface FunnelLimits {
  low95: number;
  high95: number;
  low998: number;
  high998: number;
}

/** Result of comparing an organisation with a benchmark: outside the 99.8% limits or not. */
export type FunnelFlag = 'higher' | 'lower' | 'similar';

/** A measure's direction, as declared in the measure registry. */
export type Polarity = 'higher_is_better' | 'lower_is_better' | 'neither';

/** The colour class of a comparison: better / similar / worse, or lower / similar / higher for 'neither'. */
export type ComparisonClass = 'better' | 'similar' | 'worse' | 'lower' | 'higher';

/** Control limits p0 ± z·√(p0(1−p0)/n) clamped to [0, 1]; null when n ≤ 0 or p0 is not a proportion. */
export function funnelLimit(p0: number, n: number, z: number): Interval | null {
  if (!(n > 0) || !(p0 >= 0) || !(p0 <= 1)) return null;
  const halfWidth = z * Math.sqrt((p0 * (1 - p0)) / n);
  return { low: Math.max(0, p0 - halfWidth), high: Math.min(1, p0 + halfWidth) };
}

/** The 95% (z = 1.959964) and 99.8% (z = 3.090232) funnel limits for benchmark p0 and denominator n. */
export function funnelLimits(p0: number, n: number): FunnelLimits | null {
  const inner = funnelLimit(p0, n, Z_95);
  const outer = funnelLimit(p0, n, Z_998);
  if (inner === null || outer === null) return null;
  return { low95: inner.low, high95: inner.high, low998: outer.low, high998: outer.high };
}

/** 'higher' / 'lower' when the rate lies strictly outside the 99.8% limits, else 'similar'. */
export function funnelFlag(rate: number, limits: FunnelLimits): FunnelFlag {
  if (rate > limits.high998) return 'higher';
  if (rate < limits.low998) return 'lower';
  return 'similar';
}

/** Flag of numerator/denominator against benchmark p0; null when the limits are undefined. */
export function compareWithBenchmark(numerator: number, denominator: number, p0: number): FunnelFlag | null {
  const limits = funnelLimits(p0, denominator);
  return limits === null ? null : funnelFlag(numerator / denominator, limits);
}

/** Colour class of a flag under the measure's polarity. */
export function comparisonClass(flag: FunnelFlag, polarity: Polarity): ComparisonClass {
  if (flag === 'similar' || polarity === 'neither') return flag;
  const higherIsBetter = polarity === 'higher_is_better';
  return (flag === 'higher') === higherIsBetter ? 'better' : 'worse';
}
