import { directlyStandardisedRate, type StandardisedRate } from './directly-standardised-rate';

/** One stratum of one plan group: events and people, and the stratum's standard population. */
export interface PlanStratumCounts {
  /** Stratum key, e.g. `sex|age band|ltc count`. */
  stratum: string;
  plan: boolean;
  events: number;
  people: number;
  standard: number;
}

export interface PlanGroupOutcome {
  crude: { rate: number | null; events: number; people: number };
  standardised: StandardisedRate | null;
}

export interface PlanOutcomeComparison {
  withPlan: PlanGroupOutcome;
  withoutPlan: PlanGroupOutcome;
  /** Strata used: both groups have people there, and the standard has someone. */
  strata: number;
  /** Share (0 to 1) of the standard population in the strata used. */
  standardCovered: number;
}

/**
 * People with and without a plan compared on one outcome, crude and directly standardised to the
 * same standard population over the same strata: the strata where both groups have people (a rate
 * is undefined in an empty stratum), so the two rates differ only by the stratum rates, not by who
 * gets a plan. `standardTotal` is the whole standard population, for the share covered. For a `proportion`
 * (each person counts once at most) Dobson's Poisson interval can pass `per`, which no proportion can: its upper
 * limit is then cut at `per` (100%).
 */
export function comparePlanOutcomes(
  rows: readonly PlanStratumCounts[],
  standardTotal: number,
  per: number,
  { proportion }: { proportion: boolean },
): PlanOutcomeComparison {
  const byStratum = new Map<string, { with?: PlanStratumCounts; without?: PlanStratumCounts }>();
  for (const r of rows) {
    const entry = byStratum.get(r.stratum) ?? {};
    if (r.plan ? entry.with : entry.without) throw new Error(`stratum ${r.stratum} appears twice for people ${r.plan ? 'with' : 'without'} a plan`);
    entry[r.plan ? 'with' : 'without'] = r;
    byStratum.set(r.stratum, entry);
  }
  const used = [...byStratum.values()].filter(
    (e): e is { with: PlanStratumCounts; without: PlanStratumCounts } => !!e.with && !!e.without && e.with.people > 0 && e.without.people > 0 && e.with.standard > 0,
  );
  const capped = (rate: StandardisedRate): StandardisedRate =>
    proportion && rate.high !== null && rate.high > per ? { ...rate, high: per } : rate;
  const group = (plan: boolean): PlanGroupOutcome => {
    const own = rows.filter((r) => r.plan === plan);
    const events = own.reduce((s, r) => s + r.events, 0);
    const people = own.reduce((s, r) => s + r.people, 0);
    const strata = used.map((e) => (plan ? e.with : e.without)).map((r) => ({ standard: r.standard, events: r.events, population: r.people }));
    return {
      crude: { rate: people > 0 ? (events / people) * per : null, events, people },
      standardised: strata.length > 0 ? capped(directlyStandardisedRate(strata, per)) : null,
    };
  };
  const covered = used.reduce((s, e) => s + e.with.standard, 0);
  return { withPlan: group(true), withoutPlan: group(false), strata: used.length, standardCovered: standardTotal > 0 ? covered / standardTotal : 0 };
}
