import type { MeasureId } from './measures.contract';
import type { OrganisationRef } from './organisations.contract';

/** One month: the 10th … 90th percentiles (9 values) of practices' rates, and the highlighted organisation's rate. */
export interface DecileMonth {
  month: string;
  /** [p10, p20, … p90]; [] when no practice had a denominator ≥ 1. */
  deciles: number[];
  /** How many practices of `within` the month's deciles are of (those with a denominator ≥ 1; a count measure's, all with a cell). */
  practices: number;
  orgRate: number | null;
  /** True where the month is provisional for the measure (as SeriesPoint.provisional): its rates can still rise at the next refresh. Left out otherwise. */
  provisional?: true;
}

/**
 * `GET /api/measures/:id/deciles?from=&to=&level=practice&within=&org=`: by default across every practice in England,
 * for every user (as OpenPrescribing draws them); `within` an area or group of the user's to spread them over that instead.
 */
export interface DecilesResponse {
  measure: MeasureId;
  level: 'practice';
  /**
   * What the deciles are spread over: England (`{ code: 'ENG', name: 'England', level: 'england' }`) by default or
   * for within=ENG, otherwise the area or group asked for. Was null for the user's own area before deciles were national.
   */
  within: OrganisationRef;
  org: OrganisationRef | null;
  from: string;
  to: string;
  months: DecileMonth[];
}
