import type { MeasureDefinition } from './measure-definition.schema';

export const diabetesControlMeasure: MeasureDefinition = {
  id: 'diabetes_control',
  title: 'Diabetes control (HbA1c 58 or less)',
  description: 'The share of people on the diabetes register whose latest HbA1c in the last 12 months is 58 mmol/mol or less. People with no HbA1c in the last 12 months count as not controlled.',
  numerator: 'Patients on the DM register at M whose latest HBA1C in the window of m is 58 mmol/mol or less',
  denominator: 'Patients on the DM register at M, with or without an HBA1C in the window of m',
  denominatorNoun: 'people on the diabetes register',
  unit: '%',
  direction: 'higher_is_better',
  breakdowns: ['age_band', 'sex', 'ethnic_group', 'imd_quintile', 'ltc_count', 'register'],
  planSplit: true,
  specSection: 'Outcomes',
  author: 'PCSP Insights analytics engine',
  checkedBy: null,
  dateReviewed: '2026-11-23',
};
