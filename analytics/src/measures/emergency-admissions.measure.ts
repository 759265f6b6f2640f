import type { MeasureDefinition } from './measure-definition.schema';

export const emergencyAdmissionsMeasure: MeasureDefinition = {
  id: 'emergency_admissions',
  title: 'Emergency admissions',
  description: 'Emergency (unplanned) hospital admissions in the last 12 months of people on the LTC register, per 1,000 people on the register.',
  numerator: 'Emergency admissions (emergency true) with admitted_on in the window of m, of patients on the LTC register at M, attributed to their practice at M wherever they were registered when admitted',
  denominator: 'Patients on the LTC register at M',
  denominatorNoun: 'people on the LTC register',
  unit: 'per 1,000',
  direction: 'lower_is_better',
  breakdowns: ['age_band', 'sex', 'ethnic_group', 'imd_quintile', 'ltc_count', 'register'],
  planSplit: true,
  specSection: 'Outcomes',
  author: 'PCSP Insights analytics engine',
  checkedBy: null,
  dateReviewed: '2026-11-23',
};
