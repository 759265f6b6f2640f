import type { MeasureDefinition } from './measure-definition.schema';

export const ltcPrevalenceMeasure: MeasureDefinition = {
  id: 'ltc_prevalence',
  title: 'Long-term condition prevalence',
  description: 'The share of registered patients who are on at least one long-term condition register at the end of the month.',
  numerator: 'Patients registered at M who are on the LTC register at M (at least one condition diagnosed on or before M and not resolved by M)',
  denominator: 'Patients registered at M',
  denominatorNoun: 'registered people',
  unit: '%',
  direction: 'neither',
  breakdowns: ['age_band', 'sex', 'ethnic_group', 'imd_quintile', 'ltc_count', 'register'],
  planSplit: false,
  specSection: 'Uptake',
  author: 'PCSP Insights analytics engine',
  checkedBy: null,
  dateReviewed: '2026-11-23',
};
