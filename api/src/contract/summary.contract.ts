import type { ComparisonClass, FunnelFlag, RateChangeValue } from './compare.contract';
import type { MeasureDirection, MeasureId, MeasureUnit } from './measures.contract';
import type { OrganisationRef } from './organisations.contract';

/** One measure on an organisation's report card. */
export interface SummaryCard {
  measure: MeasureId;
  title: string;
  unit: MeasureUnit;
  direction: MeasureDirection;
  numerator: number | null;
  denominator: number | null;
  rate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  parentRate: number | null;
  englandRate: number | null;
  /** Change against 12 months before. */
  change: RateChangeValue | null;
  /**
   * Position among peers: same level within the same ICB (ICBs and regions: within England). A count measure (unit
   * 'count', no denominator, such as overdue_reviews) is not ranked, as a count mostly follows list size: rank and
   * percentile are null and `of` is 0, while flag and comparison are null as a count has no funnel.
   */
  peers: {
    within: OrganisationRef;
    /** 1 = best by rate in the measure's direction (highest first for 'neither'); null for a count or no rate. */
    rank: number | null;
    /** How many peers have a rate to rank (0 for a count). */
    of: number;
    /** Share of peers this organisation does as well as or better than, 0–100; null where rank is. */
    percentile: number | null;
    flag: FunnelFlag | null;
    comparison: ComparisonClass | null;
  };
  /** True where the month's figure can still change at the next refresh (as SeriesPoint.provisional); left out otherwise. */
  provisional?: true;
}

/** `GET /api/orgs/:code/summary?month=` (month defaults to the snapshot's last month). */
export interface SummaryResponse {
  org: OrganisationRef;
  month: string;
  cards: SummaryCard[];
}
