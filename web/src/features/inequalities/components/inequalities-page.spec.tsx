import '../../../test/polyfills';
import { screen, within } from '@testing-library/react';
import type { SeriesLine, SeriesPoint } from '@pcsp/contract/series.contract';
import { routes } from '../../../app/router';
import { SUMMARY, seriesOf, standardApi } from '../../../test/api-fixtures';
import { BREAKDOWN_LINES, seriesPoint } from '../../../test/fixtures';
import { practiceApi } from '../../../test/practice-api';
import { installFakeApi, renderAt } from '../../../test/render-app';

/**
 * The five IMD quintiles in one month as a commissioner sees them (counts rounded to 5, Wilson intervals to 1 decimal):
 * 1: 110/200 = 55% (48.1 to 61.7), 2: 130/200 = 65% (58.2 to 71.3), 3: 175/250 = 70% (64.1 to 75.3),
 * 4: 150/200 = 75% (68.6 to 80.5), 5: 120/150 = 80% (72.9 to 85.6).
 * SII with quintile 5 at x = 0 and 1 at x = 1 (order 5, 4, 3, 2, 1; n = 150, 200, 250, 200, 200; N = 1,000):
 * x = 0.075, 0.15 + 0.1 = 0.25, 0.35 + 0.125 = 0.475, 0.6 + 0.1 = 0.7, 0.8 + 0.1 = 0.9; x̄ = 0.01125 + 0.05 + 0.11875 + 0.14 + 0.18 = 0.5;
 * n (x − x̄) = −63.75, −50, −6.25, 40, 80; Σ n (x − x̄)² = 27.09375 + 12.5 + 0.15625 + 8 + 32 = 79.75.
 * SII = (−63.75·80 − 50·75 − 6.25·70 + 40·65 + 80·55) / 79.75 = (−5100 − 3750 − 437.5 + 2600 + 4400) / 79.75 = −2287.5/79.75 = −28.683386.
 * se_i = width_i / (2 × 1.959964), widths 12.7, 11.9, 11.2, 13.1, 13.6, so the half-width 1.959964 √(Σ c_i² se_i²) is
 * √(Σ (n (x − x̄) width)²) / (2 × 79.75) = √(4064.0625·161.29 + 2500·141.61 + 39.0625·125.44 + 1600·171.61 + 6400·184.96) / 159.5
 * = √(655492.640625 + 354025 + 4900 + 274576 + 1183744) / 159.5 = √2472737.640625 / 159.5 = 1572.494083 / 159.5 = 9.858897.
 * Limits −28.683386 ∓ 9.858897 = −38.542283 and −18.824489: shown as −28.7 (−38.5 to −18.8).
 */
const FULL: Record<1 | 2 | 3 | 4 | 5, Partial<SeriesPoint>> = {
  1: { numerator: 110, denominator: 200, rate: 55, ciLow: 48.1, ciHigh: 61.7 },
  2: { numerator: 130, denominator: 200, rate: 65, ciLow: 58.2, ciHigh: 71.3 },
  3: { numerator: 175, denominator: 250, rate: 70, ciLow: 64.1, ciHigh: 75.3 },
  4: { numerator: 150, denominator: 200, rate: 75, ciLow: 68.6, ciHigh: 80.5 },
  5: { numerator: 120, denominator: 150, rate: 80, ciLow: 72.9, ciHigh: 85.6 },
};

/** The quintile lines with FULL in month `full` and, in month `partial`, the same but quintile 3 suppressed; an unknown line as well. */
function quintileLines(full: string, partial: string): SeriesLine[] {
  const quintiles = ([1, 2, 3, 4, 5] as const).map((q) => ({
    breakdown: `imd_quintile=${q}`,
    label: String(q),
    points: [seriesPoint(full, FULL[q]), seriesPoint(partial, q === 3 ? { suppressed: true } : FULL[q])].sort((a, b) => a.month.localeCompare(b.month)),
  }));
  // People of unknown deprivation are on neither end of the scale: a line far off the others changes nothing.
  const unknown = { breakdown: 'imd_quintile=unknown', label: 'unknown', points: [seriesPoint(full, { numerator: 5, denominator: 50, rate: 10, ciLow: 4.3, ciHigh: 21.4 })] };
  return [...quintiles, unknown];
}

const quintileApi = (measure: 'plan_coverage' | 'emergency_admissions', lines: SeriesLine[]) =>
  standardApi({ [`/measures/${measure}/series`]: { body: { ...seriesOf(measure, SUMMARY.org, 'imd_quintile'), lines } } });

const SII_FIGURE = 'Slope index of inequality in care plan coverage, most minus least deprived: NHS North ICB';

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

  it('gives the latest month’s slope index of inequality, most minus least deprived, and charts it with its interval', async () => {
    installFakeApi(quintileApi('plan_coverage', quintileLines('2026-10', '2026-09')));
    renderAt(routes, '/inequalities?measure=plan_coverage&breakdown=imd_quintile');
    expect((await screen.findByTestId('sii-latest')).textContent).toBe(
      'In October 2026 the slope index of inequality, most deprived minus least deprived, was −28.7 percentage points (95% confidence interval −38.5 to −18.8 percentage points). ' +
        'It is the difference between the two ends of the deprivation scale given by a line through all five fifths (IMD quintiles 1 to 5), each weighted by its population. ' +
        'Below zero, the most deprived do worse on this measure.',
    );
    const figure = screen.getByRole('figure', { name: SII_FIGURE });
    expect(within(figure).getByRole('heading', { level: 4 }).textContent).toBe(SII_FIGURE);
    expect(within(within(figure).getByRole('list', { name: 'Legend' })).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Slope index of inequality', '95% confidence interval']);
    const table = within(figure).getByRole('table');
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Month', 'Most minus least deprived', '95% confidence interval']);
    // September has quintile 3 suppressed, so no SII: only October is shown.
    expect(within(table).getAllByRole('row').slice(1).map((r) => [...r.children].map((c) => c.textContent))).toEqual([
      ['October 2026', '−28.7 percentage points', '−38.5 to −18.8 percentage points'],
    ]);
    // The gap of the same month, for comparison: 55 − 80 = −25.0; September's too (quintiles 1 and 5 are shown then).
    const gap = screen.getByRole('figure', { name: 'Deprivation gap in care plan coverage: NHS North ICB' });
    expect(within(within(gap).getByRole('table')).getAllByRole('cell').map((c) => c.textContent)).toEqual(['−25.0 percentage points', '−25.0 percentage points']);
  });

  it('says why the latest month has no slope index when a quintile is suppressed, and charts the months that have one', async () => {
    installFakeApi(quintileApi('plan_coverage', quintileLines('2026-09', '2026-10')));
    renderAt(routes, '/inequalities?measure=plan_coverage&breakdown=imd_quintile');
    const figure = await screen.findByRole('figure', { name: SII_FIGURE });
    expect(screen.queryByTestId('sii-latest')).toBeNull();
    expect(
      screen.getByText(/^There is no slope index of inequality/).textContent,
    ).toBe('There is no slope index of inequality for October 2026: it needs the rate, interval and population of all five IMD quintiles (quintile 3 is suppressed).');
    expect(within(within(figure).getByRole('table')).getAllByRole('row').slice(1).map((r) => [...r.children].map((c) => c.textContent))).toEqual([
      ['September 2026', '−28.7 percentage points', '−38.5 to −18.8 percentage points'],
    ]);
  });

  it('names the quintiles suppressed and missing when no month has a slope index, and draws no chart', async () => {
    // The standard fixture: quintiles 1, 5 and 3 only, and 3 suppressed in October.
    installFakeApi(standardApi());
    renderAt(routes, '/inequalities?measure=plan_coverage&breakdown=imd_quintile');
    expect((await screen.findByText(/^There is no slope index of inequality/)).textContent).toBe(
      'There is no slope index of inequality for October 2026: it needs the rate, interval and population of all five IMD quintiles (quintile 3 is suppressed; quintiles 2 and 4 have none).',
    );
    expect(screen.queryByRole('figure', { name: SII_FIGURE })).toBeNull();
  });

  it('gives a rate per 1,000 in its unit and reads its sign by the measure’s direction (lower is better)', async () => {
    // The same points as a rate per 1,000: the same arithmetic, −28.683386 (−38.542283 to −18.824489).
    installFakeApi(quintileApi('emergency_admissions', quintileLines('2026-10', '2026-09')));
    renderAt(routes, '/inequalities?measure=emergency_admissions&breakdown=imd_quintile');
    expect((await screen.findByTestId('sii-latest')).textContent).toBe(
      'In October 2026 the slope index of inequality, most deprived minus least deprived, was −28.7 per 1,000 (95% confidence interval −38.5 to −18.8 per 1,000). ' +
        'It is the difference between the two ends of the deprivation scale given by a line through all five fifths (IMD quintiles 1 to 5), each weighted by its population. ' +
        'Above zero, the most deprived do worse on this measure.',
    );
    const figure = screen.getByRole('figure', { name: 'Slope index of inequality in emergency admissions, most minus least deprived: NHS North ICB' });
    expect(within(within(figure).getByRole('table')).getAllByRole('cell').map((c) => c.textContent)).toEqual(['−28.7 per 1,000', '−38.5 to −18.8 per 1,000']);
  });
});
