import type { MeasureItem } from '@pcsp/contract/measures.contract';
import { formatMonth } from './format';

type FollowUp = Pick<MeasureItem, 'id' | 'followUpDays'>;

/**
 * Why a month of the measure can still rise, of `whose` month ('its' for a named month, 'a month’s' in general), in
 * words from its follow-up days: plan_shared's in its own terms, any other's in general ones.
 */
function why(measure: FollowUp, days: number, whose: string): string {
  const records = measure.id === 'plan_shared' ? `plans agreed in ${whose} last ${days} days may not yet be recorded as shared` : `records dated up to ${days} days after ${whose} end may not yet be in`;
  return `${records}, so figures may rise at the next refresh`;
}

/** The note beside provisional months in a legend (Provisional: …); null for a measure without follow-up days. */
export function provisionalNote(measure: FollowUp): string | null {
  return measure.followUpDays === undefined ? null : `Provisional: ${why(measure, measure.followUpDays, 'a month’s')}`;
}

/** The same note said of one month (October 2026 is provisional: …); null for a measure without follow-up days. */
export function provisionalMonthNote(measure: FollowUp, month: string): string | null {
  return measure.followUpDays === undefined ? null : `${formatMonth(month)} is provisional: ${why(measure, measure.followUpDays, 'its')}`;
}
