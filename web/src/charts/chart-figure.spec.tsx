import '../test/polyfills';
import * as Plot from '@observablehq/plot';
import { render, screen } from '@testing-library/react';
import { routes } from '../app/router';
import { COMPARE, standardApi } from '../test/api-fixtures';
import { installFakeApi, renderAt } from '../test/render-app';
import { ChartFigure } from './chart-figure';

const dots: Plot.PlotOptions = { marks: [Plot.dot([{ x: 1, y: 1 }], { x: 'x', y: 'y' })] };
const table = { caption: 'Dots by x', columns: ['x', 'y'], rows: [['1', '1']] };

/** The page's headings in document order: [level, text]. */
const outline = () => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => [Number(h.tagName[1]), h.textContent] as const);

/** Headings that go more than one level deeper than the one before (axe heading-order). */
const skips = () => outline().filter(([level], i, all) => i > 0 && level > all[i - 1]![0] + 1);

describe('ChartFigure', () => {
  it('titles the chart with an h3 unless told the level, and names the figure by it either way', () => {
    const { unmount } = render(<ChartFigure title="Dots" description="One dot." options={dots} table={table} />);
    expect(screen.getByRole('heading', { name: 'Dots' }).tagName).toBe('H3');
    expect(screen.getByRole('figure', { name: 'Dots' })).toBeTruthy();
    unmount();
    render(<ChartFigure title="Dots" description="One dot." options={dots} table={table} headingLevel={2} />);
    expect(screen.getByRole('heading', { name: 'Dots' }).tagName).toBe('H2');
    expect(screen.getByRole('figure', { name: 'Dots' })).toBeTruthy();
  });
});

describe('chart headings in the page outline', () => {
  it('Compare: the funnel plot and the change chart are sections of the page, beside the ranked table (h2 after the h1)', async () => {
    // Riverside Surgery down 5 points on a year before, so there is a change to chart.
    const change = { period: '12m' as const, fromFirstMonth: '2025-10', fromMonth: '2025-10', toFirstMonth: '2026-10', toMonth: '2026-10', previousRate: 35, currentRate: 30, difference: -5, low: -9, high: -1, significance: 'worse' as const };
    const withChange = { ...COMPARE, change: '12m' as const, sort: 'change' as const, rows: COMPARE.rows.map((r) => (r.code === 'B00002' ? { ...r, change } : r)) };
    installFakeApi(standardApi({ '/measures/plan_coverage/compare': { body: withChange } }));
    renderAt(routes, '/compare?measure=plan_coverage&change=12m');
    await screen.findByRole('heading', { name: 'Ranked table' });
    expect(outline().filter(([level]) => level <= 2)).toEqual([
      [1, 'Compare practices'],
      [2, expect.stringMatching(/^Funnel plot: Care plan coverage, /)],
      [2, 'Change in care plan coverage'],
      [2, 'Ranked table'],
    ]);
    expect(skips()).toEqual([]);
  });

  it('Inequalities: the lines over time are a section of the page (h2), as is the gap under its h2', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/inequalities?measure=plan_coverage&breakdown=imd_quintile');
    await screen.findByRole('figure', { name: 'Deprivation gap in care plan coverage: NHS North ICB' });
    expect(screen.getByRole('heading', { name: 'Care plan coverage by deprivation (IMD quintile) over time: NHS North ICB' }).tagName).toBe('H2');
    expect(screen.getByRole('heading', { name: 'Deprivation gap in care plan coverage: NHS North ICB' }).tagName).toBe('H3');
    // The bars of the latest month follow the h1 straight away: a section too.
    expect(screen.getByRole('heading', { name: /^Care plan coverage by deprivation \(IMD quintile\), / }).tagName).toBe('H2');
    expect(skips()).toEqual([]);
  });
});
