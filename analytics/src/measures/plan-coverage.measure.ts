import type { MeasureDefinition } from './measure-definition.schema';

export const planCoverageMeasure: MeasureDefinition = {
  id: 'plan_coverage',
  title: 'Care plan coverage',
  description: 'The share of people on the LTC register with a personalised care and support plan agreed in the last 12 months, leaving out those who chose not to have one (a personalised care adjustment and no plan).',
  numerator: 'Patients on the LTC register at M with a plan current at M (agreed in the window of m, at any practice)',
  denominator: 'Patients on the LTC register at M, less those with a PCA at M and no plan current at M',
  denominatorNoun: 'people on the LTC register, less those who chose not to have a plan',
  unit: '%',
  direction: 'higher_is_better',
  breakdowns: ['age_band', 'sex', 'ethnic_group', 'imd_quintile', 'ltc_count', 'register'],
  planSplit: false,
  specSection: 'Uptake',
  author: 'PCSP Insights analytics engine',
  checkedBy: null,
  dateReviewed: '2026-11-23',
};
