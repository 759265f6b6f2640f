import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AlertList } from '../../../api/src/contract/alerts.contract';
import type { MeasureList } from '../../../api/src/contract/measures.contract';
import type { SeriesResponse } from '../../../api/src/contract/series.contract';
import type { SummaryResponse } from '../../../api/src/contract/summary.contract';
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

const USERS = [{ email: 'icb@test.nhs.uk', name: 'Ian Commissioner', role: 'commissioner', areas: ['QHM'] }] as const;

describe('provisional months: plan_shared’s latest month is marked and kept out of the alerts', () => {
  jest.setTimeout(180_000);
  let database: TestDatabase;
  let app: NestFastifyApplication;
  const cwd = openTempDir('pcsp-provisional-');
  let cookie = '';
  const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie } });

  beforeAll(async () => {
    database = await createTestDatabase('pcsp_provisional');
    await insertPopulation(database);
    const config = loadConfig({ DATA_DIR: 'data', LOG_LEVEL: 'silent', LOGIN_RATE_LIMIT: '1000' }, cwd);
    await refreshAnalytics(database.dataSource, config, { pgUrl: database.url, asOf: new Date('2024-06-10') });
    const started = await startAppWithUsers(database, config, USERS);
    app = started.app;
    cookie = started.cookieOf['icb@test.nhs.uk'];
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

  it('judges plan_shared at 2024-04, its latest final month: the provisional fall raises no alert, the final one does', async () => {
    const list = (await get('/api/alerts')).json<AlertList>();
    expect(list.month).toBe('2024-05');
    // Judging 2024-05 would list A81002 (50% below 60.46%, new) and not A81001 (beyond the limit in 2024-04 too).
    expect(list.alerts.map((a) => [a.practice.code, a.measure, a.month, a.rate, a.reasons, a.spcRules])).toEqual([
      ['A81001', 'plan_shared', '2024-04', 10, ['outside_limit_first_time'], []],
    ]);
    expect(list.alerts[0].benchmarkRate).toBeCloseTo(86.153846, 5);
    expect(list.alerts[0].limit).toBeCloseTo(69.278099, 5);
  });

  it('says in the digest which month the alert is about, as it is not the digest’s', async () => {
    const report = await app.get(AlertDigestService).send({ dryRun: true });
    expect(report.month).toBe('2024-05');
    expect(report.emails.map((e) => [e.to, e.subject])).toEqual([['icb@test.nhs.uk', 'PCSP Insights: 1 alert for 1 practice, May 2024']]);
    expect(report.emails[0].text).toContain(
      "The Surgery (A81001)\n  - Plan shared with the person 10.0% in April 2024 (May 2024 is provisional: records can still come in): worse than the 99.8% limit (69.3%) around the ICB's 86.2% for the first time in 12 months.\n",
    );
  });
});
