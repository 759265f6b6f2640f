import type { MeasureDefinition } from './measure-definition.schema';

export const reviewCompletionMeasure: MeasureDefinition = {
  id: 'review_completion',
  title: 'Reviews completed on time',
  description: 'The share of plans due for review in the last 12 months that were reviewed on time: a review dated from agreed_on to the due date, or a later plan agreed on or before the due date.',
  numerator: 'Of the plans in the denominator, those reviewed on time: a review of the plan dated from agreed_on to the due date, or a plan of the same patient agreed after agreed_on and on or before the due date (at any practice)',
  denominator: 'Plans due in the window of m whose patient was registered on the due date (counted at that practice); the due date is review_due_on, else agreed_on + 12 months',
  denominatorNoun: 'plans due for review in the last 12 months',
  unit: '%',
  direction: 'higher_is_better',
  breakdowns: [],
  planSplit: false,
  specSection: 'Review',
  author: 'PCSP Insights analytics engine',
  checkedBy: null,
  dateReviewed: '2026-11-23',
};
