import type { MeasureDefinition } from './measure-definition.schema';

export const preparationMeasure: MeasureDefinition = {
  id: 'preparation',
  title: 'Preparation before the conversation',
  description: 'The share of plans agreed in the last 12 months where the person was sent their results and preparation prompts 1 to 42 days before the care and support planning conversation.',
  numerator: 'Plans agreed in the window of m with prepared_on 1 to 42 days before agreed_on',
  denominator: 'Plans agreed in the window of m, counted at the practice where the patient was registered on agreed_on (else the practice that agreed the plan)',
  denominatorNoun: 'plans agreed in the last 12 months',
  unit: '%',
  direction: 'higher_is_better',
  breakdowns: [],
  planSplit: false,
  specSection: 'The process',
  author: 'PCSP Insights analytics engine',
  checkedBy: null,
  dateReviewed: '2026-11-23',
};
