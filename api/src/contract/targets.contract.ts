import type { TargetStatus } from '@pcsp/analytics';
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

/** Where an area stands: the last 12 months' line projected to the target month with its 95% prediction interval. */
export interface TargetProjection {
  latestMonth: string;
  latestRate: number;
  slopePerMonth: number | null;
  /** The fitted line's value at the latest month. */
  lineAtLatest: number | null;
  trendFrom: string | null;
  trendTo: string | null;
  projection: { month: string; rate: number; low: number; high: number } | null;
  /** Shortfall of the latest rate from the target (positive = short), in the measure's unit. */
  gap: number;
  status: TargetStatus | null;
}

/** A practice or PCN ranked by its gap to the area's target (rank 1 = furthest short). */
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
  /** The area's monthly rates that the line is fitted to (the last 12 months). */
  trend: { month: string; rate: number | null }[];
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
