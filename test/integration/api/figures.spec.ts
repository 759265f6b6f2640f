import { createApiWorld, type ApiWorld, type UserKey } from './api-fixture';

// z = 1.959964; Wilson interval of 6/10 worked as in analytics/src/stats/wilson-interval.ts:
// spread = z·√(z² + 4·6·(1 − 0.6)) = 1.959964·√(3.841459 + 9.6) = 1.959964·3.666260 = 7.185734; scale = 2(10 + z²) = 27.682918
// low = (12 + 3.841459 − 7.185734)/27.682918 = 0.312674, high = (12 + 3.841459 + 7.185734)/27.682918 = 0.831820.
const WILSON_6_OF_10 = { low: 31.2674, high: 83.182 };

describe('API figures from a real snapshot', () => {
  jest.setTimeout(120_000);
  let world: ApiWorld;

  beforeAll(async () => {
    world = await createApiWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  it('serves the measure registry', async () => {
    const response = await world.get('/api/measures', 'practice');
    expect(response.statusCode).toBe(200);
    const { measures } = response.json() as { measures: { id: string; unit: string }[] };
    expect(measures).toHaveLength(14);
    expect(measures[2]).toMatchObject({ id: 'plan_coverage', unit: '%', direction: 'higher_is_better' });
  });

  it('gives a practice its series with the ICB and England beside it', async () => {
    const response = await world.get('/api/measures/plan_coverage/series?org=A81001&from=2023-05&to=2024-05', 'practice');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ measure: 'plan_coverage', org: { code: 'A81001', level: 'practice' }, parent: { code: 'QHM' }, from: '2023-05', to: '2024-05', breakdown: null });
    expect(body.lines).toHaveLength(1);
    const points = body.lines[0].points as { month: string; numerator: number; denominator: number; rate: number; ciLow: number; ciHigh: number; parentRate: number; englandRate: number }[];
    expect(points.map((p) => p.month)).toEqual(['2023-05', '2023-06', '2023-07', '2023-08', '2023-09', '2023-10', '2023-11', '2023-12', '2024-01', '2024-02', '2024-03', '2024-04', '2024-05']);
    // 2023-05: patients 1–2 had plans agreed 2023-01-10 → 2/10; 2024-05: patients 1–6 (2024-03-15) → 6/10.
    expect(points[0]).toMatchObject({ numerator: 2, denominator: 10, rate: 20, suppressed: false });
    const last = points[12];
    expect(last).toMatchObject({ numerator: 6, denominator: 10, rate: 60, suppressed: false });
    expect(last.ciLow).toBeCloseTo(WILSON_6_OF_10.low, 3);
    expect(last.ciHigh).toBeCloseTo(WILSON_6_OF_10.high, 3);
    // QHM = A81001 + A81002 = 7/14; England = 7 + 5 of 19.
    expect(last.parentRate).toBeCloseTo(50, 10);
    expect(last.englandRate).toBeCloseTo((100 * 12) / 19, 10);
  });

  it('applies disclosure control to breakdowns: counts 1–7 suppressed, others rounded to 5, never shown as 0', async () => {
    const response = await world.get('/api/measures/plan_coverage/series?org=A81001&from=2024-05&to=2024-05&breakdown=sex', 'practice');
    expect(response.statusCode).toBe(200);
    const lines = response.json().lines as { breakdown: string; points: object[] }[];
    expect(lines.map((l) => l.breakdown)).toEqual(['', 'sex=F', 'sex=M']);
    // F: 6 of 8 → 6 is suppressed, 8 rounds to 10, so the rate is suppressed.
    expect(lines[1].points[0]).toMatchObject({ numerator: null, denominator: 10, rate: null, ciLow: null, suppressed: true });
    // M: 0 of 2 → 0 stays 0, 2 is suppressed.
    expect(lines[2].points[0]).toMatchObject({ numerator: 0, denominator: null, rate: null, suppressed: true });
    // The whole practice is shown unrounded.
    expect(lines[0].points[0]).toMatchObject({ numerator: 6, denominator: 10, rate: 60, suppressed: false });
  });

  it('compares the practices of the user’s area with funnel limits, flags, ranks and change', async () => {
    const icb = await world.get('/api/measures/plan_coverage/compare?month=2024-05&level=practice&change=12m', 'icb');
    expect(icb.statusCode).toBe(200);
    const body = icb.json();
    expect(body).toMatchObject({ measure: 'plan_coverage', month: '2024-05', level: 'practice', within: null, total: 2, change: '12m', sort: 'rank' });
    // A81001 6/10 = 60% ranks above A81002 1/4 = 25%; changes from 2023-05: 60 − 20 = 40 and 25 − 0 = 25.
    expect(body.rows.map((r: { code: string; rank: number; rate: number; change: { difference: number } }) => [r.code, r.rank, r.rate, r.change.difference])).toEqual([
      ['A81001', 1, 60, 40],
      ['A81002', 2, 25, 25],
    ]);
    expect(body.rows[0].flag).toBe('similar');
    expect(body.rows[0].limits.low998).toBeLessThan(body.rows[0].limits.low95);
    // A rate per 1,000 has its change's interval too (Poisson): no admissions in either year, so 0 with nothing either side.
    const admissions = (await world.get('/api/measures/emergency_admissions/compare?month=2024-05&level=practice&change=12m', 'icb')).json();
    expect(admissions.rows.map((r: { code: string; change: object }) => [r.code, r.change])).toEqual([
      // Equal ranks, then by name: Harbour Medical Practice, The Surgery.
      ['A81002', { period: '12m', fromFirstMonth: '2023-05', fromMonth: '2023-05', toFirstMonth: '2024-05', toMonth: '2024-05', previousRate: 0, currentRate: 0, difference: 0, low: 0, high: 0, significance: 'similar' }],
      ['A81001', { period: '12m', fromFirstMonth: '2023-05', fromMonth: '2023-05', toFirstMonth: '2024-05', toMonth: '2024-05', previousRate: 0, currentRate: 0, difference: 0, low: 0, high: 0, significance: 'similar' }],
    ]);
    // year-on-year at 2024-03: 2024-01 to 2024-03 against 2023-01 to 2023-03, each period's cells summed. A plan is
    // current for 12 months: A81001's of 2023-01-10 (patients 1–2) count from 2023-01 to 2023-12, its 2024-03-15 ones
    // (patients 1–6) from 2024-03. A81001: now 0/10 + 0/10 + 6/10 = 6/30 = 20% (the month alone 60%), then 2/10 × 3 =
    // 6/30 = 20%, change 0; A81002: now 0/4 + 0/4 + 1/4 = 1/12 = 8.333% (the month 25%), then 0/12, +8.333.
    // Newcombe (z = 1.959964, z² = 3.841459, as in figures.spec.ts): Wilson of 6/30: spread = z·√(3.841459 + 4·6·0.8) =
    // z·4.800152 = 9.408125, scale = 2(30 + z²) = 67.682918, (12 + 3.841459 ∓ 9.408125)/67.682918 = 0.095051, 0.373057;
    // both periods alike, so ±√(0.104949² + 0.173057²) = ±0.202393: −20.2393 to +20.2393, similar.
    // Wilson of 1/12: spread = z·√(3.841459 + 4·(11/12)) = 5.370489, scale 31.682918, (2 + 3.841459 ∓ 5.370489)/31.682918 =
    // 0.014865, 0.353880; of 0/12: 0 to (3.841459 + 3.841459)/31.682918 = 0.242494. low = 0.083333 − √(0.068468² +
    // 0.242494²) = 0.083333 − 0.251975 = −16.8641, high = 0.083333 + √(0.270547² + 0²) = 35.3880: similar.
    const pooled = (await world.get('/api/measures/plan_coverage/compare?month=2024-03&level=practice&change=year-on-year&sort=code', 'icb')).json();
    type Row = { code: string; rate: number; change: { currentRate: number; difference: number; low: number; high: number } };
    expect(pooled.rows.map((r: Row) => [r.code, r.rate])).toEqual([
      ['A81001', 60],
      ['A81002', 25],
    ]);
    const months = { period: 'year-on-year', fromFirstMonth: '2023-01', fromMonth: '2023-03', toFirstMonth: '2024-01', toMonth: '2024-03', significance: 'similar' };
    expect(pooled.rows[0].change).toMatchObject({ ...months, previousRate: 20, currentRate: 20, difference: 0 });
    expect(pooled.rows[0].change.low).toBeCloseTo(-20.2393, 3);
    expect(pooled.rows[0].change.high).toBeCloseTo(20.2393, 3);
    expect(pooled.rows[1].change).toMatchObject({ ...months, previousRate: 0 });
    expect(pooled.rows[1].change.currentRate).toBeCloseTo(100 / 12, 10);
    expect(pooled.rows[1].change.difference).toBeCloseTo(100 / 12, 10);
    expect(pooled.rows[1].change.low).toBeCloseTo(-16.8641, 3);
    expect(pooled.rows[1].change.high).toBeCloseTo(35.388, 3);

    const admin = await world.get('/api/measures/plan_coverage/compare?month=2024-05&sort=name&limit=2&offset=1', 'admin');
    const all = admin.json();
    expect(all.total).toBe(3);
    // By name: Camden Health Centre, Harbour Medical Practice, The Surgery; offset 1, limit 2.
    expect(all.rows.map((r: { code: string; rank: number }) => [r.code, r.rank])).toEqual([
      ['A81002', 3],
      ['A81001', 2],
    ]);
  });

  it('keeps answers per user scope as well as URL: the same URL never serves one area’s figures to another', async () => {
    // The ICB user sees A81001 and A81002 of QHM; the admin all three practices, whoever asked first.
    const url = '/api/measures/plan_coverage/compare?month=2024-05&level=practice&sort=code';
    const codes = (body: { rows: { code: string }[] }) => body.rows.map((r) => r.code);
    const icb = await world.get(url, 'icb');
    const admin = await world.get(url, 'admin');
    const again = await world.get(url, 'icb');
    expect([icb.statusCode, admin.statusCode, again.statusCode]).toEqual([200, 200, 200]);
    expect(codes(icb.json())).toEqual(['A81001', 'A81002']);
    expect(codes(admin.json())).toEqual(['A81001', 'A81002', 'F83001']);
    expect(again.body).toBe(icb.body);
    expect(again.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(again.headers.etag).toBe(icb.headers.etag);
  });

  it('gives every role England’s deciles by default, and an area of theirs only when asked for it', async () => {
    type Deciles = { within: { code: string; name: string; level: string }; months: { month: string; deciles: number[]; practices: number; orgRate: number | null }[] };
    const get = async (url: string, who: UserKey) => {
      const response = await world.get(url, who);
      expect({ url, who, status: response.statusCode }).toEqual({ url, who, status: 200 });
      return response.json() as Deciles;
    };
    // To 9 decimals: quantile_cont's interpolation leaves the last bit of a double to chance.
    const rounded = (body: Deciles) => body.months.map((m) => [m.month, m.deciles.map((d) => Number(d.toFixed(9))), m.practices, m.orgRate]);
    const url = '/api/measures/plan_coverage/deciles?from=2024-05&to=2024-05';
    const england = { code: 'ENG', name: 'England', level: 'england' };
    // England, 2024-05: A81002 1/4 = 25, A81001 6/10 = 60, F83001 5/5 = 100. Order statistics x1 = 25, x2 = 60, x3 = 100;
    // the p-th percentile lies at h = (3 − 1)·p = 2p: p10 h = 0.2 → 25 + 0.2·35 = 32, p20 39, p30 46, p40 53, p50 h = 1 → 60,
    // p60 h = 1.2 → 60 + 0.2·40 = 68, p70 76, p80 84, p90 92.
    const ENGLAND_2024_05 = ['2024-05', [32, 39, 46, 53, 60, 68, 76, 84, 92], 3, null];
    const admin = await get(url, 'admin');
    expect(admin.within).toEqual(england);
    expect(rounded(admin)).toEqual([ENGLAND_2024_05]);
    // The QHM commissioner, the Y63 network manager and A81001's practice lead see only QHM's two practices, yet get
    // the same deciles of all three, F83001 (London) included, and the same answer as the admin's.
    for (const who of ['icb', 'region', 'practice'] as const) {
      const body = await get(url, who);
      expect({ who, body }).toEqual({ who, body: admin });
    }
    // within=ENG is the default said outright: the same deciles, for a commissioner too.
    expect(await get(`${url}&within=ENG`, 'icb')).toEqual(admin);
    // With the organisation's line: A81002's 25.
    const withOrg = await get(`${url}&org=A81002`, 'icb');
    expect(rounded(withOrg)).toEqual([['2024-05', [32, 39, 46, 53, 60, 68, 76, 84, 92], 3, 25]]);

    // QHM only: 25, 60 at h = (2 − 1)·p = p: p10 = 25 + 0.1·35 = 28.5, then + 3.5 a decile: … p50 42.5 … p90 56.5.
    const QHM_2024_05 = ['2024-05', [28.5, 32, 35.5, 39, 42.5, 46, 49.5, 53, 56.5], 2, null];
    for (const who of ['icb', 'region', 'practice', 'admin'] as const) {
      const qhm = await get(`${url}&within=QHM`, who);
      expect({ who, within: qhm.within, months: rounded(qhm) }).toEqual({ who, within: { code: 'QHM', name: 'North East and North Cumbria ICB', level: 'icb' }, months: [QHM_2024_05] });
    }
    // Another ICB is outside their area: refused, as for every figure.
    for (const who of ['icb', 'region', 'practice'] as const) {
      const other = await world.get(`${url}&within=QMJ`, who);
      expect({ who, status: other.statusCode, detail: other.json().detail }).toEqual({ who, status: 403, detail: 'within: QMJ (North Central London ICB) is outside your area' });
    }

    // A count measure (overdue_reviews) has no precomputed deciles: England's are worked out over all 3 practices. Each
    // plan is due 12 months after it was agreed: those of 2024-03-15 after 2024-05, and A81001's of 2023-01-10 (due
    // 2024-01-10) have a later plan (2024-03-15), so every practice counts 0.
    const overdue = await get('/api/measures/overdue_reviews/deciles?from=2024-05&to=2024-05', 'icb');
    expect([overdue.within, rounded(overdue)]).toEqual([england, [['2024-05', [0, 0, 0, 0, 0, 0, 0, 0, 0], 3, null]]]);

    // Deciles of one practice would be its own rate ten times over.
    const one = await world.get('/api/measures/plan_coverage/deciles?within=A81001', 'admin');
    expect([one.statusCode, one.json().detail]).toEqual([400, 'within must be an area or a group of practices to spread deciles over, not a practice (A81001)']);
  });

  it('gives the report card: every measure, change over 12 months and position among the ICB’s practices', async () => {
    const response = await world.get('/api/orgs/A81001/summary?month=2024-05', 'practice');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.cards).toHaveLength(14);
    const card = body.cards.find((c: { measure: string }) => c.measure === 'plan_coverage');
    expect(card).toMatchObject({ numerator: 6, denominator: 10, rate: 60, parentRate: 50, peers: { within: { code: 'QHM' }, rank: 1, of: 2, percentile: 100 } });
    expect(card.change).toMatchObject({ period: '12m', fromFirstMonth: '2023-05', fromMonth: '2023-05', toFirstMonth: '2024-05', toMonth: '2024-05', previousRate: 20, currentRate: 60 });
    expect(card.change.difference).toBeCloseTo(40, 10);
  });

  it('ranks no organisation by a count (overdue reviews): compare lists it by count, most first, and report cards say not ranked', async () => {
    // At 2024-02 (M = 2024-02-29) A81001's plans of 2023-01-10 (patients 1–2) fell due 2024-01-10 with no review and no
    // later plan yet (2024-03-15 is after M): 2 overdue. A81002's only plan is of 2024-03-15: 0. A count mostly follows
    // list size, so neither is ranked; ranked by count (lower is better) A81002 had been 1st and A81001 2nd of 2.
    const compare = await world.get('/api/measures/overdue_reviews/compare?month=2024-02', 'icb');
    expect(compare.statusCode).toBe(200);
    const rows = compare.json().rows as { code: string; numerator: number; rank: number | null; flag: string | null }[];
    expect(rows.map((r) => [r.code, r.numerator, r.rank, r.flag])).toEqual([
      ['A81001', 2, null, null],
      ['A81002', 0, null, null],
    ]);
    // With a change (2023-02: A81001's plans not yet due, so 0 → 2, and 0 → 0) still no rank, still most first.
    const changed = (await world.get('/api/measures/overdue_reviews/compare?month=2024-02&change=12m', 'icb')).json();
    expect(changed.rows.map((r: { code: string; rank: number | null; change: { difference: number } }) => [r.code, r.rank, r.change.difference])).toEqual([
      ['A81001', null, 2],
      ['A81002', null, 0],
    ]);
    // year-on-year at 2024-02: 2023-12 to 2024-02 against 2022-12 to 2023-02, which begins before the snapshot's first
    // month (2023-01): summed over the two months it has, it would be short of one; so no change for either practice.
    const early = (await world.get('/api/measures/overdue_reviews/compare?month=2024-02&change=year-on-year', 'icb')).json();
    const none = { period: 'year-on-year', fromFirstMonth: '2022-12', fromMonth: '2023-02', toFirstMonth: '2023-12', toMonth: '2024-02', previousRate: null, currentRate: null, difference: null, low: null, high: null, significance: null };
    expect(early.rows.map((r: { code: string; change: unknown }) => [r.code, r.change])).toEqual([
      ['A81001', none],
      ['A81002', none],
    ]);
    // year-on-year at 2024-03: 2024-01 to 2024-03 against 2023-01 to 2023-03, a count as its average a month. A81001's 2
    // plans due 2024-01-10 are overdue at the ends of January and February (their later plans of 2024-03-15 are on or
    // before M of March): 2 + 2 + 0 = 4, 4/3 = 1.333 a month, against 0 (no plan was due before 2024): +1.333 a month,
    // where the 3 months summed would give +4. A81002: 0 and 0.
    const yearly = (await world.get('/api/measures/overdue_reviews/compare?month=2024-03&change=year-on-year', 'icb')).json();
    const counts = { period: 'year-on-year', fromFirstMonth: '2023-01', fromMonth: '2023-03', toFirstMonth: '2024-01', toMonth: '2024-03', low: null, high: null, significance: null };
    const changeOfRow = (code: string) => yearly.rows.find((r: { code: string }) => r.code === code).change;
    expect(changeOfRow('A81001')).toMatchObject({ ...counts, previousRate: 0 });
    expect(changeOfRow('A81001').currentRate).toBeCloseTo(4 / 3, 10);
    expect(changeOfRow('A81001').difference).toBeCloseTo(4 / 3, 10);
    expect(changeOfRow('A81002')).toEqual({ ...counts, previousRate: 0, currentRate: 0, difference: 0 });
    // Its CSV names both periods beside their figures (change_earlier_months to change_ci_high; no interval for a count).
    const yearlyCsv = (await world.get('/api/measures/overdue_reviews/compare?month=2024-03&change=year-on-year&format=csv', 'icb')).body.trim().split('\r\n');
    const changeColumns = (line: string) => line.split(',').slice(14, 21);
    expect(changeColumns(yearlyCsv[0])).toEqual(['change_earlier_months', 'change_earlier', 'change_later_months', 'change_later', 'change', 'change_ci_low', 'change_ci_high']);
    expect(yearlyCsv.slice(1).map(changeColumns).sort()).toEqual([
      ['2023-01 to 2023-03', '0', '2024-01 to 2024-03', '0', '0', '', ''],
      ['2023-01 to 2023-03', '0', '2024-01 to 2024-03', String(4 / 3), String(4 / 3), '', ''],
    ]);
    // The CSV's rank is empty for both (columns code, numerator, denominator, rate, flag, rank).
    const csv = (await world.get('/api/measures/overdue_reviews/compare?month=2024-02&format=csv', 'icb')).body.trim().split('\r\n');
    expect(csv.slice(1).map((l) => l.split(',')).map((c) => [c[2], c[5], c[6], c[7], c[12], c[13]])).toEqual([
      ['A81001', '2', '', '', '', ''],
      ['A81002', '0', '', '', '', ''],
    ]);

    // Report cards: a practice among QHM's practices, and Blyth PCN among QHM's PCNs (itself alone), are not ranked by
    // the count (rank and percentile null, of 0). Plan coverage still is: at 2024-02 (window 2023-03 to 2024-02) no plan
    // is current, so A81001 0/10 and A81002 0/4 tie at 0%: both 1st of 2, percentile 100; Blyth 1st of 1, 100.
    type Card = { measure: string; numerator: number; peers: { within: { code: string }; rank: number | null; of: number; percentile: number | null } };
    const peersOf = async (code: string, who: UserKey) => {
      const response = await world.get(`/api/orgs/${code}/summary?month=2024-02`, who);
      expect({ code, status: response.statusCode }).toEqual({ code, status: 200 });
      const cards = response.json().cards as Card[];
      return ['overdue_reviews', 'plan_coverage'].map((id) => {
        const card = cards.find((c) => c.measure === id)!;
        return [id, card.numerator, card.peers.within.code, card.peers.rank, card.peers.of, card.peers.percentile];
      });
    };
    expect(await peersOf('A81001', 'practice')).toEqual([
      ['overdue_reviews', 2, 'QHM', null, 0, null],
      ['plan_coverage', 0, 'QHM', 1, 2, 100],
    ]);
    expect(await peersOf('A81002', 'icb')).toEqual([
      ['overdue_reviews', 0, 'QHM', null, 0, null],
      ['plan_coverage', 0, 'QHM', 1, 2, 100],
    ]);
    expect(await peersOf('U11111', 'icb')).toEqual([
      ['overdue_reviews', 2, 'QHM', null, 0, null],
      ['plan_coverage', 0, 'QHM', 1, 1, 100],
    ]);
    const summaryCsv = (await world.get('/api/orgs/A81001/summary?month=2024-02&format=csv', 'practice')).body.trim().split('\r\n');
    // Columns org, month, measure, …, rank, of: no rank, of 0.
    expect(summaryCsv.find((l) => l.split(',')[2] === 'overdue_reviews')!.split(',').slice(11, 13)).toEqual(['', '0']);
  });

  it('revalidates with ETags: private, no-cache, varying by cookie and authorisation', async () => {
    const first = await world.get('/api/measures/plan_coverage/compare?month=2024-05', 'icb');
    expect(first.headers['cache-control']).toBe('private, no-cache');
    expect(first.headers.vary).toBe('Cookie, Authorization');
    const tag = String(first.headers.etag);
    expect(tag).toMatch(/^W\/"[A-Za-z0-9_-]{27}"$/);
    const again = await world.get('/api/measures/plan_coverage/compare?month=2024-05', 'icb', { 'if-none-match': tag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    // The same URL for another scope is another answer, so another tag.
    const admin = await world.get('/api/measures/plan_coverage/compare?month=2024-05', 'admin', { 'if-none-match': tag });
    expect(admin.statusCode).toBe(200);
  });

  it('exports CSV with ?format=csv and records the export in the audit log', async () => {
    const response = await world.get('/api/measures/plan_coverage/compare?month=2024-05&format=csv', 'icb');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="plan_coverage-practice-2024-05-compare.csv"');
    const lines = response.body.trim().split('\r\n');
    expect(lines[0]).toBe(
      'measure,month,code,name,level,numerator,denominator,rate,ci_low,ci_high,low_998,high_998,flag,rank,change_earlier_months,change_earlier,change_later_months,change_later,change,change_ci_low,change_ci_high,provisional',
    );
    expect(lines.slice(1).map((l) => l.split(',').slice(2, 8).join(','))).toEqual(['A81001,The Surgery,practice,6,10,60', 'A81002,Harbour Medical Practice,practice,1,4,25']);
    const audit = (await world.get('/api/audit?action=export', 'admin')).json();
    expect(audit.entries[0]).toMatchObject({ action: 'export', email: 'icb@test.nhs.uk', target: '/api/measures/plan_coverage/compare?month=2024-05&format=csv' });
  });
});

describe('scoping: every endpoint, every role (403 outside the area, whatever the URL)', () => {
  jest.setTimeout(120_000);
  let world: ApiWorld;
  beforeAll(async () => {
    world = await createApiWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  const endpoints = (org: string): string[] => [
    `/api/orgs/${org}`,
    `/api/orgs/${org}/summary`,
    `/api/measures/plan_coverage/series?org=${org}`,
    `/api/measures/plan_coverage/compare?within=${org}`,
    `/api/measures/plan_coverage/deciles?within=${org}`,
    `/api/measures/plan_coverage/deciles?org=${org}`,
  ];
  // Who may see what: admin everything; QHM commissioner the QHM tree; Y63 network the Y63 tree;
  // practice A81001 its ICB's tree (peers with names); practice F83001 the QMJ tree.
  const cases: [UserKey, string, number][] = [
    ['admin', 'F83001', 200], ['admin', 'Y56', 200], ['admin', 'ENG', 200],
    ['icb', 'A81002', 200], ['icb', 'QHM', 200], ['icb', 'F83001', 403], ['icb', 'QMJ', 403], ['icb', 'Y63', 403], ['icb', 'ENG', 403],
    ['region', 'Y63', 200], ['region', 'A81001', 200], ['region', 'F83001', 403], ['region', 'Y56', 403],
    ['practice', 'A81001', 200], ['practice', 'A81002', 200], ['practice', 'QHM', 200], ['practice', 'F83001', 403], ['practice', 'Y63', 403],
    ['london', 'F83001', 200], ['london', 'A81001', 403], ['london', 'QHM', 403],
  ];
  it.each(cases)('%s asking for %s gets %i on every endpoint', async (who, org, status) => {
    for (const url of endpoints(org)) {
      const response = await world.get(url, who);
      // Seen, but deciles within one practice are refused (checked in the deciles test above); England's deciles,
      // everyone's default, are everyone's asked for by name too.
      const practiceDeciles = status === 200 && url.includes('deciles?within=') && /^[A-Z]\d{5}$/.test(org);
      const expected = url.endsWith('deciles?within=ENG') ? 200 : practiceDeciles ? 400 : status;
      expect({ url, status: response.statusCode }).toEqual({ url, status: expected });
      if (expected === 403) {
        const parameter = url.startsWith('/api/orgs/') ? 'code' : url.includes('within=') ? 'within' : 'org';
        expect(response.json().detail).toMatch(new RegExp(`^${parameter}: ${org} \\(.+\\) is outside your area$`));
      }
    }
  });

  it('lists only organisations inside the area', async () => {
    const codes = async (who: UserKey) => ((await world.get('/api/orgs?level=practice', who)).json().organisations as { code: string }[]).map((o) => o.code);
    expect(await codes('admin')).toEqual(['F83001', 'A81002', 'A81001']);
    expect(await codes('icb')).toEqual(['A81002', 'A81001']);
    expect(await codes('london')).toEqual(['F83001']);
    const search = (await world.get('/api/orgs?q=camden', 'admin')).json();
    expect(search.organisations.map((o: { code: string }) => o.code)).toEqual(['U22222', 'F83001']);
  });

  it('keeps breakdowns to a practice user’s own practice (peers’ whole figures only)', async () => {
    const own = await world.get('/api/measures/plan_coverage/series?org=A81001&breakdown=age_band', 'practice');
    expect(own.statusCode).toBe(200);
    const peer = await world.get('/api/measures/plan_coverage/series?org=A81002&breakdown=age_band', 'practice');
    expect(peer.statusCode).toBe(403);
    expect(peer.json().detail).toBe('breakdown: figures by age_band are available for your own practice only');
  });

  it('rejects bad parameters with 400/404 problems that name the parameter', async () => {
    const cases: [string, number, string][] = [
      ['/api/measures/nope/series?org=A81001', 404, 'id: there is no measure "nope" (GET /api/measures lists them)'],
      ["/api/measures/plan_coverage/series?org=A81001'%20OR%201=1--", 400, 'org must be an organisation code (1 to 8 capital letters or digits) or a group (group:<number>) (got "A81001\' OR 1=1--")'],
      ['/api/measures/plan_coverage/series', 400, 'org is required'],
      ['/api/measures/plan_coverage/series?org=ZZZ', 404, 'org: no organisation has the code ZZZ'],
      ['/api/measures/plan_coverage/series?org=A81001&from=2024-13', 400, 'from must be a month YYYY-MM (got "2024-13")'],
      ['/api/measures/plan_coverage/series?org=A81001&from=2020-01', 400, 'from must be a month from 2023-01 to 2024-05 (got "2020-01")'],
      ['/api/measures/plan_coverage/series?org=A81001&from=2024-05&to=2024-01', 400, 'from must not be after to (got from "2024-05", to "2024-01")'],
      ['/api/measures/overdue_reviews/series?org=A81001&breakdown=sex', 400, 'breakdown must be left out (this measure has no breakdowns) for overdue_reviews (got "sex")'],
      ['/api/measures/plan_coverage/series?org=A81001&breakdown=shoe_size', 400, 'breakdown must be one of age_band, sex, ethnic_group, imd_quintile, ltc_count, register for plan_coverage (got "shoe_size")'],
      ['/api/measures/plan_coverage/compare?level=galaxy', 400, 'level must be one of practice, pcn, sub_icb, icb, region (got "galaxy")'],
      ['/api/measures/plan_coverage/compare?limit=0', 400, 'limit must be a whole number from 1 to 1000 (got 0)'],
      ['/api/measures/plan_coverage/compare?limit=abc', 400, 'limit must be a whole number from 1 to 1000 (got "abc")'],
      ['/api/measures/plan_coverage/compare?month=2024-05;DROP%20TABLE%20cells', 400, 'month must be a month YYYY-MM (got "2024-05;DROP TABLE cells")'],
      ['/api/measures/plan_coverage/compare?foo=1', 400, 'foo is not a parameter of this request'],
      // Routes that read no query refuse one too, rather than answer as if it had filtered.
      ['/api/measures?unit=count', 400, 'unit is not a parameter of this request'],
      ['/api/users?role=admin', 400, 'role is not a parameter of this request'],
      ['/api/data-quality?since=2024-01', 400, 'since is not a parameter of this request'],
      // No funnel compares ICBs with an ICB, nor ICBs within a practice: these had answered 200 with nothing.
      ['/api/measures/plan_coverage/compare?level=icb&benchmark=icb', 400, 'benchmark must be a level above icb: region or england (got "icb")'],
      ['/api/measures/plan_coverage/compare?level=region&benchmark=region', 400, 'benchmark must be a level above region: england (got "region")'],
      ['/api/measures/plan_coverage/compare?level=icb&within=A81001', 400, 'within must be an area at or above icb level (got "A81001", a practice)'],
      ['/api/measures/plan_coverage/deciles?level=pcn', 400, 'level must be practice (deciles are across practices) (got "pcn")'],
      ['/api/orgs?limit=5000', 400, 'limit must be a whole number from 1 to 1000 (got 5000)'],
      ['/api/orgs/a81001', 400, 'code must be an organisation code (1 to 8 capital letters or digits) (got "a81001")'],
      ['/api/orgs/A81001/summary?month=2030-01', 400, 'month must be a month from 2023-01 to 2024-05 (got "2030-01")'],
    ];
    for (const [url, status, detail] of cases) {
      const response = await world.get(url, 'admin');
      expect({ url, status: response.statusCode, detail: response.json().detail }).toEqual({ url, status, detail });
      expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    }
  });
});
