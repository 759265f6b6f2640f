import '../../../test/polyfills';
import * as Plot from '@observablehq/plot';
import { screen, waitFor, within } from '@testing-library/react';
import type { StandardisedGroupValue, StandardisedOutcomesTrendResponse } from '@pcsp/contract/evaluation.contract';
import { routes } from '../../../app/router';
import { standardApi } from '../../../test/api-fixtures';
import { installFakeApi, renderAt } from '../../../test/render-app';
import { standardisedTrendOptions } from '../charts/standardised-trend.chart';

const value = (rate: number | null, low: number | null, high: number | null, crudeRate = rate): StandardisedGroupValue => ({ crudeRate, rate, low, high, suppressed: false });
const SUPPRESSED: StandardisedGroupValue = { crudeRate: null, rate: null, low: null, high: null, suppressed: true };

// Three months of diabetes control at QWE: no one with a plan yet in March; April's with-plan group suppressed;
// May both groups with intervals (the numbers of the API test's population: 71% (43.9 to 108.6) and 47% (19.6 to 88.5)).
const TREND: StandardisedOutcomesTrendResponse = {
  org: { code: 'QWE', name: 'South West London ICB', level: 'icb' },
  standard: { code: 'QWE', name: 'South West London ICB', level: 'icb' },
  from: '2026-03',
  to: '2026-05',
  method: 'Directly standardised.',
  outcomes: [
    {
      measure: 'diabetes_control',
      title: 'Diabetes control',
      unit: '%',
      direction: 'higher_is_better',
      points: [
        { month: '2026-03', withPlan: value(null, null, null), withoutPlan: value(56.66667, null, null), strata: 0, standardCovered: 0 },
        { month: '2026-04', withPlan: SUPPRESSED, withoutPlan: value(50, 30.12, 70.5), strata: 2, standardCovered: 1 },
        { month: '2026-05', withPlan: value(71, 43.87979, 108.61053), withoutPlan: value(47, 19.63159, 88.52304), strata: 2, standardCovered: 1 },
      ],
    },
  ],
};

describe('standardised outcomes by month on the outcomes page', () => {
  jest.setTimeout(30_000);
  it('draws the with and without lines with their interval bands, and the numbers month by month', async () => {
    const requests = installFakeApi(standardApi({ '/outcomes/standardised/trend': { body: TREND } }));
    renderAt(routes, '/outcomes');
    const title = await screen.findByText('Diabetes control, standardised, with and without a plan: South West London ICB', {}, { timeout: 10_000 });
    const figure = title.closest('figure')!;
    expect(requests.some((r) => r.url === '/api/outcomes/standardised/trend?org=QWE')).toBe(true);
    expect(within(figure).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['With a plan', 'Without a plan']);
    // Numbers table: a month without a rate is "no data", a suppressed group "suppressed", never 0.
    const rows = [...figure.querySelectorAll('tbody tr')].map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent));
    expect([...figure.querySelectorAll('thead th')].map((c) => c.textContent)).toEqual(['Month', 'With a plan', 'With a plan: 95% interval', 'Without a plan', 'Without a plan: 95% interval']);
    expect(rows).toEqual([
      ['no data', 'no data', '56.7%', 'none below 10 events'],
      ['suppressed', 'suppressed', '50.0%', '30.1% to 70.5%'],
      ['71.0%', '43.9% to 108.6%', '47.0%', '19.6% to 88.5%'],
    ]);
    expect([...figure.querySelectorAll('tbody th')].map((h) => h.textContent)).toEqual(['March 2026', 'April 2026', 'May 2026']);
    await waitFor(() => expect(figure.querySelector('svg')).not.toBeNull());
  });

  it('draws a group only in the months it has a rate, and its band only where it has an interval', () => {
    const [band, line, dots] = standardisedTrendOptions(TREND.outcomes[0]!).marks as unknown as { data: { group: string; month: string; rate: number; low: number | null }[] }[];
    const seen = (d: { group: string; month: string }[]) => d.map((p) => `${p.group} ${p.month}`);
    // With a plan: March has no rate and April is suppressed, so May only; without: all three months, no band in March.
    expect(seen(line!.data)).toEqual(['With a plan 2026-05', 'Without a plan 2026-03', 'Without a plan 2026-04', 'Without a plan 2026-05']);
    expect(seen(dots!.data)).toEqual(seen(line!.data));
    expect(seen(band!.data)).toEqual(['With a plan 2026-05', 'Without a plan 2026-04', 'Without a plan 2026-05']);
    expect(band!.data.map((p) => p.low)).toEqual([43.87979, 30.12, 19.63159]);
  });

  it('spans every month asked for, so that months without a comparison are gaps, not a shorter axis', () => {
    // June has neither group (no comparison): the axis still runs to June.
    const outcome = TREND.outcomes[0]!;
    const june = { month: '2026-06', withPlan: value(null, null, null), withoutPlan: value(null, null, null), strata: 0, standardCovered: 0 };
    const plot = Plot.plot(standardisedTrendOptions({ ...outcome, points: [...outcome.points, june] }));
    expect(plot.scale('x')?.domain).toEqual([new Date('2026-03-01T00:00:00Z'), new Date('2026-06-01T00:00:00Z')]);
  });
});
