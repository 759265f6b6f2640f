import '../../../test/polyfills';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { AlertList } from '@pcsp/contract/alerts.contract';
import type { TargetProgressList } from '@pcsp/contract/targets.contract';
import { routes } from '../../../app/router';
import { standardApi } from '../../../test/api-fixtures';
import { installFakeApi, renderAt } from '../../../test/render-app';

const PROGRESS: TargetProgressList = {
  org: { code: 'QWE', name: 'NHS North ICB', level: 'icb' },
  month: '2026-10',
  items: [
    {
      target: { id: 't1', measure: 'plan_coverage', org: { code: 'ENG', name: 'England', level: 'england' }, targetRate: 95, targetMonth: '2027-03', setBy: 'admin@example.nhs.uk', updatedAt: '2026-11-01T09:00:00Z' },
      inherited: true,
      unit: '%',
      direction: 'higher_is_better',
      finalMonth: '2026-10',
      trend: [
        { month: '2026-08', rate: 48 },
        { month: '2026-09', rate: 49 },
        { month: '2026-10', rate: 50 },
      ],
      progress: {
        latestMonth: '2026-10',
        latestRate: 50,
        slopePerMonth: 1,
        lineAtLatest: 50,
        trendFrom: '2026-08',
        trendTo: '2026-10',
        projection: { month: '2027-03', rate: 55, low: 54, high: 56 },
        gap: 45,
        status: 'off_track',
      },
      pcns: [{ org: { code: 'U1', name: 'Riverside PCN', level: 'pcn' }, rate: 50, gap: 45, rank: 1, projectedRate: 55, status: 'off_track' }],
      practices: [
        { org: { code: 'B00002', name: 'Riverside Surgery', level: 'practice' }, rate: 40, gap: 55, rank: 1, projectedRate: 41, status: 'off_track' },
        { org: { code: 'B00001', name: 'Hill Surgery', level: 'practice' }, rate: 96, gap: -1, rank: 2, projectedRate: 97, status: 'on_track' },
      ],
    },
  ],
};

const ALERTS: AlertList = {
  month: '2026-10',
  judgedMonth: '2026-10',
  area: { code: 'QWE', name: 'NHS North ICB', level: 'icb' },
  measure: null,
  reason: null,
  total: 1,
  limit: 10,
  offset: 0,
  alerts: [
    {
      practice: { code: 'B00002', name: 'Riverside Surgery', level: 'practice' },
      icbCode: 'QWE',
      measure: 'review_completion',
      title: 'Reviews completed on time',
      unit: '%',
      month: '2026-10',
      rate: 31.25,
      benchmarkRate: 60,
      limit: 44.5,
      reasons: ['outside_limit_first_time', 'special_cause_deterioration'],
      spcRules: ['shift'],
    },
  ],
};

const api = (weeklyDigest = true) =>
  standardApi({
    '/targets/progress': { body: PROGRESS },
    '/alerts/preferences': { body: { weeklyDigest, digestAvailable: true } },
    '/alerts?area=QWE&limit=10&offset=0': { body: ALERTS },
  });

/** The first 10 of 23 alerts, as the API pages them: practices 01 to 10, each newly beyond the limit. */
const FIRST_TEN_OF_23: AlertList = {
  ...ALERTS,
  total: 23,
  alerts: Array.from({ length: 10 }, (_, i) => ({
    ...ALERTS.alerts[0]!,
    practice: { code: `B1${String(i + 1).padStart(4, '0')}`, name: `Practice ${String(i + 1).padStart(2, '0')}`, level: 'practice' as const },
    reasons: ['outside_limit_first_time' as const],
    spcRules: [],
  })),
};

describe('overview: targets and alerts', () => {
  it('shows the area’s projection against the target that applies and who is furthest short', async () => {
    installFakeApi(api());
    renderAt(routes, '/');
    const section = await screen.findByTestId('target-plan_coverage');
    expect(within(section).getAllByRole('heading', { level: 3 })[0]!.textContent).toBe('Care plan coverage: target 95.0% by March 2027 Off track');
    expect(section.textContent).toContain(
      'The target set for England applies here. NHS North ICB was at 50.0% in October 2026. The trend line, a straight line through the area’s figures for the last 12 months (+1.0 percentage points a month), reaches 55.0% by March 2027. If things carry on as they are, 19 times out of 20 the figure for March 2027 would fall between 54.0% and 56.0% (the 95% prediction interval).',
    );
    const practices = within(screen.getByTestId('gap-practice')).getAllByRole('row');
    expect(practices.map((r) => r.textContent)).toEqual([
      'RankPracticeOctober 2026Gap to targetProjection for March 2027Status',
      '1Riverside Surgery40.0%55.0 percentage points41.0%Off track',
      '2Hill Surgery96.0%target met97.0%On track',
    ]);
  });

  it('asks for the first 10 alerts only, says how many there are and links to all of them', async () => {
    const requests = installFakeApi(
      standardApi({
        '/targets/progress': { body: PROGRESS },
        '/alerts/preferences': { body: { weeklyDigest: true, digestAvailable: true } },
        '/alerts?area=QWE&limit=10&offset=0': { body: FIRST_TEN_OF_23 },
      }),
    );
    renderAt(routes, '/');
    const table = await screen.findByTestId('alerts-table');
    expect(requests.filter((r) => r.url.startsWith('/api/alerts?')).map((r) => r.url)).toEqual(['/api/alerts?area=QWE&limit=10&offset=0']);
    expect(table.querySelector('caption')!.textContent).toBe('1 to 10 of 23 alerts, most urgent first, October 2026');
    // A header row and the 10 practices, in the API's order.
    const rows = within(table).getAllByRole('row');
    expect(rows.map((r) => r.querySelector('th')!.textContent)).toEqual(['Practice', ...Array.from({ length: 10 }, (_, i) => `Practice ${String(i + 1).padStart(2, '0')}`)]);
    const all = screen.getByTestId('alerts-see-all');
    expect([all.textContent, all.getAttribute('href')]).toEqual(['See all 23 alerts', '/alerts?area=QWE']);
    // Said first in plain words, as the Alerts page says it: the same introduction.
    expect(screen.getByTestId('alerts-intro').querySelector('p')!.textContent).toBe(
      'An alert shows a practice whose figure for a measure has got worse in a way worth looking into. There are 2 kinds:',
    );
  });

  it('lists the alerts with their reasons, and turns the weekly email off', async () => {
    const requests = installFakeApi(api());
    renderAt(routes, '/');
    const table = await screen.findByTestId('alerts-table');
    // All there is fits on the overview: no paging words and no link to more.
    expect(table.querySelector('caption')!.textContent).toBe('1 alert, October 2026');
    expect(screen.queryByTestId('alerts-see-all')).toBeNull();
    expect(within(table).getAllByRole('row')[1]!.textContent).toBe(
      'Riverside SurgeryReviews completed on time31.3%New worse than the 99.8% limit (44.5%) for the first time in 12 monthsDeteriorating special cause: 7 months in a row on the worse side of the average',
    );
    const box = await screen.findByRole('checkbox', { name: 'Email me the weekly alerts' });
    expect((box as HTMLInputElement).checked).toBe(true);
    fireEvent.click(box);
    await waitFor(() => expect(requests.find((r) => r.method === 'PUT')).toEqual({ method: 'PUT', url: '/api/alerts/preferences', body: { weeklyDigest: false } }));
  });
});
