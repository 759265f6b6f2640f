import { Interval, Z_95 } from './wilson-interval';

/**
 * Exact 95% Poisson limits for 0 to 9 events: lower = qchisq(0.025, 2x)/2, upper =
 * qchisq(0.975, 2x+2)/2 (byar-interval.spec.ts checks each against the Poisson distribution).
 */
export const EXACT_POISSON_95: readonly (readonly [number, number])[] = [
  [0, 3.688879454113936],
  [0.025317807984289842, 5.571643390938899],
  [0.24220927854396473, 7.224687667723961],
  [0.6186721228956011, 8.767273069742327],
  [1.0898653736263237, 10.241588675403698],
  [1.6234863901184227, 11.66833207932267],
  [2.20189425349085, 13.059474022518685],
  [2.814363051519863, 14.422675361702378],
  [3.4538321767484987, 15.763189220193315],
  [4.115373097378328, 17.08480345141917],
];

/**
 * 95% interval for a crude rate per `per` (events / population × per) as Fingertips computes
 * rates (PHEindicatormethods `phe_rate`): Byar's approximation to the exact Poisson limits for
 * 10 or more events, the exact limits below 10. Used for the events of a directly standardised
 * rate (directly-standardised-rate.ts); the cells' rates per 1,000 keep the Wilson interval that
 * measures.md sets for every rate. Null when the population is not positive or the count is not a
 * whole number ≥ 0.
 */
export function byarInterval(events: number, population: number, per = 1): Interval | null {
  if (!(population > 0) || !(events >= 0) || !Number.isInteger(events)) return null;
  const scale = per / population;
  if (events < 10) {
    const [low, high] = EXACT_POISSON_95[events];
    return { low: low * scale, high: high * scale };
  }
  const z = Z_95;
  const lowBase = 1 - 1 / (9 * events) - z / (3 * Math.sqrt(events));
  const next = events + 1;
  const highBase = 1 - 1 / (9 * next) + z / (3 * Math.sqrt(next));
  // x*x*x rather than Math.pow so that the DuckDB macro (same expression) agrees to the last bit.
  return {
    low: events * (lowBase * lowBase * lowBase) * scale,
    high: next * (highBase * highBase * highBase) * scale,
  };
}
