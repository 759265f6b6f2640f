import { problemBody, queryRefusalOf } from '../../../testing/refusals';
import { AlertsQueryDto } from './alerts-query.dto';

// The measures with a better direction, as the message lists them: every measure but ltc_prevalence and multimorbidity
// (direction neither), in the registry's order.
const ALERTING =
  'measure must be one of the measures with a better direction: plan_coverage, plan_coverage_multimorbid, pca_rate, preparation, plan_shared, carer_involved, review_completion, overdue_reviews, activation, diabetes_control, depression_remission, emergency_admissions';

describe('the alerts query gives a measure that cannot alert and an unknown reason a reason code', () => {
  it('400 no_better_direction with the id sent, for a measure where neither higher nor lower is better, in the whole problem', async () => {
    const message = `${ALERTING} (got "ltc_prevalence")`;
    await expect(queryRefusalOf(AlertsQueryDto, { measure: 'ltc_prevalence' })).resolves.toEqual(problemBody(400, '/api/x', { parameter: 'measure', message, code: 'no_better_direction', value: 'ltc_prevalence' }));
  });

  it('400 unknown_measure with the id sent, in the same words, for an id no measure has', async () => {
    const message = `${ALERTING} (got "plan_cover")`;
    await expect(queryRefusalOf(AlertsQueryDto, { measure: 'plan_cover' }).then((p) => p.errors)).resolves.toEqual([
      { parameter: 'measure', message, code: 'unknown_measure', value: 'plan_cover' },
    ]);
  });

  it('400 unknown_alert_reason with the text sent, for a reason no alert is raised for', async () => {
    const message = 'reason must be one of outside_limit_first_time, special_cause_deterioration (got "new")';
    await expect(queryRefusalOf(AlertsQueryDto, { reason: 'new' }).then((p) => p.errors)).resolves.toEqual([
      { parameter: 'reason', message, code: 'unknown_alert_reason', value: 'new' },
    ]);
  });
});
