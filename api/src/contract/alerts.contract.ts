import type { AlertReason, SpcRule } from '@pcsp/analytics';
import type { MeasureId, MeasureUnit } from './measures.contract';
import type { OrganisationRef } from './organisations.contract';

export type { AlertReason, SpcRule };

/** A practice's measure that needs attention in the latest month. */
export interface AlertItem {
  practice: OrganisationRef;
  icbCode: string | null;
  measure: MeasureId;
  title: string;
  unit: MeasureUnit;
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

/** `GET /api/alerts?area=`: alerts for the practices inside the area (the user's area by default). */
export interface AlertList {
  month: string;
  area: OrganisationRef | null;
  alerts: AlertItem[];
}

/** `GET` and `PUT /api/alerts/preferences`: the signed-in user's weekly alerts email. */
export interface AlertPreferences {
  weeklyDigest: boolean;
  /** False when no SMTP server is configured: then nobody is sent the digest. */
  digestAvailable: boolean;
}

export interface UpdateAlertPreferencesRequest {
  weeklyDigest: boolean;
}
