import type { MeasureDefinition } from './measure-definition.schema';

export const multimorbidityMeasure: MeasureDefinition = {
  id: 'multimorbidity',
  title: 'Multimorbidity',
  description: 'The share of people on the LTC register who have two or more long-term conditions (distinct registers) at the end of the month.',
  numerator: 'Patients on the LTC register at M with an LTC count of 2 or more',
  denominator: 'Patients on the LTC register at M',
  denominatorNoun: 'people on the LTC register',
  unit: '%',
  direction: 'neither',
  breakdowns: ['age_band', 'sex', 'ethnic_group', 'imd_quintile', 'ltc_count', 'register'],
  planSplit: false,
  specSection: 'Uptake',
  author: 'PCSP Insights analytics engine',
  checkedBy: null,
  dateReviewed: '2026-11-23',
};
