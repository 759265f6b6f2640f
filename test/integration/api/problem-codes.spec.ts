import type { ProblemDetails } from '../../../api/src/contract/problem.contract';
import { createApiWorld, type ApiWorld } from './api-fixture';

// The refusals a person meets by following or editing a link, as the real app sends them over a real snapshot (as of
// 2024-06-10: months 2023-01 to 2024-05). The icb user sees QHM (A81001, A81002); F83001 "Camden Health Centre" is QMJ's.
describe('API refusals carry the parameter and a reason code a client acts on', () => {
  jest.setTimeout(120_000);
  let world: ApiWorld;

  beforeAll(async () => {
    world = await createApiWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  /** The status and application/problem+json body of a GET. */
  async function problemOf(url: string, as: 'icb' | 'practice'): Promise<{ status: number; type: string | undefined; body: ProblemDetails }> {
    const response = await world.get(url, as);
    return { status: response.statusCode, type: response.headers['content-type']?.toString(), body: response.json<ProblemDetails>() };
  }

  it('404 unknown_organisation for an organisation code no organisation has', async () => {
    await expect(problemOf('/api/orgs/ZZZ999', 'icb')).resolves.toEqual({
      status: 404,
      type: 'application/problem+json; charset=utf-8',
      body: {
        type: 'about:blank',
        title: 'Not Found',
        status: 404,
        detail: 'code: no organisation has the code ZZZ999',
        instance: '/api/orgs/ZZZ999',
        errors: [{ parameter: 'code', message: 'code: no organisation has the code ZZZ999', code: 'unknown_organisation', value: 'ZZZ999' }],
      },
    });
  });

  it('403 outside_area, with the code and name, for a practice of another ICB', async () => {
    await expect(problemOf('/api/orgs/F83001', 'icb')).resolves.toEqual({
      status: 403,
      type: 'application/problem+json; charset=utf-8',
      body: {
        type: 'about:blank',
        title: 'Forbidden',
        status: 403,
        detail: 'code: F83001 (Camden Health Centre) is outside your area',
        instance: '/api/orgs/F83001',
        errors: [{ parameter: 'code', message: 'code: F83001 (Camden Health Centre) is outside your area', code: 'outside_area', value: 'F83001', name: 'Camden Health Centre' }],
      },
    });
  });

  it('400 month_outside_range, with the month and the snapshot’s first and last months', async () => {
    const detail = 'to must be a month from 2023-01 to 2024-05 (got "2031-01")';
    await expect(problemOf('/api/measures/plan_coverage/series?org=A81001&to=2031-01', 'practice')).resolves.toEqual({
      status: 400,
      type: 'application/problem+json; charset=utf-8',
      body: {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail,
        instance: '/api/measures/plan_coverage/series',
        errors: [{ parameter: 'to', message: detail, code: 'month_outside_range', value: '2031-01', range: { first: '2023-01', last: '2024-05' } }],
      },
    });
  });

  it('400 not_a_month, with the text sent', async () => {
    const detail = 'month must be a month YYYY-MM (got "2024-13")';
    await expect(problemOf('/api/measures/plan_coverage/compare?month=2024-13', 'icb')).resolves.toEqual({
      status: 400,
      type: 'application/problem+json; charset=utf-8',
      body: {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail,
        instance: '/api/measures/plan_coverage/compare',
        errors: [{ parameter: 'month', message: detail, code: 'not_a_month', value: '2024-13' }],
      },
    });
  });

  it('400 month_outside_range for the month of the comparison of people with and without a plan', async () => {
    const detail = 'month must be a month from 2023-01 to 2024-05 (got "2031-01")';
    await expect(problemOf('/api/outcomes/standardised?org=A81001&month=2031-01', 'practice')).resolves.toEqual({
      status: 400,
      type: 'application/problem+json; charset=utf-8',
      body: {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail,
        instance: '/api/outcomes/standardised',
        errors: [{ parameter: 'month', message: detail, code: 'month_outside_range', value: '2031-01', range: { first: '2023-01', last: '2024-05' } }],
      },
    });
  });

  it('400 unknown_measure, with the id sent, for the measure of target progress', async () => {
    const detail = 'measure must be a measure id (GET /api/measures lists them) (got "nope")';
    await expect(problemOf('/api/targets/progress?org=QHM&measure=nope', 'icb')).resolves.toEqual({
      status: 400,
      type: 'application/problem+json; charset=utf-8',
      body: {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail,
        instance: '/api/targets/progress',
        errors: [{ parameter: 'measure', message: detail, code: 'unknown_measure', value: 'nope' }],
      },
    });
  });

  it('400 wrong_level, with the code, name and the levels taken, for a practice as the area of the training evaluation', async () => {
    const detail = 'area must be a PCN or larger: training is compared across practices (got "A81001")';
    await expect(problemOf('/api/evaluation/training?area=A81001', 'icb')).resolves.toEqual({
      status: 400,
      type: 'application/problem+json; charset=utf-8',
      body: {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail,
        instance: '/api/evaluation/training',
        errors: [{ parameter: 'area', message: detail, code: 'wrong_level', value: 'A81001', name: 'The Surgery', levels: ['pcn', 'sub_icb', 'icb', 'region', 'england'] }],
      },
    });
  });

  it('400 no_better_direction for the alerts of a measure where neither higher nor lower is better, and unknown_alert_reason', async () => {
    const measures = await problemOf('/api/alerts?measure=ltc_prevalence', 'icb');
    expect([measures.status, measures.body.errors?.map(({ parameter, code, value }) => ({ parameter, code, value }))]).toEqual([
      400,
      [{ parameter: 'measure', code: 'no_better_direction', value: 'ltc_prevalence' }],
    ]);
    const detail = 'reason must be one of outside_limit_first_time, special_cause_deterioration (got "new")';
    await expect(problemOf('/api/alerts?reason=new', 'icb')).resolves.toEqual({
      status: 400,
      type: 'application/problem+json; charset=utf-8',
      body: {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail,
        instance: '/api/alerts',
        errors: [{ parameter: 'reason', message: detail, code: 'unknown_alert_reason', value: 'new' }],
      },
    });
  });

  it('400 not_an_organisation_code, with the text sent, for a summary of a code shaped like no group (group:0)', async () => {
    const detail = 'code must be a group (group:<number>) (got "group:0")';
    await expect(problemOf('/api/orgs/group:0/summary', 'icb')).resolves.toEqual({
      status: 400,
      type: 'application/problem+json; charset=utf-8',
      body: {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail,
        instance: '/api/orgs/group:0/summary',
        errors: [{ parameter: 'code', message: detail, code: 'not_an_organisation_code', value: 'group:0' }],
      },
    });
  });
});
