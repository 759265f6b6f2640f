import type { MeasureDefinition } from './measure-definition.schema';

export const planSharedMeasure: MeasureDefinition = {
  id: 'plan_shared',
  title: 'Plan shared with the person',
  description:
    'The share of plans agreed in the last 12 months whose written plan was shared with the person within 28 days. A plan agreed in the 28 days before the records were extracted may not be shared yet, so the latest month can be low and rise at the next refresh: such a month is marked provisional and raises no alerts.',
  numerator: 'Plans agreed in the window of m with shared_on 0 to 28 days after agreed_on (0: the same day)',
  denominator: 'Plans agreed in the window of m, counted at the practice where the patient was registered on agreed_on (else the practice that agreed the plan)',
  denominatorNoun: 'plans agreed in the last 12 months',
  unit: '%',
  direction: 'higher_is_better',
  breakdowns: [],
  planSplit: false,
  specSection: 'The process',
  // shared_on may fall up to 28 days after an agreed_on on M (measures.md, "The process").
  followUpDays: 28,
  author: 'PCSP Insights analytics engine',
  checkedBy: null,
  dateReviewed: '2026-11-23',
};
