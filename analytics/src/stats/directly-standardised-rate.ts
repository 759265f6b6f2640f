import { byarInterval } from './byar-interval';

/** One stratum: its share of the standard population (any positive size) and the group's events and people. */
export interface StandardisationStratum {
  standard: number;
  events: number;
  population: number;
}

export interface StandardisedRate {
  /** Σ wᵢ eventsᵢ / populationᵢ × per, wᵢ = standardᵢ / Σ standard. */
  rate: number;
  /** Dobson's 95% interval; null below 10 events, where Fingertips publishes no DSR. */
  low: number | null;
  high: number | null;
  events: number;
  population: number;
}

/** Fewest events for which Fingertips publishes a directly standardised rate. */
export const DSR_MIN_EVENTS = 10;

/**
 * Directly standardised rate per `per`, with the interval of Dobson et al. (1991) as PHE Fingertips
 * computes it (PHEindicatormethods `calculate_dsr`): the limits of the total count O (Byar's
 * approximation, exact below 10) carried to the rate by DSR ± √(V/O) (O_limit − O), V = Σ wᵢ²
 * eventsᵢ / populationᵢ² the Poisson variance of the rate. For a proportion this Poisson variance is
 * larger than the binomial one, so the interval is conservative. Every stratum needs people.
 */
export function directlyStandardisedRate(strata: readonly StandardisationStratum[], per = 1): StandardisedRate {
  if (strata.length === 0) throw new Error('a standardised rate needs at least one stratum');
  const total = strata.reduce((s, x) => s + x.standard, 0);
  for (const [i, x] of strata.entries()) {
    if (!(x.population > 0)) throw new Error(`stratum ${i + 1} has no people: leave it out of the standardisation`);
    if (!(x.standard >= 0) || !(x.events >= 0)) throw new Error(`stratum ${i + 1} has a negative count`);
  }
  if (!(total > 0)) throw new Error('the standard population is empty');
  let rate = 0;
  let variance = 0;
  for (const x of strata) {
    const w = x.standard / total;
    rate += (w * x.events) / x.population;
    variance += (w * w * x.events) / (x.population * x.population);
  }
  const events = strata.reduce((s, x) => s + x.events, 0);
  const population = strata.reduce((s, x) => s + x.population, 0);
  const limits = events >= DSR_MIN_EVENTS ? byarInterval(events, 1) : null;
  const spread = Math.sqrt(variance / events);
  return {
    rate: rate * per,
    low: limits ? (rate + spread * (limits.low - events)) * per : null,
    high: limits ? (rate + spread * (limits.high - events)) * per : null,
    events,
    population,
  };
}
