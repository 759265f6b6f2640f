import type { MeasureDefinition } from './measure-definition.schema';

export const carerInvolvedMeasure: MeasureDefinition = {
  id: 'carer_involved',
  title: 'Carer involved',
  description: 'The share of plans agreed in the last 12 months, where carer involvement was recorded, that involved a carer.',
  numerator: 'Plans agreed in the window of m with carer_involved true',
  denominator: 'Plans agreed in the window of m with carer_involved recorded (true or false), counted at the practice where the patient was registered on agreed_on (else the practice that agreed the plan)',
  denominatorNoun: 'plans agreed in the last 12 months with carer involvement recorded',
  unit: '%',
  direction: 'higher_is_better',
  breakdowns: [],
  planSplit: false,
  specSection: 'The process',
  author: 'PCSP Insights analytics engine',
  checkedBy: null,
  dateReviewed: '2026-11-23',
};
