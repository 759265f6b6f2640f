/** Two-sided 95% standard normal quantile, to the 6 decimals Fingertips publishes. */
export const Z_95 = 1.959964;

/** A confidence interval; `low` ≤ `high`. */
export interface Interval {
  low: number;
  high: number;
}

/**
 * Wilson score interval for the proportion numerator/denominator, as PHE Fingertips computes it
 * ("Technical Guidance: Confidence intervals"); null when the proportion is undefined, including numerator >
 * denominator (a rate per 1,000 with more events than people), as the wilson_low/high SQL macros give NULL.
 */
export function wilsonInterval(numerator: number, denominator: number, z: number = Z_95): Interval | null {
  if (!(denominator > 0) || !(numerator >= 0) || numerator > denominator) return null;
  const z2 = z * z;
  const spread = z * Math.sqrt(z2 + 4 * numerator * (1 - numerator / denominator));
  const scale = 2 * (denominator + z2);
  // The limits are exactly 0 and 1 at the extremes; pin them so rounding cannot leave 1e-17.
  const low = numerator === 0 ? 0 : (2 * numerator + z2 - spread) / scale;
  const high = numerator === denominator ? 1 : (2 * numerator + z2 + spread) / scale;
  return { low, high };
}
