/**
 * Small-number suppression (measures.md "Disclosure control", the NHS Digital rule for
 * sub-national counts): a count shown for a breakdown is suppressed when it is 1 to
 * `suppressBelow − 1`, otherwise rounded to the nearest `roundTo`; whole-organisation totals are
 * shown as they are.
 */
export interface DisclosurePolicy {
  enabled: boolean;
  suppressBelow: number;
  roundTo: number;
}

/** On by default: counts 1 to 7 suppressed, others rounded to the nearest 5. */
export const DEFAULT_DISCLOSURE_POLICY: Readonly<DisclosurePolicy> = Object.freeze({
  enabled: true,
  suppressBelow: 8,
  roundTo: 5,
});

/** A count or rate as shown: a value, or explicitly suppressed (never shown as 0). */
export type Disclosed = { suppressed: false; value: number } | { suppressed: true; value: null };

/** A cell as it leaves the engine: numerator, denominator (null for a count measure), rate. */
export interface DisclosedCell {
  numerator: Disclosed;
  denominator: Disclosed | null;
  /** null when the rate is undefined (no denominator, or a denominator of 0). */
  rate: Disclosed | null;
}

const SUPPRESSED: Disclosed = Object.freeze({ suppressed: true, value: null });
const shown = (value: number): Disclosed => ({ suppressed: false, value });

/**
 * Nearest multiple of `roundTo`, exact halves upward. For whole counts and roundTo = 5 a half
 * cannot occur (8 → 10, 12 → 10, 13 → 15); with an even roundTo, e.g. 10, 15 → 20.
 */
export function roundToNearest(count: number, roundTo: number): number {
  return Math.floor(count / roundTo + 0.5) * roundTo;
}

/** One count of a breakdown under the policy: 0 stays 0, 1 to suppressBelow−1 suppressed, the rest rounded. */
export function discloseCount(count: number, policy: DisclosurePolicy = DEFAULT_DISCLOSURE_POLICY): Disclosed {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`a count must be a whole number ≥ 0, got ${count}`);
  if (!policy.enabled) return shown(count);
  if (count >= 1 && count < policy.suppressBelow) return SUPPRESSED;
  return shown(roundToNearest(count, policy.roundTo));
}

/**
 * A cell as shown: breakdown cells (any split finer than the whole organisation) have their counts
 * disclosed and the rate computed from the shown counts, or suppressed where either count is;
 * whole-organisation cells are returned unrounded. `per` scales the rate (1,000 for a rate per 1,000).
 */
export function discloseCell(
  cell: { numerator: number; denominator: number | null },
  isBreakdown: boolean,
  policy: DisclosurePolicy = DEFAULT_DISCLOSURE_POLICY,
  per = 1,
): DisclosedCell {
  const active = isBreakdown ? policy : { ...policy, enabled: false };
  const numerator = discloseCount(cell.numerator, active);
  const denominator = cell.denominator === null ? null : discloseCount(cell.denominator, active);
  let rate: Disclosed | null = null;
  if (denominator !== null) {
    if (numerator.suppressed || denominator.suppressed) rate = SUPPRESSED;
    else if (denominator.value > 0) rate = shown((numerator.value / denominator.value) * per);
  }
  return { numerator, denominator, rate };
}

/**
 * A share (0 to 1) of a population whose total is shown unrounded, such as the share of an ICB's LTC population in
 * the strata two groups have: in whole percent under the policy, since the exact share times the total would count
 * the people of a breakdown.
 */
export function discloseShare(share: number, policy: DisclosurePolicy = DEFAULT_DISCLOSURE_POLICY): number {
  return policy.enabled ? Math.round(share * 100) / 100 : share;
}

/** One stratum of a group in a directly standardised rate: the group's events and people, and the standard's people. */
export interface StratumCounts {
  stratum: string;
  events: number;
  people: number;
  standard: number;
}

/**
 * The strata of directly standardised rates as the policy lets them be used: each count rounded as a breakdown's is,
 * and a stratum left out of every group where any of its counts (in any group) is suppressed. A standardised rate and
 * its interval worked out from exact strata carry a group's exact counts (the ratio of the interval's two sides gives
 * its number of events), which rounding is there to withhold; worked out from these, they say nothing the rounded
 * counts do not.
 */
export function discloseStrata<T extends StratumCounts>(rows: readonly T[], policy: DisclosurePolicy = DEFAULT_DISCLOSURE_POLICY): T[] {
  if (!policy.enabled) return [...rows];
  const disclosed = rows.map((row) => ({ row, counts: [row.events, row.people, row.standard].map((count) => discloseCount(count, policy)) }));
  const withheld = new Set(disclosed.filter((d) => d.counts.some((c) => c.suppressed)).map((d) => d.row.stratum));
  return disclosed
    .filter((d) => !withheld.has(d.row.stratum))
    .map(({ row, counts: [events, people, standard] }) => ({ ...row, events: events.value as number, people: people.value as number, standard: standard.value as number }));
}
