import '../../../test/polyfills';
import { screen, within } from '@testing-library/react';
import type { TargetProgressList } from '@pcsp/contract/targets.contract';
import { routes } from '../../../app/router';
import { standardApi } from '../../../test/api-fixtures';
import { installFakeApi, renderAt } from '../../../test/render-app';

// plan_shared at NHS North ICB, final to October 2026 and provisional in November. The line through the final
// months 2, 4, 5, 4, 5 (June … October) has slope 0.6 and is 5.2 in October; projected to December: 6.4, 95%
// prediction interval 1.6 to 11.2 (analytics' hand calculation). November's 1.0% is not in it.
const PROGRESS: TargetProgressList = {
  org: { code: 'QWE', name: 'NHS North ICB', level: 'icb' },
  month: '2026-11',
  items: [
    {
      target: { id: 't1', measure: 'plan_shared', org: { code: 'QWE', name: 'NHS North ICB', level: 'icb' }, targetRate: 9, targetMonth: '2026-12', setBy: 'a@b', updatedAt: '2026-11-01T00:00:00Z' },
      inherited: false,
      unit: '%',
      direction: 'higher_is_better',
      finalMonth: '2026-10',
      trend: [
        { month: '2026-06', rate: 2 },
        { month: '2026-07', rate: 4 },
        { month: '2026-08', rate: 5 },
        { month: '2026-09', rate: 4 },
        { month: '2026-10', rate: 5 },
        { month: '2026-11', rate: 1, provisional: true },
      ],
      progress: {
        latestMonth: '2026-10',
        latestRate: 5,
        slopePerMonth: 0.6,
        lineAtLatest: 5.2,
        trendFrom: '2026-06',
        trendTo: '2026-10',
        projection: { month: '2026-12', rate: 6.4, low: 1.636951, high: 11.163049 },
        gap: 4,
        status: 'uncertain',
      },
      pcns: [],
      practices: [{ org: { code: 'B00002', name: 'Riverside Surgery', level: 'practice' }, rate: 5, gap: 4, rank: 1, projectedRate: 6.4, status: 'uncertain' }],
    },
  ],
};

describe('target progress: a provisional month', () => {
  it('says which months the line is fitted to, and that the provisional month is shown but used for neither the line nor the gaps', async () => {
    installFakeApi(standardApi({ '/targets/progress': { body: PROGRESS } }));
    renderAt(routes, '/targets?area=QWE');
    const section = await screen.findByTestId('target-plan_shared');
    expect(section.querySelector('p')!.textContent).toBe(
      'NHS North ICB was at 5.0% in October 2026. ' +
        'The trend line, a straight line through the area’s figures for the 5 months June 2026 to October 2026 (+0.6 percentage points a month), reaches 6.4% by December 2026. ' +
        'If things carry on as they are, 19 times out of 20 the figure for December 2026 would fall between 1.6% and 11.2% (the 95% prediction interval). ' +
        'The range includes the target: it may or may not be met at this rate. ' +
        'November 2026 is provisional: plans agreed in its last 28 days may not yet be recorded as shared, so figures may rise at the next refresh. It is shown but not used for the trend line or the gaps, which are as of October 2026.',
    );
    const figure = within(section).getByRole('figure');
    expect(document.getElementById(figure.getAttribute('aria-describedby')!)!.textContent).toBe(
      'Monthly rates of the 12 final months to October 2026 (then the provisional months, hollow, not in the line), the trend line (fitted by ordinary ' +
        'least squares) carried on to the target month with the range the figure would fall in 19 times out of 20 if things carry on as they are, and the ' +
        'target of 9.0% by December 2026.',
    );
    expect(within(figure).getByRole('rowheader', { name: 'November 2026 (provisional, not in the trend line)' })).toBeTruthy();
    expect(within(within(figure).getByRole('list', { name: 'Legend' })).getByText('Provisional: not in the trend line')).toBeTruthy();
    // The gaps are October's.
    expect(within(within(section).getByTestId('gap-practice')).getByRole('columnheader', { name: 'October 2026' })).toBeTruthy();
  });
});

/** PROGRESS's target of `measure`, with no provisional month and one PCN and one practice to rank. */
const targetItem = (id: string, measure: 'plan_coverage' | 'plan_shared'): TargetProgressList['items'][number] => ({
  ...PROGRESS.items[0]!,
  target: { ...PROGRESS.items[0]!.target, id, measure },
  finalMonth: '2026-11',
  trend: PROGRESS.items[0]!.trend.map((t) => ({ month: t.month, rate: t.rate })),
  pcns: [{ org: { code: 'PCN01', name: 'Riverside PCN', level: 'pcn' }, rate: 5, gap: 4, rank: 1, projectedRate: 6.4, status: 'uncertain' }],
});

describe('target progress: the months fitted', () => {
  it('counts the 12 months fitted across a new year, and says two provisional months are not used', async () => {
    // Rates 1, 2, … 12 from November 2025 to October 2026: a line of slope 1 through every point, 12 in October, no
    // residuals, so the projection to December 2026 is 12 + 2 × 1 = 14 with an interval of 14 to 14, short of 15: off track.
    const months = ['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'];
    const base = PROGRESS.items[0]!;
    const twelve: TargetProgressList = {
      ...PROGRESS,
      month: '2026-12',
      items: [
        {
          ...base,
          target: { ...base.target, targetRate: 15 },
          trend: [...months.map((month, i) => ({ month, rate: i + 1 })), { month: '2026-11', rate: 3, provisional: true }, { month: '2026-12', rate: 1, provisional: true }],
          progress: { ...base.progress!, latestRate: 12, slopePerMonth: 1, lineAtLatest: 12, trendFrom: '2025-11', trendTo: '2026-10', projection: { month: '2026-12', rate: 14, low: 14, high: 14 }, gap: 3, status: 'off_track' },
        },
      ],
    };
    installFakeApi(standardApi({ '/targets/progress': { body: twelve } }));
    renderAt(routes, '/targets?area=QWE');
    const section = await screen.findByTestId('target-plan_shared');
    expect(section.querySelector('p')!.textContent).toBe(
      'NHS North ICB was at 12.0% in October 2026. ' +
        'The trend line, a straight line through the area’s figures for the 12 months November 2025 to October 2026 (+1.0 percentage points a month), reaches 14.0% by December 2026. ' +
        'If things carry on as they are, 19 times out of 20 the figure for December 2026 would fall between 14.0% and 14.0% (the 95% prediction interval). ' +
        'None of the range meets the target: off track. ' +
        'November 2026 is provisional: plans agreed in its last 28 days may not yet be recorded as shared, so figures may rise at the next refresh. ' +
        'December 2026 is provisional: plans agreed in its last 28 days may not yet be recorded as shared, so figures may rise at the next refresh. ' +
        'They are shown but not used for the trend line or the gaps, which are as of October 2026.',
    );
  });
});

describe('target progress: two targets', () => {
  it('names each ranked table (its region and caption) and each chart’s numbers by the measure, so that no two regions share a name', async () => {
    const twoTargets: TargetProgressList = { ...PROGRESS, items: [targetItem('t1', 'plan_coverage'), targetItem('t2', 'plan_shared')] };
    installFakeApi(standardApi({ '/targets/progress': { body: twoTargets } }));
    renderAt(routes, '/targets?area=QWE');
    await screen.findByTestId('target-plan_shared');
    const names = screen.getAllByRole('region').map((r) => r.getAttribute('aria-label') ?? document.getElementById(r.getAttribute('aria-labelledby')!)?.textContent);
    // Each target: its section (named by its heading), the chart's numbers, and the PCNs' and practices' rankings.
    // The measure titles: plan_coverage is Care plan coverage, plan_shared is Plan shared with the person.
    expect(names.filter((n) => n?.includes('ranked') || n?.includes('projection'))).toEqual([
      'Care plan coverage, NHS North ICB: the last 12 months and the projection',
      'Care plan coverage: PCNs ranked by their gap to the target',
      'Care plan coverage: Practices ranked by their gap to the target',
      'Plan shared with the person, NHS North ICB: the last 12 months and the projection',
      'Plan shared with the person: PCNs ranked by their gap to the target',
      'Plan shared with the person: Practices ranked by their gap to the target',
    ]);
    expect(new Set(names).size).toBe(names.length);
    const section = screen.getByTestId('target-plan_shared');
    expect(within(section).getByTestId('gap-pcn').querySelector('caption')!.textContent).toBe('Plan shared with the person: PCNs ranked by their gap to the target');
  });
});

describe('target progress: in plain words', () => {
  it('says what the range is before naming the prediction interval, and what each status means in the Targets page intro’s words', async () => {
    // PROGRESS's figures with no provisional month (so the card speaks of the last 12 months): the line reaches 6.4% by
    // December 2026, the range 1.6% to 11.2%. Against a target of 9% the range includes it (uncertain); against 1% all of it meets it
    // (on track); against 12% none of it does (off track).
    const base = targetItem('t1', 'plan_shared');
    const withTarget = (targetRate: number, status: 'on_track' | 'uncertain' | 'off_track'): TargetProgressList => ({
      ...PROGRESS,
      items: [{ ...base, target: { ...base.target, targetRate }, progress: { ...base.progress!, status } }],
    });
    const paragraph = async (progress: TargetProgressList) => {
      installFakeApi(standardApi({ '/targets/progress': { body: progress } }));
      const { unmount } = renderAt(routes, '/targets?area=QWE');
      const section = await screen.findByTestId('target-plan_shared');
      const text = section.querySelector('p')!.textContent;
      const figure = within(section).getByRole('figure');
      const description = document.getElementById(figure.getAttribute('aria-describedby')!)!.textContent;
      unmount();
      return { text, description };
    };
    const sentences =
      'NHS North ICB was at 5.0% in October 2026. ' +
      'The trend line, a straight line through the area’s figures for the last 12 months (+0.6 percentage points a month), reaches 6.4% by December 2026. ' +
      'If things carry on as they are, 19 times out of 20 the figure for December 2026 would fall between 1.6% and 11.2% (the 95% prediction interval). ';
    const uncertain = await paragraph(withTarget(9, 'uncertain'));
    expect(uncertain.text).toBe(`${sentences}The range includes the target: it may or may not be met at this rate.`);
    expect(uncertain.description).toBe(
      'Monthly rates of the last 12 months, the trend line (fitted by ordinary least squares) carried on to the target month with the range the figure ' +
        'would fall in 19 times out of 20 if things carry on as they are, and the target of 9.0% by December 2026.',
    );
    expect((await paragraph(withTarget(1, 'on_track'))).text).toBe(`${sentences}The whole range meets the target: on track.`);
    expect((await paragraph(withTarget(12, 'off_track'))).text).toBe(`${sentences}None of the range meets the target: off track.`);
  });
});
