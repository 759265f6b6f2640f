import type { FakeApi, FakeResponse } from './render-app';
import { MEASURE_LIST, SESSION } from './render-app';
import type { CompareResponse } from '@pcsp/contract/compare.contract';
import type { DataQualityResponse } from '@pcsp/contract/data-quality.contract';
import type { DecilesResponse } from '@pcsp/contract/deciles.contract';
import type { OrganisationDetail } from '@pcsp/contract/organisations.contract';
import type { SeriesResponse } from '@pcsp/contract/series.contract';
import type { SnapshotMonthsResponse } from '@pcsp/contract/snapshot-months.contract';
import type { SummaryCard, SummaryResponse } from '@pcsp/contract/summary.contract';
import { BREAKDOWN_LINES, DECILE_MONTHS, decileMonth, FUNNEL_ROWS, seriesPoint, TREND_POINTS } from './fixtures';

export const ICB: OrganisationDetail = {
  code: 'QWE',
  name: 'NHS North ICB',
  level: 'icb',
  parentCode: 'Y01',
  parents: [{ code: 'Y01', name: 'North Region', level: 'region' }],
  children: [{ code: 'PCN01', name: 'Riverside PCN', level: 'pcn' }],
};

export const PRACTICE: OrganisationDetail = {
  code: 'A00001',
  name: 'Hill Street Practice',
  level: 'practice',
  parentCode: 'PCN01',
  parents: [
    { code: 'PCN01', name: 'Riverside PCN', level: 'pcn' },
    { code: 'QWE', name: 'NHS North ICB', level: 'icb' },
  ],
  children: [],
};

export function card(overrides: Partial<SummaryCard> & Pick<SummaryCard, 'measure' | 'title'>): SummaryCard {
  return {
    unit: '%',
    direction: 'higher_is_better',
    numerator: null,
    denominator: null,
    rate: null,
    ciLow: null,
    ciHigh: null,
    parentRate: null,
    englandRate: null,
    change: null,
    peers: { within: { code: 'QWE', name: 'NHS North ICB', level: 'icb' }, rank: null, of: 0, percentile: null, flag: null, comparison: null },
    ...overrides,
  };
}

export const SUMMARY: SummaryResponse = {
  org: { code: 'QWE', name: 'NHS North ICB', level: 'icb' },
  month: '2026-10',
  cards: [
    card({ measure: 'ltc_prevalence', title: 'LTC prevalence', numerator: 41234, denominator: 150000, rate: 27.4893, ciLow: 27.3, ciHigh: 27.7, englandRate: 26.1 }),
    card({ measure: 'plan_coverage', title: 'Care plan coverage', numerator: 20000, denominator: 40000, rate: 50, ciLow: 49.5, ciHigh: 50.5, englandRate: 47.2,
      change: { period: '12m', fromFirstMonth: '2025-10', fromMonth: '2025-10', toFirstMonth: '2026-10', toMonth: '2026-10', previousRate: 46.8, currentRate: 50, difference: 3.2, low: 2.5, high: 3.9, significance: 'better' },
      peers: { within: { code: 'Y01', name: 'North Region', level: 'region' }, rank: 2, of: 7, percentile: 83, flag: 'higher', comparison: 'better' } }),
    card({ measure: 'overdue_reviews', title: 'Overdue reviews', unit: 'count', direction: 'lower_is_better', numerator: 1532 }),
  ],
};

export const PLAN_LINES: SeriesResponse['lines'] = [
  // The API labels a line with its value ('with'); the dashboard puts it in words (formatBreakdownValue).
  { breakdown: 'plan=with', label: 'with', points: [seriesPoint('2026-09', { rate: 62 }), seriesPoint('2026-10', { rate: 64 })] },
  { breakdown: 'plan=without', label: 'without', points: [seriesPoint('2026-09', { rate: 48 }), seriesPoint('2026-10', { suppressed: true })] },
];

export function seriesOf(measure: SeriesResponse['measure'], org = SUMMARY.org, breakdown: SeriesResponse['breakdown'] = null): SeriesResponse {
  return {
    measure,
    org,
    parent: { code: 'Y01', name: 'North Region', level: 'region' },
    breakdown,
    from: '2026-08',
    to: '2026-10',
    lines: breakdown === 'plan' ? PLAN_LINES : breakdown ? BREAKDOWN_LINES : [{ breakdown: '', label: 'All', points: TREND_POINTS }],
  };
}

export const COMPARE: CompareResponse = {
  measure: 'plan_coverage',
  month: '2026-10',
  level: 'practice',
  within: { code: 'QWE', name: 'NHS North ICB', level: 'icb' },
  benchmark: { level: 'icb', rate: 50, org: { code: 'QWE', name: 'NHS North ICB', level: 'icb' } },
  change: null,
  includeClosed: true,
  sort: 'rank',
  total: FUNNEL_ROWS.length,
  offset: 0,
  limit: 1000,
  rows: FUNNEL_ROWS,
};

/** England's deciles, the API's default: 6,312 practices in each month that has them. */
export const DECILES: DecilesResponse = {
  measure: 'plan_coverage',
  level: 'practice',
  within: { code: 'ENG', name: 'England', level: 'england' },
  org: { code: 'A00001', name: 'Hill Street Practice', level: 'practice' },
  from: '2026-09',
  to: '2026-11',
  months: DECILE_MONTHS.map((m) => (m.deciles.length > 0 ? { ...m, practices: 6312 } : m)),
};

/** NHS North ICB's deciles (within=QWE): 104 practices in September, 103 in November. */
export const ICB_DECILES: DecilesResponse = {
  ...DECILES,
  within: { code: 'QWE', name: 'NHS North ICB', level: 'icb' },
  months: [decileMonth('2026-09', 15, 4, 31, 104), { month: '2026-10', deciles: [], practices: 0, orgRate: null }, decileMonth('2026-11', 18, 4, 40, 103)],
};

export const DATA_QUALITY: DataQualityResponse = {
  snapshot: { builtAt: '2026-11-23T08:00:00Z', firstMonth: '2026-08', lastMonth: '2026-10', ageHours: 2.4, stale: false, lastError: null, engineVersion: 2, duckdbVersion: 'v1.5.6', engine: 'current' },
  imports: [
    {
      id: 'job-1',
      status: 'succeeded',
      format: 'csv',
      source: 'demo-extract.zip',
      requestedBy: 'admin@example.nhs.uk',
      createdAt: '2026-11-23T07:00:00Z',
      startedAt: '2026-11-23T07:00:01Z',
      finishedAt: '2026-11-23T07:01:00Z',
      bytesTotal: 2048,
      bytesRead: 2048,
      rowsRead: 1000,
      rowsApplied: 998,
      errorCount: 2,
      warningCount: 0,
      files: [],
      failure: null,
      fhir: null,
      issues: [{ severity: 'error', file: 'patients.csv', line: 12, column: 'date_of_birth', value: '2026-02-30', rule: 'not a real date' }],
    },
  ],
  issueLines: 'shown',
};

/**
 * The snapshot's months as of its refresh on 2026-11-23 (DATA_QUALITY's): plan_shared (28 follow-up days) is provisional in
 * 2026-10 (31 Oct + 28 = 28 Nov ≥ 23 Nov) and final in 2026-09 (30 Sep + 28 = 28 Oct < 23 Nov).
 */
export const SNAPSHOT_MONTHS: SnapshotMonthsResponse = {
  months: ['2026-10', '2026-09', '2026-08'],
  provisional: [{ month: '2026-10', measures: ['plan_shared'] }],
};

/** As if activation had follow-up days too: provisional in 2026-10 and 2026-09, plan_shared in 2026-10 only. */
export const SNAPSHOT_MONTHS_TWO_MEASURES: SnapshotMonthsResponse = {
  months: ['2026-10', '2026-09', '2026-08'],
  provisional: [
    { month: '2026-10', measures: ['plan_shared', 'activation'] },
    { month: '2026-09', measures: ['activation'] },
  ],
};

/** A fake API answering every endpoint from the fixtures above; `overrides` (by path prefix) win. */
export function standardApi(overrides: Record<string, FakeResponse> = {}): FakeApi {
  return (path) => {
    const bare = path.split('?')[0]!;
    const params = new URLSearchParams(path.split('?')[1] ?? '');
    for (const [prefix, answer] of Object.entries(overrides)) if (path.startsWith(prefix)) return answer;
    if (bare === '/auth/session') return { body: SESSION };
    if (bare === '/measures') return { body: MEASURE_LIST };
    if (bare === '/orgs/QWE') return { body: ICB };
    if (bare === '/orgs/A00001') return { body: PRACTICE };
    if (/^\/orgs\/[^/]+\/summary$/.test(bare)) return { body: SUMMARY };
    if (bare === '/groups') return { body: { groups: [] } };
    if (bare === '/data-quality') return { body: DATA_QUALITY };
    if (bare === '/snapshot/months') return { body: SNAPSHOT_MONTHS };
    const measure = /^\/measures\/([a-z_]+)\/(series|compare|deciles)$/.exec(bare);
    if (measure?.[2] === 'series') {
      const org = params.get('org') === 'A00001' ? { code: 'A00001', name: 'Hill Street Practice', level: 'practice' as const } : SUMMARY.org;
      const breakdown = params.get('breakdown');
      return { body: seriesOf(measure[1] as SeriesResponse['measure'], org, (breakdown as SeriesResponse['breakdown']) ?? null) };
    }
    if (measure?.[2] === 'compare') {
      // As the API does: closed practices only when asked for.
      const includeClosed = params.get('includeClosed') === 'true';
      const rows = includeClosed ? COMPARE.rows : COMPARE.rows.filter((r) => !r.closed);
      return { body: { ...COMPARE, measure: measure[1], includeClosed, rows, total: rows.length } };
    }
    if (measure?.[2] === 'deciles') return { body: { ...(params.get('within') === 'QWE' ? ICB_DECILES : DECILES), measure: measure[1] } };
    return undefined;
  };
}
