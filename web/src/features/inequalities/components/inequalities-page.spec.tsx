import '../../../test/polyfills';
import { screen, within } from '@testing-library/react';
import { routes } from '../../../app/router';
import { SUMMARY, seriesOf, standardApi } from '../../../test/api-fixtures';
import { BREAKDOWN_LINES, seriesPoint } from '../../../test/fixtures';
import { practiceApi } from '../../../test/practice-api';
import { installFakeApi, renderAt } from '../../../test/render-app';

describe('inequalities page', () => {
  it('splits the measure and shows the gap between the most and least deprived', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/inequalities?measure=plan_coverage&breakdown=imd_quintile');
    const gap = await screen.findByRole('figure', { name: 'Deprivation gap in care plan coverage: NHS North ICB' });
    // Fixture: quintile 1 at 30 and 35, quintile 5 at 55 and 60: a gap of −25 both months.
    const cells = within(within(gap).getByRole('table')).getAllByRole('cell').map((c) => c.textContent);
    expect(cells).toEqual(['−25.0 percentage points', '−25.0 percentage points']);
  });

  it('says which end of the IMD quintiles is the most deprived, in the charts and their tables', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/inequalities?measure=plan_coverage&breakdown=imd_quintile');
    const bars = await screen.findByRole('figure', { name: 'Care plan coverage by deprivation (IMD quintile), October 2026' });
    expect(within(within(bars).getByRole('table')).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['1 (most deprived)', '5 (least deprived)', '3']);
    const lines = screen.getByRole('figure', { name: 'Care plan coverage by deprivation (IMD quintile) over time: NHS North ICB' });
    expect(within(within(lines).getByRole('list', { name: 'Legend' })).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['1 (most deprived)', '5 (least deprived)', '3']);
    expect(within(within(lines).getByRole('table')).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Month', '1 (most deprived)', '5 (least deprived)', '3']);
  });

  it('leaves people of unknown deprivation out of the gap', async () => {
    // An unknown quintile (shown in 2026-10 alone) had been taken for the least deprived: one month, 35 − 70.
    const unknown = { breakdown: 'imd_quintile=unknown', label: 'Unknown', points: [seriesPoint('2026-10', { rate: 70 })] };
    const series = { ...seriesOf('plan_coverage', SUMMARY.org, 'imd_quintile'), lines: [...BREAKDOWN_LINES, unknown] };
    installFakeApi(standardApi({ '/measures/plan_coverage/series': { body: series } }));
    renderAt(routes, '/inequalities?measure=plan_coverage&breakdown=imd_quintile');
    const gap = await screen.findByRole('figure', { name: 'Deprivation gap in care plan coverage: NHS North ICB' });
    const cells = within(within(gap).getByRole('table')).getAllByRole('cell').map((c) => c.textContent);
    expect(cells).toEqual(['−25.0 percentage points', '−25.0 percentage points']);
  });

  it('tells a practice lead who picks their PCN that breakdowns are for their own practice, and asks for none', async () => {
    const requests = installFakeApi(practiceApi());
    renderAt(routes, '/inequalities?measure=plan_coverage&area=PCN01');
    expect((await screen.findByTestId('breakdowns-own-practice')).textContent).toBe(
      'Figures split by deprivation, ethnicity, age, sex or number of long-term conditions are shown for your own practice only.',
    );
    expect(screen.queryByRole('alert')).toBeNull();
    expect(requests.filter((r) => r.url.includes('breakdown='))).toEqual([]);
  });

  it('splits a practice lead’s own practice as before', async () => {
    const requests = installFakeApi(practiceApi());
    renderAt(routes, '/inequalities?measure=plan_coverage&breakdown=imd_quintile');
    expect(await screen.findByRole('figure', { name: 'Deprivation gap in care plan coverage: Hill Street Practice' })).toBeTruthy();
    expect(screen.queryByTestId('breakdowns-own-practice')).toBeNull();
    expect(requests.some((r) => r.url === '/api/measures/plan_coverage/series?org=A00001&breakdown=imd_quintile')).toBe(true);
  });
});
