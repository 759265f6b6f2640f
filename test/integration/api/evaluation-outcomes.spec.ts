import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type {
  StandardisedOutcomesResponse,
  StandardisedOutcomesTrendResponse,
  TrainingEvaluationResponse,
} from '../../../api/src/contract/evaluation.contract';
import { loadConfig } from '../../../api/src/config/app-config';
import { refreshAnalytics } from '../../../api/src/modules/refresh/analytics-refresh';
import { openTempDir, removeTempDirs } from '../../support/cli';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { insertTwoIcbHierarchy, startAppWithUsers } from './api-fixture';

/**
 * A population built for the fair outcome comparison and the training evaluation (snapshot as of
 * 2024-06-10; the first activity, A81002's plans of 2022-06-15, makes the months 2022-06 to 2024-05).
 * Everyone is on the DM register only (1 LTC), born 1950-06-01 (age band 65-79 throughout), registered since 2000.
 *
 *   Y63 ── QHM ICB ── 00L ── U11111 ── A81001: F1–F30 and M1–M30 (60)
 *                                  └── A81002: F1–F40 (40)
 *   Y56 ── QMJ ICB ── 93C ── U22222 ── F83001: F1–F5 (5), no plans
 *
 * A81001: plans agreed 2024-03-15 for F1–F20 and M1–M10; HbA1c on 2024-02-01 of 48 (≤ 58, controlled)
 *   for F1–F16, M1–M8 (with a plan) and F21–F28, M11–M18 (without), 70 for everyone else.
 *   Trained on 2023-04-20 (and again 2023-09-01: only the first training counts).
 * A81002: plans 2022-06-15 for F1–F10 and 2024-01-15 for F11–F30; no HbA1c. Trained on 2024-05-20.
 */
async function insertPopulation(database: TestDatabase): Promise<void> {
  const q = (sql: string, params: unknown[] = []) => database.dataSource.query(sql, params);
  await insertTwoIcbHierarchy(database);
  const people: [string, 'F' | 'M', number][] = [
    ['A81001', 'F', 30],
    ['A81001', 'M', 30],
    ['A81002', 'F', 40],
    ['F83001', 'F', 5],
  ];
  for (const [practice, sex, count] of people) {
    await q(
      `INSERT INTO patients (pseudonym, birth_date, sex, ethnic_group)
       SELECT $1::text || '-' || $2::text || i, DATE '1950-06-01', $2::text, 'white' FROM generate_series(1, $3::int) i`,
      [practice, sex, count],
    );
  }
  await q(`INSERT INTO registrations (patient_id, practice_code, registered_on) SELECT id, split_part(pseudonym, '-', 1), DATE '2000-01-01' FROM patients`);
  await q(`INSERT INTO conditions (patient_id, condition, diagnosed_on) SELECT id, 'DM', DATE '2010-01-01' FROM patients`);
  // pseudonym = practice-<sex><n>: the n-th patient of that sex at the practice.
  const n = `substring(pseudonym from '[FM]([0-9]+)$')::int`;
  const sexOf = `substring(pseudonym from '-([FM])')`;
  const plans: [string, string, string][] = [
    ['A81001', '2024-03-15', `(${sexOf} = 'F' AND ${n} <= 20) OR (${sexOf} = 'M' AND ${n} <= 10)`],
    ['A81002', '2022-06-15', `${n} <= 10`],
    ['A81002', '2024-01-15', `${n} BETWEEN 11 AND 30`],
  ];
  for (const [practice, agreed, who] of plans) {
    await q(
      `INSERT INTO care_plans (plan_id, patient_id, practice_code, agreed_on)
       SELECT pseudonym || '-' || $2::text, id, $1::text, $2::date FROM patients WHERE pseudonym LIKE $1::text || '-%' AND (${who})`,
      [practice, agreed],
    );
  }
  const controlled = `(${sexOf} = 'F' AND (${n} <= 16 OR ${n} BETWEEN 21 AND 28)) OR (${sexOf} = 'M' AND (${n} <= 8 OR ${n} BETWEEN 11 AND 18))`;
  await q(
    `INSERT INTO observations (patient_id, code, value, observed_on)
     SELECT id, 'HBA1C', CASE WHEN ${controlled} THEN 48 ELSE 70 END, DATE '2024-02-01' FROM patients WHERE pseudonym LIKE 'A81001-%'`,
  );
  await q(`INSERT INTO training (practice_code, trained_on, programme, staff_trained) VALUES
    ('A81001', '2023-04-20', 'Care and support planning', 3), ('A81001', '2023-09-01', 'Follow-up half day', 3),
    ('A81002', '2024-05-20', 'Care and support planning', 2)`);
}

const USERS = [
  { email: 'admin@test.nhs.uk', role: 'admin', areas: [] },
  { email: 'icb@test.nhs.uk', role: 'commissioner', areas: ['QHM'] },
  { email: 'pcn@test.nhs.uk', role: 'network', areas: ['U11111'] },
  { email: 'practice@test.nhs.uk', role: 'practice', areas: ['A81001'] },
  { email: 'london@test.nhs.uk', role: 'commissioner', areas: ['QMJ'] },
] as const;
type Who = (typeof USERS)[number]['email'] extends `${infer U}@test.nhs.uk` ? U : never;

/** Byar's 95% limits of a count O (the method's carrier of a DSR's interval), as in PHEindicatormethods. */
const byar = (o: number) => {
  const z = 1.959964;
  return {
    low: o * (1 - 1 / (9 * o) - z / (3 * Math.sqrt(o))) ** 3,
    high: (o + 1) * (1 - 1 / (9 * (o + 1)) + z / (3 * Math.sqrt(o + 1))) ** 3,
  };
};

describe('standardised outcomes with and without a plan, and the training evaluation, through the API', () => {
  jest.setTimeout(180_000);
  let database: TestDatabase;
  let app: NestFastifyApplication;
  const cwd = openTempDir('pcsp-evaluation-');
  const cookie: Record<string, string> = {};
  const get = (who: Who, url: string) => app.inject({ method: 'GET', url, headers: { cookie: cookie[`${who}@test.nhs.uk`] } });

  beforeAll(async () => {
    database = await createTestDatabase('pcsp_evaluation');
    await insertPopulation(database);
    const config = loadConfig({ DATA_DIR: 'data', LOG_LEVEL: 'silent', LOGIN_RATE_LIMIT: '1000' }, cwd);
    await refreshAnalytics(database.dataSource, config, { pgUrl: database.url, asOf: new Date('2024-06-10') });
    const started = await startAppWithUsers(database, config, USERS);
    app = started.app;
    Object.assign(cookie, started.cookieOf);
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
    removeTempDirs();
  });

  // Diabetes control at A81001 in 2024-05 (HbA1c of 2024-02-01 in the window 2023-06 … 2024-05), two strata
  // (F | 65-79 | 1 LTC) and (M | 65-79 | 1 LTC):
  //   with a plan:    F 16/20, M 8/10  → 24/30, shown rounded (disclosure control) as 25/30: crude 83.333333%
  //   without a plan: F 8/10,  M 8/20  → 16/30, shown as 15/30: crude 50%
  // Each plan group is a breakdown, so its standardised rate is worked out from its strata rounded to 5 as well:
  //   with F 15/20, M 10/10; without F 10/10, M 10/20 (exact, 80% and 68%; from these, 82.5% and 85%).
  // Standard: QHM's LTC population, F 30 + 40 (A81002) = 70, M 30: weights 0.7 and 0.3.
  //   with    = 0.7 × 0.75 + 0.3 × 1 = 0.825 → 82.5%;  without = 0.7 × 1 + 0.3 × 0.5 = 0.85 → 85%.
  // Dobson: V = Σ w² e / n²; with: 0.49 × 15/400 + 0.09 × 10/100 = 0.027375 over O = 25 events,
  //   without: 0.49 × 10/100 + 0.09 × 10/400 = 0.05125 over O = 20; limit = DSR + √(V/O) × (Byar(O) − O).
  const dobson = (rate: number, variance: number, events: number) => {
    const spread = Math.sqrt(variance / events);
    const limits = byar(events);
    return { low: 100 * (rate + spread * (limits.low - events)), high: 100 * (rate + spread * (limits.high - events)) };
  };
  const withPlan = dobson(0.825, 0.027375, 25);
  const withoutPlan = dobson(0.85, 0.05125, 20);

  it('standardises diabetes control with and without a plan to the ICB’s LTC population, with Dobson intervals', async () => {
    const response = await get('icb', '/api/outcomes/standardised?org=A81001');
    expect(response.statusCode).toBe(200);
    const body = response.json<StandardisedOutcomesResponse>();
    expect(body).toMatchObject({ org: { code: 'A81001' }, standard: { code: 'QHM', level: 'icb' }, month: '2024-05' });
    const diabetes = body.outcomes.find((o) => o.measure === 'diabetes_control');
    expect(diabetes).toMatchObject({ unit: '%', direction: 'higher_is_better', strata: 2, standardCovered: 1 });
    // Crude rates from the rounded counts, as every breakdown's (the exact 80% and 53.3% would give 24/30 and 16/30).
    expect(diabetes?.withPlan.crudeRate).toBeCloseTo((100 * 25) / 30, 9);
    expect(diabetes?.withoutPlan.crudeRate).toBeCloseTo(50, 9);
    expect(diabetes?.withPlan.rate).toBeCloseTo(82.5, 9);
    expect(diabetes?.withoutPlan.rate).toBeCloseTo(85, 9);
    // Byar(25) = (16.174266, 36.906451), √(0.027375/25) = 0.033091: with 82.5 + 3.3091 × (16.174266 − 25) = 53.29,
    // 82.5 + 3.3091 × 11.906451 = 121.90, cut at 100 (Dobson's Poisson interval is conservative for a proportion and
    // can pass 100%, which no proportion can).
    // Byar(20) = (12.211429, 30.889880), √(0.05125/20) = 0.050621: without 85 − 5.0621 × 7.788571 = 45.57,
    // 85 + 5.0621 × 10.889880 = 140.13, cut at 100. From exact strata the interval's two sides would give the groups'
    // exact 24 and 16 events; these give the rounded 25 and 20 only.
    expect(diabetes?.withPlan.low).toBeCloseTo(withPlan.low, 9);
    expect(diabetes?.withPlan.high).toBe(100);
    expect(diabetes?.withoutPlan.low).toBeCloseTo(withoutPlan.low, 9);
    expect(diabetes?.withoutPlan.high).toBe(100);
    expect([withPlan.low, withPlan.high, withoutPlan.low, withoutPlan.high].map((x) => Math.round(x * 100) / 100)).toEqual([53.29, 121.9, 45.57, 140.13]);
    // Emergency admissions: none, 0 per 1,000 in both groups, no interval below 10 events.
    expect(body.outcomes.find((o) => o.measure === 'emergency_admissions')).toMatchObject({
      withPlan: { crudeRate: 0, rate: 0, low: null, high: null, suppressed: false },
      withoutPlan: { crudeRate: 0, rate: 0, low: null, high: null, suppressed: false },
      strata: 2,
    });
    // In 2024-02 the HbA1c readings are in but no one has a plan yet: no standardised comparison, 40/60 without.
    const february = (await get('practice', '/api/outcomes/standardised?org=A81001&month=2024-02')).json<StandardisedOutcomesResponse>();
    expect(february.outcomes.find((o) => o.measure === 'diabetes_control')).toMatchObject({
      withPlan: { crudeRate: null, rate: null },
      strata: 0,
      standardCovered: 0,
    });
    expect(february.outcomes.find((o) => o.measure === 'diabetes_control')?.withoutPlan.crudeRate).toBeCloseTo((100 * 40) / 60, 9);
  });

  it('draws the same comparison month by month: the 12 months to the latest by default, or from/to', async () => {
    const trend = (await get('icb', '/api/outcomes/standardised/trend?org=A81001')).json<StandardisedOutcomesTrendResponse>();
    expect(trend).toMatchObject({ org: { code: 'A81001' }, standard: { code: 'QHM' }, from: '2023-06', to: '2024-05' });
    const diabetes = trend.outcomes.find((o) => o.measure === 'diabetes_control');
    expect(diabetes?.points.map((p) => p.month)).toEqual([
      '2023-06', '2023-07', '2023-08', '2023-09', '2023-10', '2023-11', '2023-12', '2024-01', '2024-02', '2024-03', '2024-04', '2024-05',
    ]);
    // Before 2024-02 no one has an HbA1c in the window: 0 of 60, all without a plan. 2024-02: 40/60 without; from
    // 2024-03 16/30, shown as 15/30.
    // From 2024-03 the plans are current and the figures are those of 2024-05 above.
    expect(diabetes?.points.map((p) => [p.withPlan.rate, p.withoutPlan.crudeRate === null ? null : Math.round(p.withoutPlan.crudeRate * 1000) / 1000])).toEqual([
      ...Array.from({ length: 8 }, () => [null, 0]),
      [null, 66.667],
      [82.5, 50],
      [82.5, 50],
      [82.5, 50],
    ]);
    for (const p of diabetes?.points.slice(9) ?? []) {
      expect(p.withPlan.low).toBeCloseTo(withPlan.low, 9);
      expect(p.withoutPlan.rate).toBeCloseTo(85, 9);
      expect(p.withoutPlan.low).toBeCloseTo(withoutPlan.low, 9);
    }
    const window = (await get('practice', '/api/outcomes/standardised/trend?org=A81001&from=2024-04&to=2024-05')).json<StandardisedOutcomesTrendResponse>();
    expect(window.outcomes.find((o) => o.measure === 'diabetes_control')?.points.map((p) => [p.month, p.strata])).toEqual([
      ['2024-04', 2],
      ['2024-05', 2],
    ]);
  });

  it('hides both groups where either has a suppressed count; the standard covered is the ICB share in the strata used', async () => {
    // F83001: 5 people on the DM register, none with a plan: without a plan 0/5 (5 is suppressed), with a plan 0/0. The
    // with-plan group is hidden too: the organisation's unrounded total less it would bound the other group's count.
    const body = (await get('london', '/api/outcomes/standardised?org=F83001')).json<StandardisedOutcomesResponse>();
    // Activation and depression remission count no one there (no PAM, no one on the DEP register): 0/0, nothing to hide.
    const hidden = { crudeRate: null, rate: null, low: null, high: null, suppressed: true };
    const empty = { crudeRate: null, rate: null, low: null, high: null, suppressed: false };
    expect(Object.fromEntries(body.outcomes.map((o) => [o.measure, [o.withPlan, o.withoutPlan]]))).toEqual({
      activation: [empty, empty],
      diabetes_control: [hidden, hidden],
      depression_remission: [empty, empty],
      emergency_admissions: [hidden, hidden],
    });
    // A81002 in 2024-05: F11–F30 with a plan (20, current since 2024-01), F1–F10 and F31–F40 without (20; F1–F10's
    // plans of 2022-06 lapsed): one stratum, F | 65-79 | 1 LTC, which holds 70 of QHM's 100 people on a register: 70%.
    const a81002 = (await get('icb', '/api/outcomes/standardised?org=A81002')).json<StandardisedOutcomesResponse>();
    expect(a81002.outcomes.find((o) => o.measure === 'emergency_admissions')).toMatchObject({ strata: 1, standardCovered: 0.7 });
  });

  it('lets each role compare only the organisations whose breakdowns it may see', async () => {
    for (const who of ['admin', 'icb', 'pcn', 'practice'] as const) {
      expect([who, (await get(who, '/api/outcomes/standardised?org=A81001')).statusCode]).toEqual([who, 200]);
      expect([who, (await get(who, '/api/outcomes/standardised/trend?org=A81001')).statusCode]).toEqual([who, 200]);
    }
    const outside = await get('london', '/api/outcomes/standardised?org=A81001');
    expect(outside.statusCode).toBe(403);
    expect(outside.json().detail).toBe('org: A81001 (The Surgery) is outside your area');
    expect((await get('london', '/api/outcomes/standardised/trend?org=QHM')).statusCode).toBe(403);
    const peer = await get('practice', '/api/outcomes/standardised?org=A81002');
    expect(peer.statusCode).toBe(403);
    expect(peer.json().detail).toBe('org: figures split by plan are available for your own practice only');
    expect((await get('practice', '/api/outcomes/standardised/trend?org=A81002')).json().detail).toBe('org: figures split by plan are available for your own practice only');
  });

  it('rejects bad parameters with the parameter named', async () => {
    const cases: [string, number, string][] = [
      ['/api/outcomes/standardised', 400, 'org is required'],
      ['/api/outcomes/standardised?org=a81001', 400, 'org must be an organisation code (1 to 8 capital letters or digits) (got "a81001")'],
      ['/api/outcomes/standardised?org=A81001&month=2024-13', 400, 'month must be a month YYYY-MM (got "2024-13")'],
      ['/api/outcomes/standardised?org=A81001&month=2022-05', 400, 'month must be a month from 2022-06 to 2024-05 (got "2022-05")'],
      ['/api/outcomes/standardised?org=Z99999', 404, 'org: no organisation has the code Z99999'],
      ['/api/outcomes/standardised/trend?org=A81001&from=2024-1', 400, 'from must be a month YYYY-MM (got "2024-1")'],
      ['/api/outcomes/standardised/trend?org=A81001&to=2024-06', 400, 'to must be a month from 2022-06 to 2024-05 (got "2024-06")'],
      ['/api/outcomes/standardised/trend?org=A81001&from=2022-01&to=2023-01', 400, 'from must be a month from 2022-06 to 2024-05 (got "2022-01")'],
      ['/api/outcomes/standardised/trend?org=A81001&from=2024-05&to=2024-01', 400, 'from must not be after to (got from 2024-05, to 2024-01)'],
      ['/api/evaluation/training?area=A81001', 400, 'area must be a PCN or larger: training is compared across practices (got "A81001")'],
      ['/api/evaluation/training?area=q!', 400, 'area must be an organisation code (1 to 8 capital letters or digits) (got "q!")'],
    ];
    for (const [url, status, detail] of cases) {
      const response = await get('admin', url);
      expect([url, response.statusCode, response.json().detail]).toEqual([url, status, detail]);
    }
  });

  // Plan coverage (a plan agreed in the 12 months to M):
  //   A81001 0/60 to 2024-02, then 30/60 = 50% (2024-03 … 2024-05).
  //   A81002 10/40 = 25% (2022-06 … 2023-05), 0% (2023-06 … 2023-12), 20/40 = 50% (2024-01 … 2024-05).
  // A81001 trained 2023-04 (its second training is ignored): the difference in differences compares 2023-03 with
  // 2024-04 (12 months on). A81002 is trained in 2024-05, after 2024-04, so it is A81001's control then:
  //   effect = (50 − 0) − (50 − 25) = 25 points;
  //   SE = 100 × √(0 + 0.5·0.5/60 + 0.25·0.75/40 + 0.5·0.5/40) = 100 × √0.015104167 = 12.289902;
  //   95% interval 25 ∓ 1.959964 × 12.289901 = (0.912236, 49.087764).
  // A81002's own evaluation has no month 12 months on (nor 6 months after training for the time series).
  it('evaluates training: the difference in differences against practices not yet trained, per practice and in the area', async () => {
    const response = await get('icb', '/api/evaluation/training');
    expect(response.statusCode).toBe(200);
    const body = response.json<TrainingEvaluationResponse>();
    expect(body).toMatchObject({ area: { code: 'QHM' }, measure: 'plan_coverage', practices: 2, trainedPractices: 2 });
    expect(body.trained.map((t) => [t.practice.code, t.trainedOn, t.trainingMonth])).toEqual([
      ['A81001', '2023-04-20', '2023-04'],
      ['A81002', '2024-05-20', '2024-05'],
    ]);
    const [surgery, harbour] = body.trained;
    expect(surgery.differenceInDifferences).toMatchObject({ before: 0, after: 50, controlBefore: 25, controlAfter: 50, controls: 1 });
    expect(surgery.differenceInDifferences?.effect.estimate).toBeCloseTo(25, 9);
    expect(surgery.differenceInDifferences?.effect.standardError).toBeCloseTo(12.289901, 5);
    expect(surgery.differenceInDifferences?.effect.low).toBeCloseTo(0.912236, 5);
    expect(surgery.differenceInDifferences?.effect.high).toBeCloseTo(49.087764, 5);
    // The time series: 2022-06 … 2024-05 is 10 months before 2023-04 and 14 from it.
    expect(surgery.timeSeries?.months).toBe(24);
    expect(harbour.differenceInDifferences).toBeNull();
    expect(harbour.timeSeries).toBeNull();
    // Event time: A81001 at offsets −10 … 13 (and A81002 at −23 … 0, both inside ±24): at offset 0 the two
    // practices' coverage at their own training month, A81001 0% (2023-04) and A81002 50% (2024-05): mean 25.
    expect(body.eventTime.find((e) => e.offset === 0)).toEqual({ offset: 0, meanCoverage: 25, practices: 2 });
    expect(body.eventTime.find((e) => e.offset === 13)).toEqual({ offset: 13, meanCoverage: 50, practices: 1 });
    expect(body.eventTime.find((e) => e.offset === -23)).toEqual({ offset: -23, meanCoverage: 25, practices: 1 });
  });

  it('scopes the training evaluation to the user’s area', async () => {
    // London's own area has no training; QHM is outside it.
    expect((await get('london', '/api/evaluation/training')).json<TrainingEvaluationResponse>()).toMatchObject({ area: { code: 'QMJ' }, practices: 1, trainedPractices: 0 });
    const outside = await get('london', '/api/evaluation/training?area=QHM');
    expect(outside.statusCode).toBe(403);
    expect(outside.json().detail).toBe('area: QHM (North East and North Cumbria ICB) is outside your area');
    // The PCN's network sees both practices; the admin sees England (the London practice is a third, untrained).
    expect((await get('pcn', '/api/evaluation/training')).json<TrainingEvaluationResponse>()).toMatchObject({ area: { code: 'U11111' }, practices: 2, trainedPractices: 2 });
    expect((await get('admin', '/api/evaluation/training?area=ENG')).json<TrainingEvaluationResponse>()).toMatchObject({ practices: 3, trainedPractices: 2 });
    expect((await get('icb', '/api/evaluation/training?area=QMJ')).statusCode).toBe(403);
  });
});
