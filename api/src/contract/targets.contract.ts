import type { TargetProgress, TargetStatus } from '@pcsp/analytics';
import type { MeasureDirection, MeasureId, MeasureUnit } from './measures.contract';
import type { OrganisationRef } from './organisations.contract';

export type { TargetStatus };

/** A target an administrator set: reach `targetRate` (in the measure's unit) in `org` by `targetMonth`. */
export interface TargetItem {
  id: string;
  measure: MeasureId;
  org: OrganisationRef;
  targetRate: number;
  /** YYYY-MM. */
  targetMonth: string;
  setBy: string;
  updatedAt: string;
}

/** `GET /api/targets?org=`: the targets of areas the user may see (of one area with `org`). */
export interface TargetList {
  targets: TargetItem[];
}

/** A measure's target as it applies to an organisation: its own, or (`inherited`) the nearest area's above it; `target.org` is the area it is set for. */
export interface ApplyingTarget {
  target: TargetItem;
  inherited: boolean;
}

/** `GET /api/targets/applying?org=&measure=`: for each measure with one, the target that applies to the organisation (the SPC view's). */
export interface ApplyingTargetList {
  org: OrganisationRef;
  targets: ApplyingTarget[];
}

/** `PUT /api/targets` body (administrators): sets or replaces the target of a measure in an area. */
export interface SetTargetRequest {
  measure: MeasureId;
  org: string;
  targetRate: number;
  targetMonth: string;
}

/**
 * Where an area stands: the line of the last 12 final months projected to the target month with its 95% prediction
 * interval. A provisional month (TargetProgressItem.finalMonth) is in neither the line nor the gap. The engine's
 * TargetProgress without its provisional months, which TargetProgressItem's trend marks instead.
 */
export type TargetProjection = Omit<TargetProgress, 'provisional'>;

/** A practice or PCN ranked by its gap to the area's target at the item's `finalMonth` (rank 1 = furthest short); its projection from its own 12 final months. */
export interface TargetGapRow {
  org: OrganisationRef;
  rate: number | null;
  gap: number | null;
  rank: number | null;
  projectedRate: number | null;
  status: TargetStatus | null;
}

/** One measure's target as it applies to an area. */
export interface TargetProgressItem {
  /** The target of the area itself, or of the nearest area above it (`inherited`). */
  target: TargetItem;
  inherited: boolean;
  unit: MeasureUnit;
  direction: MeasureDirection;
  /**
   * The latest month of the measure that is final as of the snapshot's refresh: the line is fitted to the 12 months to
   * it (`trendFrom` … `trendTo` of `progress` say which had a rate) and the gaps are measured at it. The snapshot's
   * later months are provisional (their figures can still rise): shown, not used.
   */
  finalMonth: string;
  /** The area's monthly rates: the 12 months to `finalMonth` that the line is fitted to, then any provisional months (marked, not fitted). */
  trend: { month: string; rate: number | null; provisional?: true }[];
  progress: TargetProjection | null;
  /** Inside the area, ranked by gap; empty for a practice (and PCNs for a PCN). */
  practices: TargetGapRow[];
  pcns: TargetGapRow[];
}

/** `GET /api/targets/progress?org=&measure=`: every measure with a target that applies to the area. */
export interface TargetProgressList {
  org: OrganisationRef;
  /** The snapshot's latest month. */
  month: string;
  items: TargetProgressItem[];
}
