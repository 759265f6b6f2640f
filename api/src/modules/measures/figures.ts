import {
  comparisonClass,
  discloseCell,
  funnelLimits,
  funnelFlag,
  eventRateChange,
  rateChange,
  wilsonInterval,
  type DisclosurePolicy,
  type FunnelFlag,
  type MeasureDefinition,
  type SnapshotRow,
} from '@pcsp/analytics';
import type { ChangePeriod, ComparisonClass, FunnelLimitsValue, RateChangeValue } from '../../contract/compare.contract';

/** Counts of one cell (sums of practices' counts for a group). */
export interface Counts {
  numerator: number;
  denominator: number | null;
}

export interface Figures {
  numerator: number | null;
  denominator: number | null;
  rate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  suppressed: boolean;
}

const num = (value: SnapshotRow[string] | undefined): number | null => (value === null || value === undefined ? null : Number(value));

/** The multiplier of a measure's rate (100 for %, 1,000 per 1,000; null for a count). */
export function scaleOf(measure: MeasureDefinition): number | null {
  return measure.unit === '%' ? 100 : measure.unit === 'per 1,000' ? 1000 : null;
}

export function countsOf(row: SnapshotRow): Counts {
  return { numerator: Number(row.numerator ?? 0), denominator: num(row.denominator) };
}

/**
 * Rate and 95% interval of counts, as the engine's cell macros compute them: Wilson's interval of numerator/denominator
 * in the measure's unit, per 1,000 as for %. Where admissions outnumber people (numerator > denominator) Wilson is
 * undefined, so the rate has no interval (null), as the engine's NULL.
 */
export function figuresOf(measure: MeasureDefinition, counts: Counts): Figures {
  const scale = scaleOf(measure);
  const { numerator, denominator } = counts;
  if (scale === null || denominator === null || denominator <= 0) {
    return { numerator, denominator, rate: null, ciLow: null, ciHigh: null, suppressed: false };
  }
  const interval = wilsonInterval(numerator, denominator);
  return {
    numerator,
    denominator,
    rate: (scale * numerator) / denominator,
    ciLow: interval ? scale * interval.low : null,
    ciHigh: interval ? scale * interval.high : null,
    suppressed: false,
  };
}

/** The figures of a snapshot row as stored (whole-organisation cells are shown as they are). */
export function storedFigures(row: SnapshotRow): Figures {
  return {
    numerator: num(row.numerator),
    denominator: num(row.denominator),
    rate: num(row.rate),
    ciLow: num(row.ci_low),
    ciHigh: num(row.ci_high),
    suppressed: false,
  };
}

/**
 * A breakdown cell under disclosure control: counts 1–7 suppressed, the rest rounded to 5; the rate
 * and interval from the rounded counts, or suppressed with them (analytics/src/disclosure.ts).
 */
export function disclosedFigures(measure: MeasureDefinition, counts: Counts, policy: DisclosurePolicy): Figures {
  if (!policy.enabled) return figuresOf(measure, counts);
  const cell = discloseCell(counts, true, policy, scaleOf(measure) ?? 1);
  const numerator = cell.numerator.value;
  const denominator = cell.denominator === null ? null : cell.denominator.value;
  const suppressed = cell.numerator.suppressed || (cell.denominator?.suppressed ?? false);
  if (suppressed) return { numerator, denominator, rate: null, ciLow: null, ciHigh: null, suppressed: true };
  return figuresOf(measure, { numerator: numerator as number, denominator });
}

/**
 * Competition ranks (1, 2, 2, 4) by the measure's direction: highest first unless lower is
 * better. Null values get no rank.
 */
export function ranks(values: (number | null)[], direction: MeasureDefinition['direction']): (number | null)[] {
  const sign = direction === 'lower_is_better' ? 1 : -1;
  const order = values.map((v, i) => ({ v, i })).filter((x): x is { v: number; i: number } => x.v !== null).sort((a, b) => sign * (a.v - b.v));
  const out: (number | null)[] = values.map(() => null);
  order.forEach((x, position) => {
    const previous = order[position - 1];
    out[x.i] = previous && previous.v === x.v ? (out[previous.i] as number) : position + 1;
  });
  return out;
}

export function limitsOf(row: SnapshotRow): FunnelLimitsValue | null {
  const low95 = num(row.low_95);
  const high95 = num(row.high_95);
  const low998 = num(row.low_998);
  const high998 = num(row.high_998);
  return low95 === null || high95 === null || low998 === null || high998 === null ? null : { low95, high95, low998, high998 };
}

export const comparisonOf = (measure: MeasureDefinition, flag: FunnelFlag | null): ComparisonClass | null =>
  flag === null ? null : comparisonClass(flag, measure.direction);

/** Funnel limits and flag of counts against benchmark counts (for groups, computed at request time). */
export function funnelAgainst(measure: MeasureDefinition, counts: Counts, benchmark: Counts | undefined): { limits: FunnelLimitsValue | null; flag: FunnelFlag | null } {
  const scale = scaleOf(measure);
  if (scale === null || !benchmark || benchmark.denominator === null || benchmark.denominator <= 0 || counts.denominator === null || counts.denominator <= 0) {
    return { limits: null, flag: null };
  }
  const p0 = benchmark.numerator / benchmark.denominator;
  const n = counts.denominator;
  // Binomial limits, clamped to [0, 1], for a rate per 1,000 too, as the engine's funnels; none where p0 > 1.
  const l = funnelLimits(p0, n);
  if (!l) return { limits: null, flag: null };
  const limits = { low95: scale * l.low95, high95: scale * l.high95, low998: scale * l.low998, high998: scale * l.high998 };
  const rate = (scale * counts.numerator) / n;
  return { limits, flag: funnelFlag(rate, limits) };
}

/** Month index (year × 12 + month − 1) and back. */
export const monthIndex = (month: string): number => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
export const monthOf = (index: number): string => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
export const firstDay = (month: string): string => `${month}-01`;

/** The months compared by a change period ending at `month`: current [from, to] and earlier [from, to]. */
export function changeWindows(period: ChangePeriod, month: string): { current: [string, string]; previous: [string, string] } {
  const m = monthIndex(month);
  switch (period) {
    case '12m':
      return { current: [month, month], previous: [monthOf(m - 12), monthOf(m - 12)] };
    case 'quarter':
      return { current: [month, month], previous: [monthOf(m - 3), monthOf(m - 3)] };
    case 'year-on-year':
      return { current: [monthOf(m - 2), month], previous: [monthOf(m - 14), monthOf(m - 12)] };
  }
}

/**
 * Change current − previous in the measure's unit, with Newcombe's interval for a % measure and a Poisson one per 1,000
 * (none for a count). A rate is of the counts summed over its period; a count, a stock at each month's end, is the
 * average count a month over the period, so that 3 months compare with one month's level.
 */
export function changeOf(measure: MeasureDefinition, period: ChangePeriod, month: string, current: Counts | undefined, previous: Counts | undefined): RateChangeValue {
  const windows = changeWindows(period, month);
  const base: RateChangeValue = {
    period,
    fromFirstMonth: windows.previous[0],
    fromMonth: windows.previous[1],
    toFirstMonth: windows.current[0],
    toMonth: month,
    previousRate: null,
    currentRate: null,
    difference: null,
    low: null,
    high: null,
    significance: null,
  };
  if (!current || !previous) return base;
  const scale = scaleOf(measure);
  if (scale === null) {
    // Both periods have the same number of months.
    const months = monthIndex(windows.current[1]) - monthIndex(windows.current[0]) + 1;
    const previousRate = previous.numerator / months;
    const currentRate = current.numerator / months;
    return { ...base, previousRate, currentRate, difference: currentRate - previousRate };
  }
  if (current.denominator === null || previous.denominator === null || current.denominator <= 0 || previous.denominator <= 0) return base;
  const previousRate = (scale * previous.numerator) / previous.denominator;
  const currentRate = (scale * current.numerator) / current.denominator;
  const difference = currentRate - previousRate;
  const now = { numerator: current.numerator, denominator: current.denominator };
  const then = { numerator: previous.numerator, denominator: previous.denominator };
  // A proportion by Newcombe's interval; events per person (emergency admissions, several to a person) as Poisson rates.
  const interval = scale === 100 ? rateChange(now, then) : eventRateChange(now, then);
  if (!interval) return { ...base, previousRate, currentRate, difference };
  const low = scale * interval.low;
  const high = scale * interval.high;
  const flag: FunnelFlag = low > 0 ? 'higher' : high < 0 ? 'lower' : 'similar';
  return { ...base, previousRate, currentRate, difference, low, high, significance: comparisonClass(flag, measure.direction) };
}
