import type { MeasureDefinition } from './measure-definition.schema';

export const planCoverageMultimorbidMeasure: MeasureDefinition = {
  id: 'plan_coverage_multimorbid',
  title: 'Care plan coverage, people with two or more conditions',
  description: 'Care plan coverage among people on two or more long-term condition registers.',
  numerator: 'Patients on the LTC register at M with an LTC count of 2 or more and a plan current at M',
  denominator: 'Patients on the LTC register at M with an LTC count of 2 or more, less those with a PCA at M and no plan current at M',
  denominatorNoun: 'people with 2 or more long-term conditions, less those who chose not to have a plan',
  unit: '%',
  direction: 'higher_is_better',
  breakdowns: ['age_band', 'sex', 'ethnic_group', 'imd_quintile', 'ltc_count', 'register'],
  planSplit: false,
  specSection: 'Uptake',
  author: 'PCSP Insights analytics engine',
  checkedBy: null,
  dateReviewed: '2026-11-23',
};
