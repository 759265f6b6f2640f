import type { ParameterProblem, ProblemDetails } from '../../../api/src/contract/problem.contract';
import { problemBody } from '../../../api/src/testing/refusals';
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

  /** The whole answer of a refusal of one parameter: its status, content type and problem body. */
  const refusal = (status: 400 | 403 | 404, instance: string, entry: ParameterProblem) => ({
    status,
    type: 'application/problem+json; charset=utf-8',
    body: problemBody(status, instance, entry),
  });

  /** The status and application/problem+json body of a GET. */
  async function problemOf(url: string, as: 'icb' | 'practice'): Promise<{ status: number; type: string | undefined; body: ProblemDetails }> {
    const response = await world.get(url, as);
    return { status: response.statusCode, type: response.headers['content-type']?.toString(), body: response.json<ProblemDetails>() };
  }

  it('404 unknown_organisation for an organisation code no organisation has', async () => {
    await expect(problemOf('/api/orgs/ZZZ999', 'icb')).resolves.toEqual(
      refusal(404, '/api/orgs/ZZZ999', { parameter: 'code', message: 'code: no organisation has the code ZZZ999', code: 'unknown_organisation', value: 'ZZZ999' }),
    );
  });

  it('403 outside_area, with the code and name, for a practice of another ICB', async () => {
    await expect(problemOf('/api/orgs/F83001', 'icb')).resolves.toEqual(
      refusal(403, '/api/orgs/F83001', { parameter: 'code', message: 'code: F83001 (Camden Health Centre) is outside your area', code: 'outside_area', value: 'F83001', name: 'Camden Health Centre' }),
    );
  });

  it('400 month_outside_range, with the month and the snapshot’s first and last months', async () => {
    const detail = 'to must be a month from 2023-01 to 2024-05 (got "2031-01")';
    await expect(problemOf('/api/measures/plan_coverage/series?org=A81001&to=2031-01', 'practice')).resolves.toEqual(
      refusal(400, '/api/measures/plan_coverage/series', { parameter: 'to', message: detail, code: 'month_outside_range', value: '2031-01', range: { first: '2023-01', last: '2024-05' } }),
    );
  });

  it('400 not_a_month, with the text sent', async () => {
    const detail = 'month must be a month YYYY-MM (got "2024-13")';
    await expect(problemOf('/api/measures/plan_coverage/compare?month=2024-13', 'icb')).resolves.toEqual(
      refusal(400, '/api/measures/plan_coverage/compare', { parameter: 'month', message: detail, code: 'not_a_month', value: '2024-13' }),
    );
  });

  it('400 month_outside_range for the month of the comparison of people with and without a plan', async () => {
    const detail = 'month must be a month from 2023-01 to 2024-05 (got "2031-01")';
    await expect(problemOf('/api/outcomes/standardised?org=A81001&month=2031-01', 'practice')).resolves.toEqual(
      refusal(400, '/api/outcomes/standardised', { parameter: 'month', message: detail, code: 'month_outside_range', value: '2031-01', range: { first: '2023-01', last: '2024-05' } }),
    );
  });

  it('400 unknown_measure, with the id sent, for the measure of target progress', async () => {
    const detail = 'measure must be a measure id (GET /api/measures lists them) (got "nope")';
    await expect(problemOf('/api/targets/progress?org=QHM&measure=nope', 'icb')).resolves.toEqual(
      refusal(400, '/api/targets/progress', { parameter: 'measure', message: detail, code: 'unknown_measure', value: 'nope' }),
    );
  });

  it('400 wrong_level, with the code, name and the levels taken, for a practice as the area of the training evaluation', async () => {
    const detail = 'area must be a PCN or larger: training is compared across practices (got "A81001")';
    await expect(problemOf('/api/evaluation/training?area=A81001', 'icb')).resolves.toEqual(
      refusal(400, '/api/evaluation/training', { parameter: 'area', message: detail, code: 'wrong_level', value: 'A81001', name: 'The Surgery', levels: ['pcn', 'sub_icb', 'icb', 'region', 'england'] }),
    );
  });

  it('400 no_better_direction for the alerts of a measure where neither higher nor lower is better, and unknown_alert_reason', async () => {
    const measures = await problemOf('/api/alerts?measure=ltc_prevalence', 'icb');
    expect([measures.status, measures.body.errors?.map(({ parameter, code, value }) => ({ parameter, code, value }))]).toEqual([
      400,
      [{ parameter: 'measure', code: 'no_better_direction', value: 'ltc_prevalence' }],
    ]);
    const detail = 'reason must be one of outside_limit_first_time, special_cause_deterioration (got "new")';
    await expect(problemOf('/api/alerts?reason=new', 'icb')).resolves.toEqual(
      refusal(400, '/api/alerts', { parameter: 'reason', message: detail, code: 'unknown_alert_reason', value: 'new' }),
    );
  });

  it('400 not_an_organisation_code, with the text sent, for a summary of a code shaped like no group (group:0)', async () => {
    const detail = 'code must be a group (group:<number>) (got "group:0")';
    await expect(problemOf('/api/orgs/group:0/summary', 'icb')).resolves.toEqual(
      refusal(400, '/api/orgs/group:0/summary', { parameter: 'code', message: detail, code: 'not_an_organisation_code', value: 'group:0' }),
    );
  });

  it('400 unknown_breakdown, with the text sent and the measure’s breakdowns, for a series by a breakdown the measure has not', async () => {
    // plan_coverage is split by the registry's six dimensions and not by plan.
    const message = 'breakdown must be one of age_band, sex, ethnic_group, imd_quintile, ltc_count, register for plan_coverage (got "carer")';
    await expect(problemOf('/api/measures/plan_coverage/series?org=A81001&breakdown=carer', 'practice')).resolves.toEqual(
      refusal(400, '/api/measures/plan_coverage/series', {
        parameter: 'breakdown',
        message,
        code: 'unknown_breakdown',
        value: 'carer',
        allowed: ['age_band', 'sex', 'ethnic_group', 'imd_quintile', 'ltc_count', 'register'],
      }),
    );
  });

  it('400 unknown_breakdown, with the text sent only, for a breakdown shaped like none (refused by the query)', async () => {
    const message = 'breakdown must be a breakdown dimension such as age_band (got "Age-Band")';
    await expect(problemOf('/api/measures/plan_coverage/series?org=A81001&breakdown=Age-Band', 'practice')).resolves.toEqual(
      refusal(400, '/api/measures/plan_coverage/series', { parameter: 'breakdown', message, code: 'unknown_breakdown', value: 'Age-Band' }),
    );
  });

  it('400 months_reversed, with the first month sent, for deciles from 2024-03 to 2024-01', async () => {
    const message = 'from must not be after to (got from "2024-03", to "2024-01")';
    await expect(problemOf('/api/measures/plan_coverage/deciles?from=2024-03&to=2024-01', 'icb')).resolves.toEqual(
      refusal(400, '/api/measures/plan_coverage/deciles', { parameter: 'from', message, code: 'months_reversed', value: '2024-03' }),
    );
  });

  it('400 level_not_allowed, with the benchmark sent and the levels above, for ICBs compared with ICBs', async () => {
    const message = 'benchmark must be a level above icb: region or england (got "icb")';
    await expect(problemOf('/api/measures/plan_coverage/compare?level=icb&benchmark=icb', 'icb')).resolves.toEqual(
      refusal(400, '/api/measures/plan_coverage/compare', { parameter: 'benchmark', message, code: 'level_not_allowed', value: 'icb', levels: ['region', 'england'] }),
    );
  });

  it('400 level_not_allowed, with the text sent and the levels compared, for a level no comparison takes (refused by the query)', async () => {
    const message = 'level must be one of practice, pcn, sub_icb, icb, region (got "gp")';
    await expect(problemOf('/api/measures/plan_coverage/compare?level=gp', 'icb')).resolves.toEqual(
      refusal(400, '/api/measures/plan_coverage/compare', { parameter: 'level', message, code: 'level_not_allowed', value: 'gp', levels: ['practice', 'pcn', 'sub_icb', 'icb', 'region'] }),
    );
  });

  it('400 level_not_allowed, with the level sent and practice, for PCNs compared within the user’s own group of A81001 and A81002', async () => {
    const [{ id: owner }]: { id: string }[] = await world.database.dataSource.query(`SELECT id FROM users WHERE email = 'icb@test.nhs.uk'`);
    const [{ id }]: { id: number }[] = await world.database.dataSource.query(
      `INSERT INTO practice_groups (name, owner_id, shared, icb_code, practices) VALUES ('Blyth pair', $1, false, 'QHM', ARRAY['A81001', 'A81002']) RETURNING id`,
      [owner],
    );
    const message = 'level must be practice when comparing within a group';
    await expect(problemOf(`/api/measures/plan_coverage/compare?level=pcn&benchmark=icb&within=group:${id}`, 'icb')).resolves.toEqual(
      refusal(400, '/api/measures/plan_coverage/compare', { parameter: 'level', message, code: 'level_not_allowed', value: 'pcn', levels: ['practice'] }),
    );
  });

  it('400 wrong_level, with the code, name and the levels at or above the level compared, for PCNs within a practice', async () => {
    const message = 'within must be an area at or above pcn level (got "A81001", a practice)';
    await expect(problemOf('/api/measures/plan_coverage/compare?level=pcn&benchmark=icb&within=A81001', 'icb')).resolves.toEqual(
      refusal(400, '/api/measures/plan_coverage/compare', {
        parameter: 'within',
        message,
        code: 'wrong_level',
        value: 'A81001',
        name: 'The Surgery',
        levels: ['pcn', 'sub_icb', 'icb', 'region', 'england'],
      }),
    );
  });

  it('400 wrong_level, with the code, name and the levels of an area, for deciles spread within a practice', async () => {
    const message = 'within must be an area or a group of practices to spread deciles over, not a practice (A81002)';
    await expect(problemOf('/api/measures/plan_coverage/deciles?within=A81002', 'icb')).resolves.toEqual(
      refusal(400, '/api/measures/plan_coverage/deciles', {
        parameter: 'within',
        message,
        code: 'wrong_level',
        value: 'A81002',
        name: 'Harbour Medical Practice',
        levels: ['pcn', 'sub_icb', 'icb', 'region', 'england'],
      }),
    );
  });
});
