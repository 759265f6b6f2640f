import type { MeasureId } from './measures.contract';
import type { OrganisationRef } from './organisations.contract';

/** One month: the 10th … 90th percentiles (9 values) of practices' rates, and the highlighted organisation's rate. */
export interface DecileMonth {
  month: string;
  /** [p10, p20, … p90]; [] when no practice had a denominator ≥ 1. */
  deciles: number[];
  practices: number;
  orgRate: number | null;
  /** True where the month is provisional for the measure (as SeriesPoint.provisional): its rates can still rise at the next refresh. Left out otherwise. */
  provisional?: true;
}

/** `GET /api/measures/:id/deciles?from=&to=&level=practice&within=&org=`. */
export interface DecilesResponse {
  measure: MeasureId;
  level: 'practice';
  within: OrganisationRef | null;
  org: OrganisationRef | null;
  from: string;
  to: string;
  months: DecileMonth[];
}
