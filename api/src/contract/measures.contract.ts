import type { MeasureDefinition } from '@pcsp/analytics';

/**
 * One measure of the registry exactly as analytics declares it (title, unit, direction, governance fields …);
 * `followUpDays` where records dated after the month's end still count (plan_shared: 28), so that its latest months are provisional.
 */
export type MeasureItem = MeasureDefinition;

export type MeasureId = MeasureDefinition['id'];
export type MeasureUnit = MeasureDefinition['unit'];
export type MeasureDirection = MeasureDefinition['direction'];
export type BreakdownDimension = MeasureDefinition['breakdowns'][number];

/** `GET /api/measures`. */
export interface MeasureList {
  measures: MeasureItem[];
}
