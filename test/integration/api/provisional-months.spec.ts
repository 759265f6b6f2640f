import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AlertList } from '../../../api/src/contract/alerts.contract';
import type { CompareResponse } from '../../../api/src/contract/compare.contract';
import type { DecilesResponse } from '../../../api/src/contract/deciles.contract';
import type { MeasureList } from '../../../api/src/contract/measures.contract';
import type { SeriesResponse } from '../../../api/src/contract/series.contract';
import type { SnapshotMonthsResponse } from '../../../api/src/contract/snapshot-months.contract';
import type { SummaryResponse } from '../../../api/src/contract/summary.contract';
import type { TargetProgressList } from '../../../api/src/contract/targets.contract';
import { loadConfig } from '../../../api/src/config/app-config';
import { AlertDigestService } from '../../../api/src/modules/alerts/alert-digest.service';
import { refreshAnalytics } from '../../../api/src/modules/refresh/analytics-refresh';
import { openTempDir, removeTempDirs } from '../../support/cli';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { insertTwoIcbHierarchy, startAppWithUsers } from './api-fixture';

/**
 * plan_shared as of 2024-06-10 (months 2024-01, the first plans, to 2024-05). Its follow-up is 28 days, so
 * 2024-05 is provisional (31 May + 28 = 28 Jun ≥ 10 Jun) and 2024-04 final (30 Apr + 28 = 28 May < 10 Jun).
 * One plan per patient, everyone registered at their practice since 2000, nobody on a register (so plan_shared
 * is the only measure with figures that differ between practices):
 *
 *   QHM ── A81001: 4 plans agreed 2024-01-15 and shared 2024-01-20; 36 agreed 2024-04-10, never shared
 *      ├── A81002: 20 agreed 2024-01-15 and shared 2024-01-20; 20 agreed 2024-05-25, not shared yet
 *      └── A81003: 200 agreed 2024-01-15 and shared 2024-01-20
 *
 * 2024-01 … 03: every practice 100%, QHM 224/224 = 100%: limits of width 0, nobody beyond them.
 * 2024-04: A81001 4/40 = 10%, A81002 20/20, A81003 200/200; QHM 224/260 = 86.153846%. A81001's lower 99.8% limit:
 *   p0(1 − p0)/n = 0.861538 × 0.138462 / 40 = 0.00298225, √ = 0.0546100, × 3.090232 = 0.168757 → 69.278099%:
 *   10% is beyond it, for the first time (2024-01 … 03 were not).
 * 2024-05 (provisional): A81001 4/40 = 10%, A81002 20/40 = 50%, A81003 200/200; QHM 224/280 = 80%. A81002's lower
 *   limit: 0.8 × 0.2 / 40 = 0.004, √ = 0.0632456, × 3.090232 = 0.195443 → 60.455657%: 50% is beyond it for the first
 *   time, an alert if 2024-05 were judged; A81001 is beyond it again (not new). Fewer than 12 months: no XmR chart.
 */
async function insertPopulation(database: TestDatabase): Promise<void> {
  await insertTwoIcbHierarchy(database);
  await database.dataSource.query(`INSERT INTO organisations (code, name, level, parent_code) VALUES ('A81003', 'Anchor Surgery', 'practice', 'U11111')`);
  const groups: [string, number, string, string | null][] = [
    ['A81001', 4, '2024-01-15', '2024-01-20'],
    ['A81001', 36, '2024-04-10', null],
    ['A81002', 20, '2024-01-15', '2024-01-20'],
    ['A81002', 20, '2024-05-25', null],
    ['A81003', 200, '2024-01-15', '2024-01-20'],
  ];
  for (const [practice, count, agreed, shared] of groups) {
    const tag = `${practice}-${agreed}`;
    await database.dataSource.query(
      `INSERT INTO patients (pseudonym, birth_date, sex, ethnic_group)
       SELECT $1::text || '-' || i, DATE '1950-06-01', 'F', 'white' FROM generate_series(1, $2::int) i`,
      [tag, count],
    );
    await database.dataSource.query(
      `INSERT INTO registrations (patient_id, practice_code, registered_on) SELECT id, $1::text, DATE '2000-01-01' FROM patients WHERE pseudonym LIKE $2::text || '-%'`,
      [practice, tag],
    );
    await database.dataSource.query(
      `INSERT INTO care_plans (plan_id, patient_id, practice_code, agreed_on, shared_on)
       SELECT pseudonym || '-plan', id, $1::text, $3::date, $4::date FROM patients WHERE pseudonym LIKE $2::text || '-%'`,
      [practice, tag, agreed, shared],
    );
  }
}

const USERS = [
  { email: 'icb@test.nhs.uk', name: 'Ian Commissioner', role: 'commissioner', areas: ['QHM'] },
  // A81003 has no alerts, so the digest has nothing to send this lead.
  { email: 'lead@test.nhs.uk', name: 'Lee Lead', role: 'practice', areas: ['A81003'] },
] as const;

describe('provisional months: plan_shared’s latest month is marked, and kept out of the alerts and the target projection', () => {
  jest.setTimeout(180_000);
  let database: TestDatabase;
  let app: NestFastifyApplication;
  const cwd = openTempDir('pcsp-provisional-');
  let cookie = '';
  let leadCookie = '';
  const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie } });

  beforeAll(async () => {
    database = await createTestDatabase('pcsp_provisional');
    await insertPopulation(database);
    const config = loadConfig({ DATA_DIR: 'data', LOG_LEVEL: 'silent', LOGIN_RATE_LIMIT: '1000' }, cwd);
    await refreshAnalytics(database.dataSource, config, { pgUrl: database.url, asOf: new Date('2024-06-10') });
    const started = await startAppWithUsers(database, config, USERS);
    app = started.app;
    cookie = started.cookieOf['icb@test.nhs.uk'];
    leadCookie = started.cookieOf['lead@test.nhs.uk'];
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
    removeTempDirs();
  });

  it('serves followUpDays with plan_shared, and with no other measure', async () => {
    const { measures } = (await get('/api/measures')).json<MeasureList>();
    expect(measures.filter((m) => 'followUpDays' in m).map((m) => [m.id, m.followUpDays])).toEqual([['plan_shared', 28]]);
  });

  it('lists the snapshot’s months with 2024-05 provisional for plan_shared alone, to a commissioner and a practice lead', async () => {
    // The snapshot's months newest first: 2024-05 (the month before 2024-06-10) back to 2024-01, the first plans.
    // Only plan_shared has follow-up days, and it is provisional in 2024-05 alone (see above).
    const months = ['2024-05', '2024-04', '2024-03', '2024-02', '2024-01'];
    const commissioner = await get('/api/snapshot/months');
    expect(commissioner.statusCode).toBe(200);
    expect(commissioner.json<SnapshotMonthsResponse>()).toEqual({ months, provisional: [{ month: '2024-05', measures: ['plan_shared'] }] });
    const lead = await app.inject({ method: 'GET', url: '/api/snapshot/months', headers: { cookie: leadCookie } });
    expect(lead.statusCode).toBe(200);
    expect(lead.json<SnapshotMonthsResponse>()).toEqual({ months, provisional: [{ month: '2024-05', measures: ['plan_shared'] }] });
    expect((await app.inject({ method: 'GET', url: '/api/snapshot/months' })).statusCode).toBe(401);
  });

  it('marks plan_shared’s 2024-05 provisional in the series, and no month of another measure', async () => {
    const series = (await get('/api/measures/plan_shared/series?org=A81002&from=2024-03&to=2024-05')).json<SeriesResponse>();
    // 20/20, 20/20, then 20/40 with the plans of 25 May not shared yet.
    expect(series.lines[0].points.map((p) => [p.month, p.rate, p.provisional])).toEqual([
      ['2024-03', 100, undefined],
      ['2024-04', 100, undefined],
      ['2024-05', 50, true],
    ]);
    const preparation = (await get('/api/measures/preparation/series?org=A81002&from=2024-03&to=2024-05')).json<SeriesResponse>();
    expect(preparation.lines[0].points.map((p) => [p.month, 'provisional' in p])).toEqual([
      ['2024-03', false],
      ['2024-04', false],
      ['2024-05', false],
    ]);
    const csv = (await get('/api/measures/plan_shared/series?org=A81002&from=2024-04&to=2024-05&format=csv')).body.trim().split(/\r?\n/);
    expect(csv.map((line) => line.split(',').at(-1))).toEqual(['provisional', 'false', 'true']);
  });

  it('marks the report card’s plan_shared provisional in 2024-05, not in 2024-04', async () => {
    const latest = (await get('/api/orgs/A81002/summary')).json<SummaryResponse>();
    expect(latest.month).toBe('2024-05');
    expect(latest.cards.filter((c) => c.provisional).map((c) => [c.measure, c.rate])).toEqual([['plan_shared', 50]]);
    const april = (await get('/api/orgs/A81002/summary?month=2024-04')).json<SummaryResponse>();
    expect(april.cards.filter((c) => 'provisional' in c)).toEqual([]);
  });

  it('says the compared month is provisional, in the comparison, its change and its CSV; not for a final month or another measure', async () => {
    const may = (await get('/api/measures/plan_shared/compare?month=2024-05&sort=code&change=quarter')).json<CompareResponse>();
    // 2024-05: 4/40, 20/40, 200/200; the change against 2024-02 (all 100%) ends in the provisional month.
    expect([may.month, may.provisional]).toEqual(['2024-05', true]);
    expect(may.rows.map((r) => [r.code, r.rate, r.change?.toMonth, r.change?.difference])).toEqual([
      ['A81001', 10, '2024-05', -90],
      ['A81002', 50, '2024-05', -50],
      ['A81003', 100, '2024-05', 0],
    ]);
    const april = (await get('/api/measures/plan_shared/compare?month=2024-04')).json<CompareResponse>();
    expect('provisional' in april).toBe(false);
    const preparation = (await get('/api/measures/preparation/compare?month=2024-05')).json<CompareResponse>();
    expect('provisional' in preparation).toBe(false);
    const csv = (await get('/api/measures/plan_shared/compare?month=2024-05&sort=code&format=csv')).body.trim().split(/\r?\n/);
    expect(csv.map((line) => line.split(',').at(-1))).toEqual(['provisional', 'true', 'true', 'true']);
    const finalCsv = (await get('/api/measures/plan_shared/compare?month=2024-04&sort=code&format=csv')).body.trim().split(/\r?\n/);
    expect(finalCsv.map((line) => line.split(',').at(-1))).toEqual(['provisional', 'false', 'false', 'false']);
  });

  it('flags plan_shared’s 2024-05 provisional in the deciles and their CSV', async () => {
    const deciles = (await get('/api/measures/plan_shared/deciles?from=2024-03&to=2024-05&org=A81002')).json<DecilesResponse>();
    // England's, the commissioner's default: QHM's three practices are its only ones with plans (F83001 has no patients,
    // so no denominator of 1 or more). The median of the three: 100 (2024-03), 100 of 10, 100, 100 (2024-04), 50 of 10, 50, 100 (2024-05).
    expect(deciles.within).toEqual({ code: 'ENG', name: 'England', level: 'england' });
    expect(deciles.months.map((m) => [m.month, m.deciles[4], m.practices, m.orgRate, m.provisional])).toEqual([
      ['2024-03', 100, 3, 100, undefined],
      ['2024-04', 100, 3, 100, undefined],
      ['2024-05', 50, 3, 50, true],
    ]);
    const preparation = (await get('/api/measures/preparation/deciles?from=2024-04&to=2024-05')).json<DecilesResponse>();
    expect(preparation.months.filter((m) => 'provisional' in m)).toEqual([]);
    const csv = (await get('/api/measures/plan_shared/deciles?from=2024-04&to=2024-05&format=csv')).body.trim().split(/\r?\n/);
    expect(csv.map((line) => line.split(',').at(-1))).toEqual(['provisional', 'false', 'true']);
    // Each row says what the deciles are spread over: England's practices by default, QHM's when asked.
    expect(csv.map((line) => line.split(',').slice(0, 3))).toEqual([['measure', 'within', 'month'], ['plan_shared', 'ENG', '2024-04'], ['plan_shared', 'ENG', '2024-05']]);
    const withinIcb = (await get('/api/measures/plan_shared/deciles?from=2024-05&to=2024-05&within=QHM&format=csv')).body.trim().split(/\r?\n/);
    expect(withinIcb.map((line) => line.split(',').slice(0, 3))).toEqual([['measure', 'within', 'month'], ['plan_shared', 'QHM', '2024-05']]);
  });

  it('fits the target projection to the final months only and ranks gaps at 2024-04, showing 2024-05 marked', async () => {
    await database.dataSource.query(
      `INSERT INTO measure_targets (id, measure, org_code, target_rate, target_month, set_by) VALUES (gen_random_uuid(), 'plan_shared', 'QHM', 95, '2024-08', 'admin@test.nhs.uk')`,
    );
    try {
      const [item] = (await get('/api/targets/progress?org=QHM&measure=plan_shared')).json<TargetProgressList>().items;
      // 2023-05 … 2024-04 (the 12 final months) with rates from 2024-01, then the provisional 2024-05.
      expect(item.finalMonth).toBe('2024-04');
      expect(item.trend.map((p) => p.month)).toEqual(['2023-05', '2023-06', '2023-07', '2023-08', '2023-09', '2023-10', '2023-11', '2023-12', '2024-01', '2024-02', '2024-03', '2024-04', '2024-05']);
      expect(item.trend.slice(8).map((p) => [p.month, p.provisional])).toEqual([['2024-01', undefined], ['2024-02', undefined], ['2024-03', undefined], ['2024-04', undefined], ['2024-05', true]]);
      expect(item.trend[12].rate).toBe(80);
      // QHM: 100, 100, 100, 224/260 = 1120/13 = 86.153846 at x = −3 … 0 (2024-01 … 04); d = 100 − 1120/13 = 180/13.
      // x̄ = −1.5, ȳ = 100 − d/4, Sxx = 5, Sxy = (d/4)(−1.5 − 0.5 + 0.5) + 1.5(−3d/4) = −1.5d: slope −0.3d = −54/13 = −4.153846,
      // at 2024-04 ȳ + 1.5·slope = 100 − 0.7d = 90.307692; at 2024-08 (x0 = 4) 100 − 1.9d = 73.692308.
      // Residuals −0.2d, 0.1d, 0.4d, −0.3d: SSE = 0.3d², s = d·√0.15 = 5.362592; SE = s·√(1 + 1/4 + 5.5²/5) = s·√7.3 = 14.488927;
      // × t(0.975, 2) 4.302653 = 62.340820: 95% PI (11.351488, 136.033127), clamped to 100: uncertain for 95.
      // With the provisional 80 in the fit (x = −4 … 0) the slope would be −5.384615, and the gap 95 − 80 = 15.
      const p = item.progress!;
      expect([p.latestMonth, p.trendFrom, p.trendTo, p.status, p.projection?.month, p.projection?.high]).toEqual(['2024-04', '2024-01', '2024-04', 'uncertain', '2024-08', 100]);
      expect(p.latestRate).toBeCloseTo(86.153846, 5);
      expect(p.gap).toBeCloseTo(8.846154, 5);
      expect(p.slopePerMonth).toBeCloseTo(-4.153846, 5);
      expect(p.lineAtLatest).toBeCloseTo(90.307692, 5);
      expect(p.projection!.rate).toBeCloseTo(73.692308, 5);
      expect(p.projection!.low).toBeCloseTo(11.351488, 4);
      // Gaps at 2024-04: A81001 95 − 10 = 85; A81002 and A81003 100%, 5 beyond (A81002's provisional 50% would make it 45, second).
      // A81002's line through 100, 100, 100, 100 is flat at 100 with no residuals: on track. A81001's through 100, 100, 100, 10
      // (d = 90) reaches 100 − 1.9d = −71 at 2024-08, clamped to 0, ± 4.302653 · 90√0.15 · √7.3 = 405.1: uncertain.
      expect(item.practices.map((r) => [r.org.code, r.rate, r.gap, r.rank, r.projectedRate, r.status])).toEqual([
        ['A81001', 10, 85, 1, 0, 'uncertain'],
        ['A81002', 100, -5, 2, 100, 'on_track'],
        ['A81003', 100, -5, 2, 100, 'on_track'],
      ]);
      // Blyth PCN holds all three practices: the ICB's figures.
      expect(item.pcns.map((r) => [r.org.code, r.rank, r.status])).toEqual([['U11111', 1, 'uncertain']]);
      expect(item.pcns[0].gap).toBeCloseTo(8.846154, 5);
      expect(item.pcns[0].projectedRate).toBeCloseTo(73.692308, 5);
    } finally {
      await database.dataSource.query(`DELETE FROM measure_targets`);
    }
  });

  it('judges plan_shared at 2024-04, its latest final month: the provisional fall raises no alert, the final one does', async () => {
    const list = (await get('/api/alerts')).json<AlertList>();
    expect(list.month).toBe('2024-05');
    // Judging 2024-05 would list A81002 (50% below 60.46%, new) and not A81001 (beyond the limit in 2024-04 too).
    expect(list.alerts.map((a) => [a.practice.code, a.measure, a.month, a.rate, a.reasons, a.spcRules])).toEqual([
      ['A81001', 'plan_shared', '2024-04', 10, ['outside_limit_first_time'], []],
    ]);
    expect(list.alerts[0].benchmarkRate).toBeCloseTo(86.153846, 5);
    expect(list.alerts[0].limit).toBeCloseTo(69.278099, 5);
    // Kept to plan_shared, the list is of the month it is judged at, and says what it is kept to; so is its CSV.
    const planShared = (await get('/api/alerts?measure=plan_shared&reason=outside_limit_first_time')).json<AlertList>();
    expect([planShared.month, planShared.judgedMonth, planShared.measure, planShared.reason, planShared.total]).toEqual(['2024-05', '2024-04', 'plan_shared', 'outside_limit_first_time', 1]);
    expect(list.judgedMonth).toBe('2024-05');
    const csv = await get('/api/alerts?measure=plan_shared&format=csv');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="alerts-all-plan_shared-2024-04.csv"');
  });

  it('says in the digest which month the alert is about, as it is not the digest’s', async () => {
    const report = await app.get(AlertDigestService).send({ dryRun: true });
    expect(report.month).toBe('2024-05');
    expect(report.emails.map((e) => [e.to, e.subject])).toEqual([['icb@test.nhs.uk', 'PCSP Insights: 1 alert for 1 practice, May 2024']]);
    expect(report.emails[0].text).toContain(
      "The Surgery (A81001)\n  - Plan shared with the person 10.0% in April 2024 (May 2024's figures can still rise): worse than the 99.8% limit (69.3%) around the ICB's 86.2% for the first time in 12 months.\n",
    );
  });
});
