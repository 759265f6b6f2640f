import { xmrChart, type SpcRule } from './xmr-chart';

/** Why a practice is listed among the alerts for a measure. */
export type AlertReason = 'outside_limit_first_time' | 'special_cause_deterioration';

/** Months before the latest one in which an earlier flag makes the latest one not new. */
export const FIRST_TIME_LOOKBACK_MONTHS = 12;
/** Fewest months of rates an XmR chart is drawn from for alerts (MDC advise 15–20; 12 is a year). */
export const ALERT_XMR_MIN_POINTS = 12;

/** One month of a practice's measure: its rate and whether it lies beyond the 99.8% funnel limit on the worse side. */
export interface AlertMonth {
  month: string;
  rate: number;
  worseThanLimit: boolean;
  /** The month's figure can still change at the next refresh (isProvisionalMonth): it is neither judged nor charted. */
  provisional?: boolean;
}

export interface PracticeAlertFinding {
  /** The month judged: the latest month that is not provisional (null when there is none). */
  month: string | null;
  reasons: AlertReason[];
  /** The special cause rules the latest month breaks on the worse side (empty without deterioration). */
  spcRules: SpcRule[];
}

/**
 * The alerts of one practice's measure at its latest final month, from its months in time order (provisional months
 * are left out: a figure that is still rising would look like a fall):
 * - worse than the 99.8% funnel limit in the latest final month and in none of the 12 months before;
 * - special-cause deterioration: on the XmR chart of all the final months given (at least 12), the
 *   latest one is a special cause of concern (MDC rules).
 * `direction` is the measure's: a measure where neither way is better raises no alerts.
 */
export function practiceAlert(given: readonly AlertMonth[], direction: 'higher_is_better' | 'lower_is_better' | 'neither'): PracticeAlertFinding {
  const reasons: AlertReason[] = [];
  let spcRules: SpcRule[] = [];
  const months = given.filter((m) => m.provisional !== true);
  const latest = months.at(-1);
  if (!latest || direction === 'neither') return { month: latest?.month ?? null, reasons, spcRules };
  const [year, month] = latest.month.split('-').map(Number);
  const lookbackStart = year * 12 + month - 1 - FIRST_TIME_LOOKBACK_MONTHS;
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
  const flaggedBefore = months.slice(0, -1).some((m) => m.worseThanLimit && index(m.month) >= lookbackStart);
  if (latest.worseThanLimit && !flaggedBefore) reasons.push('outside_limit_first_time');
  if (months.length >= ALERT_XMR_MIN_POINTS) {
    const chart = xmrChart(months.map((m) => m.rate), direction === 'higher_is_better' ? 'higher' : 'lower');
    const last = chart.points.at(-1)?.special;
    if (last?.kind === 'concern') {
      reasons.push('special_cause_deterioration');
      spcRules = last.rules;
    }
  }
  return { month: latest.month, reasons, spcRules };
}
