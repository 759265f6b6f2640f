import type { ComparisonClass, FunnelFlag } from '@pcsp/analytics';
import type { MeasureId } from './measures.contract';
import type { OrganisationLevel, OrganisationRef } from './organisations.contract';

export type { ComparisonClass, FunnelFlag };

/** `?change=`: 12m compares month m with m−12, quarter with m−3, year-on-year the 3 months to m with the same 3 months a year before. */
export type ChangePeriod = '12m' | 'quarter' | 'year-on-year';

/**
 * A change in rate (current − earlier) in the measure's unit, with its 95% interval (Newcombe; null where undefined).
 * Each period is one month (12m, quarter) or 3 months (year-on-year). Over 3 months a rate pools the period: its
 * numerators and denominators summed over its months. A count (unit 'count', a stock at each month's end) over 3 months
 * is the average count a month: the counts summed over the period divided by its 3 months (a month without a cell adding
 * 0), so previousRate, currentRate and difference are counts a month; over one month, the month's count. previousRate
 * and currentRate are both given or both null.
 */
export interface RateChangeValue {
  period: ChangePeriod;
  /** `YYYY-MM` of the earlier period's first month (fromMonth itself for a one-month period). */
  fromFirstMonth: string;
  /** `YYYY-MM` of the earlier period's last month. */
  fromMonth: string;
  /** `YYYY-MM` of the later period's first month (toMonth itself for a one-month period). */
  toFirstMonth: string;
  /** `YYYY-MM` of the later period's last month: the month compared. */
  toMonth: string;
  /** The earlier period's figure in the measure's unit (a count: its average count a month); null without one. */
  previousRate: number | null;
  /** The later period's figure, as previousRate is worked out for the earlier one (over 3 months not CompareRow.rate, the month's). */
  currentRate: number | null;
  /** currentRate − previousRate. */
  difference: number | null;
  /** The 95% interval of the difference (none for a count). */
  low: number | null;
  high: number | null;
  /** Whether the interval excludes 0, in the measure's direction (better / worse, or higher / lower). */
  significance: ComparisonClass | null;
}

/** Funnel-plot control limits around the benchmark rate for this organisation's denominator, in the measure's unit. */
export interface FunnelLimitsValue {
  low95: number;
  high95: number;
  low998: number;
  high998: number;
}

export interface CompareRow extends OrganisationRef {
  parentCode: string | null;
  numerator: number | null;
  denominator: number | null;
  rate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  limits: FunnelLimitsValue | null;
  /** Outside the 99.8% limits: higher / lower than expected. */
  flag: FunnelFlag | null;
  /** The flag coloured by the measure's direction. */
  comparison: ComparisonClass | null;
  /**
   * 1 = best (by rate, or by change when `change=` is given) among all rows of the area, ties sharing a rank. Null for
   * a count measure (unit 'count'), which is not ranked: a count mostly follows list size.
   */
  rank: number | null;
  change: RateChangeValue | null;
  /** No patients registered at the month (LTC prevalence's denominator is 0): only listed when `includeClosed=true`. */
  closed: boolean;
}

/**
 * `rank` (the default): rank 1 first, then unranked rows, ties by name; a count measure, which has no rank, by its count
 * (numerator), most first, then by name. The others sort by that field (`-` descending), missing values last.
 */
export type CompareSort = 'rank' | 'rate' | '-rate' | 'name' | 'code' | 'denominator' | '-denominator' | 'change' | '-change';

/** `GET /api/measures/:id/compare?month=&level=&within=&benchmark=&change=&sort=&limit=&offset=&includeClosed=`. */
export interface CompareResponse {
  measure: MeasureId;
  month: string;
  level: OrganisationLevel;
  /** The area compared within (null: the whole of the user's view). */
  within: OrganisationRef | null;
  /**
   * What each row's funnel limits and flag are against: `icb` and `region` mean each organisation's own ICB or region
   * (`?benchmark=`, England when left out). `org` and `rate` are given where every row has the same one, else null.
   */
  benchmark: { level: 'icb' | 'region' | 'england'; rate: number | null; org: OrganisationRef | null };
  change: ChangePeriod | null;
  /** Whether closed organisations (no registered patients) are in the rows; left out unless asked for. */
  includeClosed: boolean;
  sort: CompareSort;
  /**
   * True where the month is provisional for the measure (as SeriesPoint.provisional): every row's figures can still
   * rise at the next refresh, and so can each `change`, which ends in this month. Left out otherwise.
   */
  provisional?: true;
  /** Rows in the area (before paging). */
  total: number;
  offset: number;
  limit: number;
  rows: CompareRow[];
}
