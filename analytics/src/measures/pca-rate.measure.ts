import type { MeasureDefinition } from './measure-definition.schema';

export const pcaRateMeasure: MeasureDefinition = {
  id: 'pca_rate',
  title: 'Personalised care adjustments',
  description: 'The share of people on the LTC register with a personalised care adjustment for care planning recorded in the last 12 months and no plan current.',
  numerator: 'Patients on the LTC register at M with a PCA at M (recorded in the window of m) and no plan current at M',
  denominator: 'Patients on the LTC register at M',
  denominatorNoun: 'people on the LTC register',
  unit: '%',
  direction: 'lower_is_better',
  breakdowns: ['age_band', 'sex', 'ethnic_group', 'imd_quintile', 'ltc_count', 'register'],
  planSplit: false,
  specSection: 'Uptake',
  author: 'PCSP Insights analytics engine',
  checkedBy: null,
  dateReviewed: '2026-11-23',
};
