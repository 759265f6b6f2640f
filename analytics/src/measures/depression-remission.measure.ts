import type { MeasureDefinition } from './measure-definition.schema';

export const depressionRemissionMeasure: MeasureDefinition = {
  id: 'depression_remission',
  title: 'Depression remission (PHQ-9 below 10)',
  description: 'The share of people on the depression register with a PHQ-9 in the last 12 months whose latest score is below 10.',
  numerator: 'Patients on the DEP register at M whose latest PHQ9 in the window of m is below 10',
  denominator: 'Patients on the DEP register at M with a PHQ9 in the window of m',
  denominatorNoun: 'people on the depression register with a PHQ-9 score in the last 12 months',
  unit: '%',
  direction: 'higher_is_better',
  breakdowns: ['age_band', 'sex', 'ethnic_group', 'imd_quintile', 'ltc_count', 'register'],
  planSplit: true,
  specSection: 'Outcomes',
  author: 'PCSP Insights analytics engine',
  checkedBy: null,
  dateReviewed: '2026-11-23',
};
