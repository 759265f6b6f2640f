import type { AlertReason, SpcRule } from '@pcsp/analytics';
import type { MeasureId, MeasureUnit } from './measures.contract';
import type { OrganisationRef } from './organisations.contract';

export type { AlertReason, SpcRule };

/** The reasons an alert can have, as `GET /api/alerts?reason=` takes them. */
export const ALERT_REASONS = ['outside_limit_first_time', 'special_cause_deterioration'] as const satisfies readonly AlertReason[];

/** A practice's measure that needs attention in the latest month. */
export interface AlertItem {
  practice: OrganisationRef;
  icbCode: string | null;
  measure: MeasureId;
  title: string;
  unit: MeasureUnit;
  /**
   * The month judged: the list's month, or for a measure whose latest month is provisional (plan_shared) its latest
   * final month before it.
   */
  month: string;
  rate: number;
  /** The ICB's rate the funnel limits are drawn around. */
  benchmarkRate: number | null;
  /** The 99.8% limit on the worse side. */
  limit: number | null;
  reasons: AlertReason[];
  /** Special cause rules broken on the worse side (MDC), when the reasons include deterioration. */
  spcRules: SpcRule[];
}

/**
 * `GET /api/alerts?area=&measure=&reason=&limit=&offset=`: one page of the alerts for the practices inside the area (the
 * user's area by default), of one measure and with one reason among theirs if asked, with how many there are in all
 * (with `format=csv`, all of them as a download). Most urgent first, for a commissioner deciding where to look: a
 * measure both newly beyond the 99.8% limit and deteriorating, then newly beyond the limit only (a new event), then
 * deteriorating only; within each, by practice name, code and measure.
 */
export interface AlertList {
  /** The snapshot's latest month. */
  month: string;
  /** The month the list is judged at: `month`, or for a list of one measure whose latest month is provisional its latest final month (see AlertItem.month). */
  judgedMonth: string;
  area: OrganisationRef | null;
  /** The measure and the reason the list is kept to, if any. */
  measure: MeasureId | null;
  reason: AlertReason | null;
  /** Every alert in the area, of which `alerts` is the page from `offset`. */
  total: number;
  limit: number;
  offset: number;
  alerts: AlertItem[];
}

/** Alerts per page when the request names no limit, and the most one page may hold. */
export const ALERTS_DEFAULT_LIMIT = 20;
export const ALERTS_MAX_LIMIT = 500;

/** `GET` and `PUT /api/alerts/preferences`: the signed-in user's weekly alerts email. */
export interface AlertPreferences {
  weeklyDigest: boolean;
  /** False when no SMTP server is configured: then nobody is sent the digest. */
  digestAvailable: boolean;
}

export interface UpdateAlertPreferencesRequest {
  weeklyDigest: boolean;
}
