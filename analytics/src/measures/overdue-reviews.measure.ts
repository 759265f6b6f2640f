import type { MeasureDefinition } from './measure-definition.schema';

export const overdueReviewsMeasure: MeasureDefinition = {
  id: 'overdue_reviews',
  title: 'Overdue reviews',
  description: 'The number of plans past their review due date with no review and no later plan, for people still on the LTC register.',
  numerator: 'Plans with due date before M, with no review dated on or before M and no plan of the same patient agreed after agreed_on and on or before M, whose patient is on the LTC register at M (counted at the practice where the patient is registered at M)',
  denominator: null,
  denominatorNoun: null,
  unit: 'count',
  direction: 'lower_is_better',
  breakdowns: [],
  planSplit: false,
  specSection: 'Review',
  author: 'PCSP Insights analytics engine',
  checkedBy: null,
  dateReviewed: '2026-11-23',
};
