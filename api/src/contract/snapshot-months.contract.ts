import type { MeasureId } from './measures.contract';

/** A month whose figures for `measures` can still rise at the next refresh (their follow-up days had not passed when the snapshot was built). */
export interface ProvisionalMonth {
  /** `YYYY-MM`. */
  month: string;
  /** In the registry's order. */
  measures: MeasureId[];
}

/** `GET /api/snapshot/months` (every signed-in user): the months the serving snapshot holds, and which of them are provisional for which measures. */
export interface SnapshotMonthsResponse {
  /** `YYYY-MM`, newest first; empty while no snapshot is serving. */
  months: string[];
  /** The months provisional for at least one measure, newest first; a month provisional for no measure is left out. */
  provisional: ProvisionalMonth[];
}
