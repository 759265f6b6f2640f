import type { SnapshotRow } from '@pcsp/analytics';
import type { AppConfig } from '../../config/app-config';
import { OrgsService } from '../orgs/orgs.service';
import type { SnapshotService } from '../snapshot/snapshot.service';
import { EvaluationService } from './evaluation.service';
import { problemBody, refusalOf, userOf } from '../../testing/refusals';

/** ICB QHM holding practices A81001 and A81002; the snapshot's months 2021-12 to 2026-11. */
const ROWS: SnapshotRow[] = [
  { code: 'ENG', name: 'England', level: 'england', parent_code: null, pcn_code: null, sub_icb_code: null, icb_code: null, region_code: null },
  { code: 'QHM', name: 'North East and North Cumbria ICB', level: 'icb', parent_code: 'Y63', pcn_code: null, sub_icb_code: null, icb_code: 'QHM', region_code: 'Y63' },
  { code: 'A81001', name: 'The Surgery', level: 'practice', parent_code: 'QHM', pcn_code: null, sub_icb_code: null, icb_code: 'QHM', region_code: 'Y63' },
  { code: 'A81002', name: 'Harbour Medical Practice', level: 'practice', parent_code: 'QHM', pcn_code: null, sub_icb_code: null, icb_code: 'QHM', region_code: 'Y63' },
];

/** The service over ROWS; every refusal under test comes before a figure is read. */
function evaluationService(): EvaluationService {
  const snapshot = {
    describe: async () => ({ builtAt: '2026-12-10T06:00:00Z', lastMonth: '2026-11', firstMonth: '2021-12', asOf: '2026-12-10', file: 'snapshot-a.duckdb' }),
    query: async () => ROWS,
  } as unknown as SnapshotService;
  return new EvaluationService(snapshot, new OrgsService(snapshot), { disclosureControl: true } as AppConfig);
}

const problemOf = (promise: Promise<unknown>) => refusalOf(promise, '/api/outcomes/standardised');

describe('EvaluationService refusals, each with the parameter and a reason code', () => {
  const practiceUser = userOf('practice', ['A81001']);

  it('400 month_outside_range with the month and the snapshot’s first and last months, for the month of the plan comparison', async () => {
    const detail = 'month must be a month from 2021-12 to 2026-11 (got "2031-01")';
    await expect(problemOf(evaluationService().standardised(practiceUser, 'A81001', '2031-01'))).resolves.toEqual(problemBody(400, '/api/outcomes/standardised', { parameter: 'month', message: detail, code: 'month_outside_range', value: '2031-01', range: { first: '2021-12', last: '2026-11' } }));
  });

  // to is checked first (from's default depends on it): to=2026-12 is one month past the last; from=2021-11 one before the first.
  it.each([
    ['to', undefined, '2026-12', '2026-12'],
    ['from', '2021-11', undefined, '2021-11'],
  ])('400 month_outside_range for %s of the plan comparison trend', async (parameter, from, to, month) => {
    const detail = `${parameter} must be a month from 2021-12 to 2026-11 (got "${month}")`;
    await expect(problemOf(evaluationService().standardisedTrend(practiceUser, 'A81001', from, to))).resolves.toEqual(problemBody(400, '/api/outcomes/standardised', { parameter, message: detail, code: 'month_outside_range', value: month, range: { first: '2021-12', last: '2026-11' } }));
  });

  it.each([
    ['standardised', (service: EvaluationService) => service.standardised(practiceUser, 'A81002', undefined)],
    ['standardisedTrend', (service: EvaluationService) => service.standardisedTrend(practiceUser, 'A81002', undefined, undefined)],
  ])('403 own_practice_only with the breakdown plan, for a practice user asking %s of a peer practice', async (_name, ask) => {
    // A81002 is in the user's ICB, so its whole figures may be seen, but not split by plan.
    const detail = 'org: figures split by plan are available for your own practice only';
    await expect(problemOf(ask(evaluationService()))).resolves.toEqual(problemBody(403, '/api/outcomes/standardised', { parameter: 'org', message: detail, code: 'own_practice_only', value: 'plan' }));
  });

  it('400 wrong_level with the code, name and the levels the evaluation takes, for the area of a practice', async () => {
    const detail = 'area must be a PCN or larger: training is compared across practices (got "A81001")';
    await expect(refusalOf(evaluationService().training(userOf('commissioner', ['QHM']), 'A81001'), '/api/evaluation/training')).resolves.toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail,
      instance: '/api/evaluation/training',
      errors: [{ parameter: 'area', message: detail, code: 'wrong_level', value: 'A81001', name: 'The Surgery', levels: ['pcn', 'sub_icb', 'icb', 'region', 'england'] }],
    });
  });
});
