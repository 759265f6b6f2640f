import { RateCounts } from './deciles';
import { wilsonInterval, Z_95 } from './wilson-interval';

/** A difference of two proportions (current − previous) with its confidence interval. */
export interface RateChange {
  difference: number;
  low: number;
  high: number;
}

/**
 * current − previous proportion with Newcombe's hybrid Wilson score interval (method 10 of
 * Newcombe, Stat Med 1998;17:873–90), for independent samples such as the last 12 months and the
 * 12 before; null when either proportion is undefined.
 */
export function rateChange(current: RateCounts, previous: RateCounts, z: number = Z_95): RateChange | null {
  const a = wilsonInterval(current.numerator, current.denominator, z);
  const b = wilsonInterval(previous.numerator, previous.denominator, z);
  if (a === null || b === null) return null;
  const p1 = current.numerator / current.denominator;
  const p2 = previous.numerator / previous.denominator;
  const difference = p1 - p2;
  const delta = Math.sqrt((p1 - a.low) ** 2 + (b.high - p2) ** 2);
  const epsilon = Math.sqrt((a.high - p1) ** 2 + (p2 - b.low) ** 2);
  return { difference, low: difference - delta, high: difference + epsilon };
}

/**
 * current − previous rate of events per person (for a rate per 1,000: emergency admissions, of which one person can
 * have several, so not a proportion) with the normal approximation to the difference of two Poisson rates,
 * (O₁/n₁ − O₂/n₂) ± z·√(O₁/n₁² + O₂/n₂²), for independent samples such as the 12-month windows of a month and of the
 * same month a year before; null when either rate is undefined.
 */
export function eventRateChange(current: RateCounts, previous: RateCounts, z: number = Z_95): RateChange | null {
  if (!(current.denominator > 0) || !(previous.denominator > 0)) return null;
  const difference = current.numerator / current.denominator - previous.numerator / previous.denominator;
  const spread = z * Math.sqrt(current.numerator / current.denominator ** 2 + previous.numerator / previous.denominator ** 2);
  return { difference, low: difference - spread, high: difference + spread };
}
