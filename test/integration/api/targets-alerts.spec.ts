import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServer } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { AlertList, AlertPreferences } from '../../../api/src/contract/alerts.contract';
import type { ProblemDetails } from '../../../api/src/contract/problem.contract';
import type { ApplyingTargetList, TargetItem, TargetProgressList } from '../../../api/src/contract/targets.contract';
import { loadConfig } from '../../../api/src/config/app-config';
import { refreshAnalytics } from '../../../api/src/modules/refresh/analytics-refresh';
import { openTempDir, removeTempDirs, runCli } from '../../support/cli';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { insertTwoIcbHierarchy, startAppWithUsers } from './api-fixture';

/**
 * A population built so that one practice falls below the 99.8% limit in the last month
 * (snapshot as of 2024-06-10: months 2022-06 to 2024-05). Everyone is on the DM register, registered since 2000.
 *
 *   Y63 ── QHM ICB ── 00L ── U11111 ── A81001 (200 patients: plans agreed 2023-05-15)
 *                                  └── A81002 (200 patients: plans agreed 2023-05-15 and 2024-05-15)
 *   Y56 ── QMJ ICB ── 93C ── U22222 ── F83001 (50 patients: plans 2022-06-15 and 2023-06-15; the first activity)
 *
 * Plan coverage (a plan agreed in the 12 months to M): A81001 0% to 2023-04, 100% 2023-05 … 2024-04, 0% in 2024-05;
 * A81002 0% then 100% from 2023-05; QHM 0%, then 100%, then 200/400 = 50% in 2024-05.
 */
async function insertPopulation(database: TestDatabase): Promise<void> {
  await insertTwoIcbHierarchy(database);
  const practices: [string, number, string[]][] = [
    ['A81001', 200, ['2023-05-15']],
    ['A81002', 200, ['2023-05-15', '2024-05-15']],
    ['F83001', 50, ['2022-06-15', '2023-06-15']],
  ];
  for (const [practice, count, plans] of practices) {
    await database.dataSource.query(
      `INSERT INTO patients (pseudonym, birth_date, sex, ethnic_group)
       SELECT $1::text || '-' || i, DATE '1950-06-01', 'F', 'white' FROM generate_series(1, $2::int) i`,
      [practice, count],
    );
    await database.dataSource.query(
      `INSERT INTO registrations (patient_id, practice_code, registered_on) SELECT id, $1::text, DATE '2000-01-01' FROM patients WHERE pseudonym LIKE $1::text || '-%'`,
      [practice],
    );
    await database.dataSource.query(
      `INSERT INTO conditions (patient_id, condition, diagnosed_on) SELECT id, 'DM', DATE '2010-01-01' FROM patients WHERE pseudonym LIKE $1::text || '-%'`,
      [practice],
    );
    for (const agreed of plans) {
      await database.dataSource.query(
        `INSERT INTO care_plans (plan_id, patient_id, practice_code, agreed_on) SELECT pseudonym || '-' || $2::text, id, $1::text, $2::date FROM patients WHERE pseudonym LIKE $1::text || '-%'`,
        [practice, agreed],
      );
    }
  }
}

const USERS = [
  { email: 'admin@test.nhs.uk', name: 'Ada Admin', role: 'admin', areas: [] },
  { email: 'icb@test.nhs.uk', name: 'Ian Commissioner', role: 'commissioner', areas: ['QHM'] },
  { email: 'region@test.nhs.uk', name: 'Rita Network', role: 'network', areas: ['Y63'] },
  { email: 'practice@test.nhs.uk', name: 'Pat Practice', role: 'practice', areas: ['A81001'] },
  { email: 'harbour@test.nhs.uk', name: 'Hal Harbour', role: 'practice', areas: ['A81002'] },
  { email: 'london@test.nhs.uk', name: 'Lee London', role: 'commissioner', areas: ['QMJ'] },
  { email: 'optout@test.nhs.uk', name: 'Olive Optout', role: 'commissioner', areas: ['QHM'] },
  { email: 'gone@test.nhs.uk', name: 'Gus Gone', role: 'commissioner', areas: ['QHM'] },
] as const;

interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

/** Decodes a quoted-printable body (nodemailer wraps long lines with soft breaks). */
function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8').replace(/\r\n/g, '\n');
}

function parseMail(raw: string): { headers: Record<string, string>; body: string } {
  const [head, ...rest] = raw.split('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const at = line.indexOf(':');
    headers[line.slice(0, at).toLowerCase()] = line.slice(at + 1).trim();
  }
  const body = rest.join('\r\n\r\n');
  return { headers, body: headers['content-transfer-encoding'] === 'quoted-printable' ? decodeQuotedPrintable(body) : body.replace(/\r\n/g, '\n') };
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

describe('targets and alerts: API, and the weekly digest sent by `pcsp alerts send-digest` to a local SMTP server', () => {
  jest.setTimeout(180_000);
  let database: TestDatabase;
  let app: NestFastifyApplication;
  const cwd = openTempDir('pcsp-alerts-');
  const cookie: Record<string, string> = {};
  const as = (email: string, method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url, headers: { cookie: cookie[email] }, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    database = await createTestDatabase('pcsp_alerts');
    await insertPopulation(database);
    const config = loadConfig({ DATA_DIR: 'data', LOG_LEVEL: 'silent', LOGIN_RATE_LIMIT: '1000' }, cwd);
    await refreshAnalytics(database.dataSource, config, { pgUrl: database.url, asOf: new Date('2024-06-10') });
    const started = await startAppWithUsers(database, config, USERS);
    app = started.app;
    Object.assign(cookie, started.cookieOf);
    await database.dataSource.query(`UPDATE users SET disabled = true WHERE email = 'gone@test.nhs.uk'`);
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
    removeTempDirs();
  });

  // A81001 in 2024-05: 0/200 against QHM's 200/400. Lower 99.8% limit 0.5 − 3.090232·√(0.25/200)
  // = 0.5 − 0.109256 = 39.07%. Earlier months sat on limits of width 0 (QHM at 0% or 100%, like A81001), never
  // beyond them, so the flag is new. Its XmR chart over 2022-06 … 2024-05 (11 × 0, 12 × 100, 0): mean 50,
  // moving ranges sum 200 over 23 → 8.695652, lower limit 50 − 2.66 × 8.695652 = 26.87; the last 0 is below it
  // (no 2-of-3: one point of the last three; no run: the last run is 1 long).
  // Review completion in 2024-05: the plans of 2023-05-15 fall due 2024-05-15; A81002's were followed by a new plan
  // on the due date (on time), A81001's were not: 0/200 against 200/400, the same limit, and the first month with
  // plans due (no XmR chart from 1 month).
  const expectedAlerts = [
    {
      practice: { code: 'A81001', name: 'The Surgery', level: 'practice' },
      icbCode: 'QHM',
      measure: 'plan_coverage',
      month: '2024-05',
      rate: 0,
      benchmarkRate: 50,
      reasons: ['outside_limit_first_time', 'special_cause_deterioration'],
      spcRules: ['outside_limits'],
    },
    {
      practice: { code: 'A81001', name: 'The Surgery', level: 'practice' },
      icbCode: 'QHM',
      measure: 'review_completion',
      month: '2024-05',
      rate: 0,
      benchmarkRate: 50,
      reasons: ['outside_limit_first_time'],
      spcRules: [],
    },
  ];

  it('lists the alerts of the practices inside the user’s area, and none outside it', async () => {
    const icb = (await as('icb@test.nhs.uk', 'GET', '/api/alerts')).json<AlertList>();
    expect(icb.month).toBe('2024-05');
    expect(icb.alerts).toMatchObject(expectedAlerts);
    expect(icb.alerts[0].limit).toBeCloseTo(39.074380, 5);
    expect((await as('region@test.nhs.uk', 'GET', '/api/alerts?area=U11111')).json<AlertList>().alerts).toHaveLength(2);
    expect((await as('london@test.nhs.uk', 'GET', '/api/alerts')).json<AlertList>().alerts).toEqual([]);
    const outside = await as('london@test.nhs.uk', 'GET', '/api/alerts?area=QHM');
    expect(outside.statusCode).toBe(403);
    expect(outside.json().detail).toBe('area: QHM (North East and North Cumbria ICB) is outside your area');
  });

  it('pages the alerts, most urgent first, with the total; bad paging parameters are named', async () => {
    // Both alerts are The Surgery's: plan coverage has both reasons, so it comes before review completion (first
    // time beyond the limit only). Pages of one: offset 0 → plan coverage, 1 → review completion, 2 → none; total 2.
    const page = async (query: string) => (await as('icb@test.nhs.uk', 'GET', `/api/alerts${query}`)).json<AlertList>();
    const first = await page('');
    expect([first.total, first.limit, first.offset, first.alerts.map((a) => a.measure)]).toEqual([2, 20, 0, ['plan_coverage', 'review_completion']]);
    const one = await page('?limit=1');
    expect([one.total, one.limit, one.offset, one.alerts]).toEqual([2, 1, 0, [first.alerts[0]]]);
    const two = await page('?limit=1&offset=1');
    expect([two.total, two.limit, two.offset, two.alerts]).toEqual([2, 1, 1, [first.alerts[1]]]);
    const past = await page('?area=U11111&limit=5&offset=2');
    expect([past.total, past.limit, past.offset, past.alerts, past.area?.code]).toEqual([2, 5, 2, [], 'U11111']);
    const cases: [string, string][] = [
      ['?limit=0', 'limit must be a whole number from 1 to 500 (got 0)'],
      ['?limit=501', 'limit must be a whole number from 1 to 500 (got 501)'],
      ['?limit=ten', 'limit must be a whole number from 1 to 500 (got "ten")'],
      ['?offset=-1', 'offset must be a whole number ≥ 0 (got "-1")'],
      ['?offset=1.5', 'offset must be a whole number ≥ 0 (got "1.5")'],
      ['?reason=bad', 'reason must be one of outside_limit_first_time, special_cause_deterioration (got "bad")'],
      ['?format=xml', 'format must be json or csv (got "xml")'],
    ];
    for (const [query, detail] of cases) {
      const response = await as('icb@test.nhs.uk', 'GET', `/api/alerts${query}`);
      expect({ query, status: response.statusCode, detail: response.json().detail, type: response.headers['content-type'] }).toEqual({
        query,
        status: 400,
        detail,
        type: 'application/problem+json; charset=utf-8',
      });
    }
  });


  it('keeps the alerts of one measure or with one reason, and downloads every alert kept as CSV', async () => {
    // Of the two (above): review completion's is the only one of that measure; both are newly beyond the limit; only
    // plan coverage's is also deteriorating.
    const page = async (query: string) => (await as('icb@test.nhs.uk', 'GET', `/api/alerts${query}`)).json<AlertList>();
    const measures = async (query: string) => (await page(query)).alerts.map((a) => a.measure);
    expect(await measures('?measure=review_completion')).toEqual(['review_completion']);
    expect((await page('?measure=review_completion&reason=outside_limit_first_time')).measure).toBe('review_completion');
    expect([(await page('')).measure, (await page('')).reason]).toEqual([null, null]);
    expect(await measures('?measure=plan_shared')).toEqual([]);
    expect(await measures('?reason=outside_limit_first_time')).toEqual(['plan_coverage', 'review_completion']);
    expect(await measures('?reason=special_cause_deterioration')).toEqual(['plan_coverage']);
    expect((await page('?measure=plan_coverage&reason=special_cause_deterioration&limit=1')).total).toBe(1);
    // A measure without a better direction never alerts: asking for one is an error naming the measures that can.
    const neither = await as('icb@test.nhs.uk', 'GET', '/api/alerts?measure=ltc_prevalence');
    expect(neither.statusCode).toBe(400);
    const named = /^measure must be one of the measures with a better direction: (.*) \(got "ltc_prevalence"\)$/.exec(neither.json().detail)?.[1];
    expect(named?.split(', ')).toContain('plan_coverage');
    expect(named?.split(', ')).not.toContain('ltc_prevalence');

    // The download holds every alert kept, whatever the page asked (limit 1 here), in the list's order; the limit is
    // 50 − 3.090232·√(0.25/200)·100 = 39.0743800… (see expectedAlerts).
    const csv = await as('icb@test.nhs.uk', 'GET', '/api/alerts?area=QHM&limit=1&format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="alerts-QHM-2024-05.csv"');
    const lines = csv.body.trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('practice_code,practice_name,icb_code,measure,month,rate,benchmark_rate,limit_998,reasons,spc_rules');
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows.map((r) => [...r.slice(0, 7), ...r.slice(8)])).toEqual([
      ['A81001', 'The Surgery', 'QHM', 'plan_coverage', '2024-05', '0', '50', 'outside_limit_first_time;special_cause_deterioration', 'outside_limits'],
      ['A81001', 'The Surgery', 'QHM', 'review_completion', '2024-05', '0', '50', 'outside_limit_first_time', ''],
    ]);
    for (const r of rows) expect(Number(r[7])).toBeCloseTo(39.07438, 5);
    const filtered = await as('icb@test.nhs.uk', 'GET', '/api/alerts?measure=review_completion&format=csv');
    expect(filtered.headers['content-disposition']).toBe('attachment; filename="alerts-all-review_completion-2024-05.csv"');
    expect(filtered.body.trimEnd().split('\r\n').map((l) => l.split(',')[3])).toEqual(['measure', 'review_completion']);
  });
  it('lets each user turn the weekly digest off (on until then; not available without SMTP)', async () => {
    expect((await as('optout@test.nhs.uk', 'GET', '/api/alerts/preferences')).json<AlertPreferences>()).toEqual({ weeklyDigest: true, digestAvailable: false });
    const off = await as('optout@test.nhs.uk', 'PUT', '/api/alerts/preferences', { weeklyDigest: false });
    expect(off.json<AlertPreferences>()).toEqual({ weeklyDigest: false, digestAvailable: false });
    expect((await as('optout@test.nhs.uk', 'GET', '/api/alerts/preferences')).json<AlertPreferences>().weeklyDigest).toBe(false);
    expect((await as('icb@test.nhs.uk', 'GET', '/api/alerts/preferences')).json<AlertPreferences>().weeklyDigest).toBe(true);
    const bad = await as('icb@test.nhs.uk', 'PUT', '/api/alerts/preferences', { weeklyDigest: 'no' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toContain('weeklyDigest must be true or false');
  });

  it('lets only an administrator set a target, checked against the measure and the area', async () => {
    const denied = await as('icb@test.nhs.uk', 'PUT', '/api/targets', { measure: 'plan_coverage', org: 'QHM', targetRate: 95, targetMonth: '2024-08' });
    expect(denied.statusCode).toBe(403);
    // Each refusal is a 400 naming its parameter, with the reason code and what the code carries.
    const refused = async (body: object) => {
      const response = await as('admin@test.nhs.uk', 'PUT', '/api/targets', { measure: 'plan_coverage', org: 'QHM', targetRate: 95, targetMonth: '2024-08', ...body });
      return [response.statusCode, response.json<ProblemDetails>().errors];
    };
    expect(await refused({ targetRate: 120 })).toEqual([
      400,
      [{ parameter: 'targetRate', message: 'targetRate must be a percentage from 0 to 100 for plan_coverage (got 120)', code: 'target_out_of_range', value: '120', limits: { min: 0, max: 100 } }],
    ]);
    expect(await refused({ targetRate: -1 })).toEqual([
      400,
      [{ parameter: 'targetRate', message: 'targetRate must not be negative (got -1)', code: 'target_out_of_range', value: '-1', limits: { min: 0, max: 100 } }],
    ]);
    expect(await refused({ measure: 'ltc_prevalence', targetRate: 20 })).toEqual([
      400,
      [{ parameter: 'measure', message: 'measure: ltc_prevalence has no better direction, so it cannot have a target', code: 'no_better_direction', value: 'ltc_prevalence' }],
    ]);
    expect(await refused({ org: 'A81001' })).toEqual([
      400,
      [
        {
          parameter: 'org',
          message: 'org must be an area (sub-ICB, ICB, region or ENG for England), not a practice',
          code: 'wrong_level',
          value: 'A81001',
          name: 'The Surgery',
          levels: ['sub_icb', 'icb', 'region', 'england'],
        },
      ],
    ]);
    expect(await refused({ targetMonth: '2024-13' })).toEqual([
      400,
      [{ parameter: 'targetMonth', message: 'targetMonth must be a month YYYY-MM from 2000-01 to 2099-12 (got "2024-13")', code: 'not_a_month', value: '2024-13' }],
    ]);
    expect((await database.dataSource.query('SELECT count(*)::int AS n FROM measure_targets'))[0].n).toBe(0);

    const first = await as('admin@test.nhs.uk', 'PUT', '/api/targets', { measure: 'plan_coverage', org: 'QHM', targetRate: 90, targetMonth: '2024-12' });
    expect(first.statusCode).toBe(200);
    // Setting it again replaces it: one target per measure and area.
    const set = (await as('admin@test.nhs.uk', 'PUT', '/api/targets', { measure: 'plan_coverage', org: 'QHM', targetRate: 95, targetMonth: '2024-08' })).json<TargetItem>();
    expect(set).toMatchObject({ id: first.json<TargetItem>().id, measure: 'plan_coverage', org: { code: 'QHM' }, targetRate: 95, targetMonth: '2024-08', setBy: 'admin@test.nhs.uk' });
    expect((await as('icb@test.nhs.uk', 'GET', '/api/targets')).json().targets).toHaveLength(1);
    expect((await as('london@test.nhs.uk', 'GET', '/api/targets')).json().targets).toHaveLength(0);
  });

  it('projects the area’s last 12 months to the target month with a 95% prediction interval and ranks practices and PCNs by gap', async () => {
    const response = await as('icb@test.nhs.uk', 'GET', '/api/targets/progress?org=QHM');
    expect(response.statusCode).toBe(200);
    const { items, month } = response.json<TargetProgressList>();
    expect(month).toBe('2024-05');
    expect(items).toHaveLength(1);
    const item = items[0];
    expect(item.inherited).toBe(false);
    expect(item.trend.map((p) => p.rate)).toEqual([100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 50]);
    // QHM 2023-06 … 2024-05 at x = −11 … 0: y = 100 (11 months) and 50. x̄ = −5.5, ȳ = 1150/12 = 95.833333,
    // Sxx = 12·(12² − 1)/12 = 143, Sxy = Σ(x − x̄)·y = 100·(0 − 5.5) + 50·5.5 = −275 → slope −1.923077,
    // ŷ(0) = 95.833333 − 1.923077·5.5 = 85.256410. Syy = 11·(4.166667)² + 45.833333² = 2291.666667,
    // SSE = Syy − Sxy²/Sxx = 2291.666667 − 528.846154 = 1762.820513, s = √(1762.820513/10) = 13.277125.
    // Target month 2024-08 is x0 = 3: ŷ = 85.256410 − 5.769231 = 79.487179;
    // SE = s·√(1 + 1/12 + 8.5²/143) = 13.277125·1.260388 = 16.734330; t(0.975, 10) = 2.228139;
    // interval 79.487179 ∓ 37.286246 = (42.200934, 116.773425), clamped to 100 at the top. 95 lies inside it: uncertain.
    expect(item.progress?.slopePerMonth).toBeCloseTo(-1.923077, 5);
    expect(item.progress?.projection?.rate).toBeCloseTo(79.487179, 5);
    expect(item.progress?.projection?.low).toBeCloseTo(42.200766, 4);
    expect(item.progress?.projection?.high).toBe(100);
    expect(item.progress).toMatchObject({ latestMonth: '2024-05', latestRate: 50, gap: 45, status: 'uncertain', trendFrom: '2023-06' });
    expect(item.practices.map((r) => [r.org.code, r.rate, r.gap, r.rank])).toEqual([
      ['A81001', 0, 95, 1],
      ['A81002', 100, -5, 2],
    ]);
    expect(item.pcns.map((r) => [r.org.code, r.rate, r.gap, r.rank])).toEqual([['U11111', 50, 45, 1]]);
    // The PCN inherits its ICB's target.
    const pcn = (await as('icb@test.nhs.uk', 'GET', '/api/targets/progress?org=U11111')).json<TargetProgressList>();
    expect(pcn.items[0]).toMatchObject({ inherited: true, target: { org: { code: 'QHM' } }, pcns: [] });
    expect(pcn.items[0].practices.map((r) => r.org.code)).toEqual(['A81001', 'A81002']);
  });

  it('emails each user with alerts in their area exactly once, and no one who turned it off, has no area or no alerts', async () => {
    const received: ReceivedMail[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('latin1'),
          });
          callback();
        });
      },
    });
    const port = await freePort();
    await new Promise<void>((resolve) => smtp.listen(port, '127.0.0.1', resolve));
    try {
      const env = { DATABASE_URL: database.url, DATA_DIR: 'data', LOG_LEVEL: 'silent', SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port), SMTP_FROM: 'PCSP Insights <insights@test.nhs.uk>' };
      const run = await runCli(['alerts', 'send-digest'], { cwd, env });
      expect(run.stderr.split('\n').filter(Boolean)).toEqual([
        'Sent icb@test.nhs.uk 2 alerts.',
        'Sent region@test.nhs.uk 2 alerts.',
        'Sent practice@test.nhs.uk 2 alerts.',
        'Skipped admin@test.nhs.uk: no area.',
        'Skipped harbour@test.nhs.uk: no alerts.',
        'Skipped london@test.nhs.uk: no alerts.',
        'Skipped optout@test.nhs.uk: turned off.',
        'Digest for 2024-05: 3 sent, 4 skipped, 0 failed.',
      ]);
      expect(received.map((m) => m.to)).toEqual([['icb@test.nhs.uk'], ['region@test.nhs.uk'], ['practice@test.nhs.uk']]);
      expect(received.every((m) => m.from === 'insights@test.nhs.uk')).toBe(true);
      const mail = parseMail(received[0].raw);
      expect(mail.headers.subject).toBe('PCSP Insights: 2 alerts for 1 practice, May 2024');
      expect(mail.headers.to).toBe('icb@test.nhs.uk');
      expect(mail.headers.from).toBe('PCSP Insights <insights@test.nhs.uk>');
      expect(mail.body).toBe(
        [
          'Dear Ian Commissioner,',
          '',
          'This practice in your area needs attention in May 2024:',
          '',
          'The Surgery (A81001)',
          "  - Care plan coverage 0.0%: worse than the 99.8% limit (39.1%) around the ICB's 50.0% for the first time in 12 months; and special-cause deterioration: a month outside the process limits.",
          "  - Reviews completed on time 0.0%: worse than the 99.8% limit (39.1%) around the ICB's 50.0% for the first time in 12 months.",
          '',
          'You get this email each week while practices in your area have alerts. To stop it, untick',
          '"Email me the weekly alerts" on the overview page of PCSP Insights.',
          '',
        ].join('\n'),
      );
      expect(parseMail(received[2].raw).body.startsWith('Dear Pat Practice,\n')).toBe(true);
    } finally {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });

  it('prints the emails with --dry-run, and refuses to send without an SMTP server', async () => {
    const dry = await runCli(['alerts', 'send-digest', '--dry-run'], { cwd, env: { DATABASE_URL: database.url, DATA_DIR: 'data', LOG_LEVEL: 'silent' } });
    expect(dry.stdout.startsWith('To: icb@test.nhs.uk\nSubject: PCSP Insights: 2 alerts for 1 practice, May 2024\n\nDear Ian Commissioner,\n')).toBe(true);
    expect(dry.stderr).toContain('Dry run: 3 emails composed, none sent.');
    await expect(runCli(['alerts', 'send-digest'], { cwd, env: { DATABASE_URL: database.url, DATA_DIR: 'data', LOG_LEVEL: 'silent' } })).rejects.toMatchObject({
      stderr: 'pcsp: SMTP_HOST is not set: configure SMTP_HOST and SMTP_FROM to send the alerts digest\n',
    });
  });

  it('records each target set and deleted in the audit log, and nothing for a change refused', async () => {
    const audited = async () =>
      (await database.dataSource.query(`SELECT action, email, target FROM audit_log WHERE action IN ('target_set', 'target_deleted') ORDER BY id`)) as {
        action: string;
        email: string;
        target: string;
      }[];
    // The earlier test set QHM's target twice (90 by 2024-12, then 95 by 2024-08); its refused attempts left no entry.
    expect(await audited()).toEqual([
      { action: 'target_set', email: 'admin@test.nhs.uk', target: 'plan_coverage QHM 90 by 2024-12' },
      { action: 'target_set', email: 'admin@test.nhs.uk', target: 'plan_coverage QHM 95 by 2024-08' },
    ]);
    const national = (await as('admin@test.nhs.uk', 'PUT', '/api/targets', { measure: 'plan_coverage', org: 'ENG', targetRate: 95, targetMonth: '2027-03' })).json<TargetItem>();
    expect((await as('icb@test.nhs.uk', 'DELETE', `/api/targets/${national.id}`)).statusCode).toBe(403);
    expect((await as('admin@test.nhs.uk', 'DELETE', `/api/targets/${national.id}`)).statusCode).toBe(204);
    const again = await as('admin@test.nhs.uk', 'DELETE', `/api/targets/${national.id}`);
    expect(again.statusCode).toBe(404);
    const detail = `id: there is no target "${national.id}"`;
    expect(again.json<ProblemDetails>()).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail,
      instance: `/api/targets/${national.id}`,
      errors: [{ parameter: 'id', message: detail, code: 'unknown_target', value: national.id }],
    });
    expect((await audited()).slice(2)).toEqual([
      { action: 'target_set', email: 'admin@test.nhs.uk', target: 'plan_coverage ENG 95 by 2027-03' },
      { action: 'target_deleted', email: 'admin@test.nhs.uk', target: 'plan_coverage ENG 95 by 2027-03' },
    ]);
    // The administrator reads them back through the audit API, filtered by action.
    const page = (await as('admin@test.nhs.uk', 'GET', '/api/audit?action=target_deleted')).json<{ total: number; entries: { target: string }[] }>();
    expect(page.total).toBe(1);
    expect(page.entries[0].target).toBe('plan_coverage ENG 95 by 2027-03');
  });

  it('keeps no change whose audit entry cannot be written: the change and its entry are one transaction', async () => {
    // A constraint the audit log's entries for these two changes break, as a failing write would.
    const refused = ['plan_coverage Y63 50 by 2027-01', 'unaudited@test.nhs.uk'];
    await database.dataSource.query(`ALTER TABLE audit_log ADD CONSTRAINT audit_log_test_refusal CHECK (target IS NULL OR target NOT IN ('${refused.join("', '")}'))`);
    try {
      const target = await as('admin@test.nhs.uk', 'PUT', '/api/targets', { measure: 'plan_coverage', org: 'Y63', targetRate: 50, targetMonth: '2027-01' });
      expect(target.statusCode).toBe(500);
      expect(await database.dataSource.query(`SELECT count(*)::int AS n FROM measure_targets WHERE org_code = 'Y63'`)).toEqual([{ n: 0 }]);
      const user = await as('admin@test.nhs.uk', 'POST', '/api/users', { email: 'unaudited@test.nhs.uk', name: 'Unaudited', password: 'twelve chars ok', role: 'admin', areas: [] });
      expect(user.statusCode).toBe(500);
      expect(await database.dataSource.query(`SELECT count(*)::int AS n FROM users WHERE email = 'unaudited@test.nhs.uk'`)).toEqual([{ n: 0 }]);
    } finally {
      await database.dataSource.query('ALTER TABLE audit_log DROP CONSTRAINT audit_log_test_refusal');
    }
  });

  // Last, so that the targets it sets leave the audit log above as it was.
  it('gives the SPC view the target that applies to an organisation: its own, else the nearest area’s above it, naming that area', async () => {
    const applying = async (email: string, query: string) => {
      const response = await as(email, 'GET', `/api/targets/applying?${query}`);
      expect(response.statusCode).toBe(200);
      const list = response.json<ApplyingTargetList>();
      return [list.org.code, list.targets.map((t) => [t.target.measure, t.target.org, t.target.targetRate, t.target.targetMonth, t.inherited])];
    };
    const QHM = { code: 'QHM', name: 'North East and North Cumbria ICB', level: 'icb' };
    // Stored now: QHM plan_coverage 95 by 2024-08 (set above; England's was deleted). Nothing lies above Camden
    // Health Centre (F83001 → U22222 → 93C → QMJ → Y56 → ENG): no target, so the chart has no assurance icon.
    expect(await applying('london@test.nhs.uk', 'org=F83001')).toEqual(['F83001', []]);
    // Harbour (A81002 → U11111 → 00L → QHM) has none of its own: its ICB's applies, and says so.
    expect(await applying('harbour@test.nhs.uk', 'org=A81002')).toEqual(['A81002', [['plan_coverage', QHM, 95, '2024-08', true]]]);

    // The API sets targets for areas only; a practice's own target (a row stored for it) still comes before its ICB's.
    await database.dataSource.query(
      `INSERT INTO measure_targets (id, measure, org_code, target_rate, target_month, set_by) VALUES (gen_random_uuid(), 'plan_coverage', 'A81001', 80, '2024-12', 'admin@test.nhs.uk')`,
    );
    const put = async (body: object) => expect((await as('admin@test.nhs.uk', 'PUT', '/api/targets', body)).statusCode).toBe(200);
    await put({ measure: 'plan_coverage', org: 'Y56', targetRate: 70, targetMonth: '2025-03' });
    await put({ measure: 'review_completion', org: 'ENG', targetRate: 85, targetMonth: '2025-06' });
    const ENGLAND = { code: 'ENG', name: 'England', level: 'england' };
    // The Surgery: its own plan coverage target (not QHM's 95); review completion only England has, 3 levels up.
    expect(await applying('practice@test.nhs.uk', 'org=A81001')).toEqual([
      'A81001',
      [
        ['plan_coverage', { code: 'A81001', name: 'The Surgery', level: 'practice' }, 80, '2024-12', false],
        ['review_completion', ENGLAND, 85, '2025-06', true],
      ],
    ]);
    // Harbour still takes QHM's (its neighbour's target is not above it; nor is London's region's).
    expect(await applying('icb@test.nhs.uk', 'org=A81002&measure=plan_coverage')).toEqual(['A81002', [['plan_coverage', QHM, 95, '2024-08', true]]]);
    // Camden: neither a target of its own nor an ICB's, so its region's, and England's for review completion.
    expect(await applying('london@test.nhs.uk', 'org=F83001')).toEqual([
      'F83001',
      [
        ['plan_coverage', { code: 'Y56', name: 'London', level: 'region' }, 70, '2025-03', true],
        ['review_completion', ENGLAND, 85, '2025-06', true],
      ],
    ]);
    // An area's own target is not inherited; activation has no target anywhere.
    expect(await applying('region@test.nhs.uk', 'org=QHM&measure=plan_coverage')).toEqual(['QHM', [['plan_coverage', QHM, 95, '2024-08', false]]]);
    expect(await applying('region@test.nhs.uk', 'org=QHM&measure=activation')).toEqual(['QHM', []]);

    // The progress view judges The Surgery against the same target; the list still shows targets only where set.
    const progress = (await as('practice@test.nhs.uk', 'GET', '/api/targets/progress?org=A81001&measure=plan_coverage')).json<TargetProgressList>();
    expect(progress.items.map((i) => [i.target.org.code, i.target.targetRate, i.inherited])).toEqual([['A81001', 80, false]]);
    expect((await as('harbour@test.nhs.uk', 'GET', '/api/targets?org=A81002')).json().targets).toEqual([]);

    const outside = await as('london@test.nhs.uk', 'GET', '/api/targets/applying?org=A81001');
    expect([outside.statusCode, outside.json().detail]).toEqual([403, 'org: A81001 (The Surgery) is outside your area']);
    const bad = await as('icb@test.nhs.uk', 'GET', '/api/targets/applying?org=QHM&measure=nope');
    expect([bad.statusCode, bad.json().detail]).toEqual([400, 'measure must be a measure id (GET /api/measures lists them) (got "nope")']);
    for (const path of ['applying', 'progress']) {
      const neither = await as('icb@test.nhs.uk', 'GET', `/api/targets/${path}?org=QHM&measure=ltc_prevalence`);
      expect([neither.statusCode, neither.json().detail]).toEqual([400, 'measure: ltc_prevalence has no better direction, so it cannot have a target']);
    }
  });
});
