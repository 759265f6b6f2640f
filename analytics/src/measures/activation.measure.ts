import type { MeasureDefinition } from './measure-definition.schema';

export const activationMeasure: MeasureDefinition = {
  id: 'activation',
  title: 'Patient activation',
  description: 'The share of people on the LTC register with a Patient Activation Measure in the last 12 months whose latest level is 3 or 4.',
  numerator: 'Patients on the LTC register at M whose latest PAM_LEVEL in the window of m is 3 or 4',
  denominator: 'Patients on the LTC register at M with a PAM_LEVEL in the window of m',
  denominatorNoun: 'people on the LTC register with a Patient Activation Measure in the last 12 months',
  unit: '%',
  direction: 'higher_is_better',
  breakdowns: ['age_band', 'sex', 'ethnic_group', 'imd_quintile', 'ltc_count', 'register'],
  planSplit: true,
  specSection: 'Outcomes',
  author: 'PCSP Insights analytics engine',
  checkedBy: null,
  dateReviewed: '2026-11-23',
};
