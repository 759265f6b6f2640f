import type { BreakdownDimension, MeasureId } from './measures.contract';
import type { OrganisationRef } from './organisations.contract';

/**
 * One month of one organisation (and breakdown value). Rates are in the measure's unit (% or per
 * 1,000; null for a count measure). `suppressed` is true when disclosure control hid a value: a
 * null then means "suppressed", never 0 and never "no data".
 */
export interface SeriesPoint {
  /** `YYYY-MM`. */
  month: string;
  numerator: number | null;
  /** null for a count measure. */
  denominator: number | null;
  rate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  suppressed: boolean;
  /** The same measure and breakdown for the parent organisation (ICB for a practice, PCN or sub-ICB; the region for an ICB; groups: their ICB). */
  parentRate: number | null;
  englandRate: number | null;
  /**
   * True where the month's figures can still rise at the next refresh (records dated up to the measure's
   * `followUpDays` after the month's last day still count, and the snapshot was built before that day ended); left out otherwise.
   */
  provisional?: true;
}

/** One line of a series: the whole population (`breakdown` '') or one value of a breakdown (`age_band=65-79`). */
export interface SeriesLine {
  breakdown: string;
  /** The value alone, e.g. `65-79`; 'All' for the whole population. */
  label: string;
  points: SeriesPoint[];
}

/** `GET /api/measures/:id/series?org=&from=&to=&breakdown=`. */
export interface SeriesResponse {
  measure: MeasureId;
  org: OrganisationRef;
  parent: OrganisationRef | null;
  /** The dimension asked for, or null for the whole population only. */
  breakdown: BreakdownDimension | 'plan' | null;
  from: string;
  to: string;
  lines: SeriesLine[];
}
