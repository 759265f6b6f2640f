import * as Plot from '@observablehq/plot';
import type { SeriesLine } from '@pcsp/contract/series.contract';
import { BREAKDOWN_LINES, seriesPoint } from '../test/fixtures';
import { breakdownBars, breakdownOptions, breakdownTable, categoryLinesLegend, categoryLinesOptions, categoryLineValues, categoryLinesTable, deprivationGapValues, gapValues } from './breakdown.chart';

/** The y of an element's translate(x, y). */
const translateY = (el: Element | null) => Number(/translate\([^,]+,([^)]+)\)/.exec(el?.getAttribute('transform') ?? '')![1]);

/**
 * Where, in px from the top of the svg, the x axis's tick labels end and its label starts and ends, for 12 px text
 * (the charts' size) as Plot places it: a tick label hangs from its anchor (a 1 em box), the label stands on its
 * baseline (0.71 em above it to 0.29 em below).
 */
function xAxisText(svg: Element) {
  const ticks = svg.querySelector('g[aria-label="x-axis tick label"]')!;
  const label = svg.querySelector('g[aria-label="x-axis label"]')!;
  const baseline = translateY(label) + translateY(label.querySelector('text'));
  return {
    ticks: [...ticks.querySelectorAll('text')].map((t) => t.textContent),
    tickBottom: Math.max(...[...ticks.querySelectorAll('text')].map((t) => translateY(ticks) + translateY(t))) + 12,
    label: label.textContent,
    labelTop: baseline - 0.71 * 12,
    labelBottom: baseline + 0.29 * 12,
    height: Number(svg.getAttribute('height')),
  };
}

describe('breakdown chart', () => {
  it('at 320 px wide, puts the x axis label on its own line under the tick labels, within the chart', () => {
    const options = breakdownOptions({ lines: BREAKDOWN_LINES, unit: '%', overall: 50 });
    expect([options.marginBottom, options.height]).toEqual([44, 172]);
    expect(options.x).toMatchObject({ label: 'Rate (%) →', labelAnchor: 'right', labelOffset: 38 });
    // 3 bars: 36 × 3 + 64 = 172 px tall, the axis at 172 − 44 = 128. Tick labels from 128 + 9.5 (Plot's 6 px tick,
    // 3 px padding and the half pixel) to 149.5; the label's baseline at 128 + 38.5 = 166.5, so it takes 157.98 to 169.98.
    // In Plot's place (baseline at 128 + 27.5) it would start at 146.98, inside the tick labels.
    const axis = xAxisText(Plot.plot({ ...options, width: 320, style: { fontSize: '12px' } }));
    expect(axis.ticks).toEqual(['0', '50']);
    expect(axis.label).toBe('Rate (%) →');
    expect(axis.tickBottom).toBeCloseTo(149.5, 6);
    expect(axis.labelTop).toBeCloseTo(157.98, 6);
    expect(axis.labelBottom).toBeCloseTo(169.98, 6);
    expect(axis.labelTop).toBeGreaterThan(axis.tickBottom);
    expect(axis.labelBottom).toBeLessThanOrEqual(axis.height);
  });

  it('takes the last month of each breakdown value and leaves out the whole population', () => {
    expect(breakdownBars(BREAKDOWN_LINES).map((b) => [b.label, b.rate, b.suppressed])).toEqual([
      ['1 (most deprived)', 35, false],
      ['5 (least deprived)', 60, false],
      ['3', null, true],
    ]);
    expect(breakdownBars(BREAKDOWN_LINES, '2026-09').map((b) => b.rate)).toEqual([30, 55, 40]);
  });

  it('draws bars for shown values and labels the suppressed one instead of drawing 0', () => {
    const svg = Plot.plot(breakdownOptions({ lines: BREAKDOWN_LINES, unit: '%', overall: 50 }));
    expect(svg.querySelectorAll('g[aria-label="bar"] rect')).toHaveLength(2);
    expect(svg.querySelector('g[aria-label="text"]')?.textContent).toBe('suppressed');
    // Whiskers: one rule per interval, and a tick at each end.
    expect(svg.querySelectorAll('g[aria-label="rule"]')[0]!.querySelectorAll('line')).toHaveLength(2);
  });

  it('tabulates suppressed values as suppressed', () => {
    const table = breakdownTable(BREAKDOWN_LINES, '%', 'IMD quintile');
    expect(table.rows).toEqual([
      ['1 (most deprived)', '35', '100', '35.0%', '26.4% to 44.7%'],
      ['5 (least deprived)', '60', '100', '60.0%', '50.2% to 69.1%'],
      ['3', 'suppressed', 'suppressed', 'suppressed', 'suppressed'],
    ]);
  });

  it('names IMD quintile 1 the most deprived and 5 the least on the bars’ axis and the lines’ legend and table', () => {
    const bars = Plot.plot(breakdownOptions({ lines: BREAKDOWN_LINES, unit: '%' }));
    expect([...bars.querySelectorAll('g[aria-label="y-axis tick label"] text')].map((t) => t.textContent)).toEqual(['1 (most deprived)', '5 (least deprived)', '3']);
    const lines = BREAKDOWN_LINES.slice(1);
    expect(categoryLinesLegend(lines).map((i) => i.label)).toEqual(['1 (most deprived)', '5 (least deprived)', '3']);
    expect(categoryLinesTable(lines, '%', 'By IMD').columns).toEqual(['Month', '1 (most deprived)', '5 (least deprived)', '3']);
    expect(categoryLinesOptions(lines, '%').color?.domain).toEqual(['1 (most deprived)', '5 (least deprived)', '3']);
  });

  it('computes the gap between two lines where both are shown', () => {
    // 2026-09: 30 − 55 = −25; 2026-10: 35 − 60 = −25.
    expect(gapValues(BREAKDOWN_LINES[1], BREAKDOWN_LINES[2]).map((g) => [g.month, g.gap])).toEqual([['2026-09', -25], ['2026-10', -25]]);
    // Line 3 is suppressed in 2026-10, so only 2026-09 (30 − 40 = −10) remains.
    expect(gapValues(BREAKDOWN_LINES[1], BREAKDOWN_LINES[3]).map((g) => g.gap)).toEqual([-10]);
    expect(gapValues(undefined, BREAKDOWN_LINES[2])).toEqual([]);
  });

  it('takes the deprivation gap as quintile 1 less quintile 5, whatever the unknown quintile holds', () => {
    // The unknown quintile sorts after 5 by name; it had been taken for the least deprived (35 − 70 in 2026-10 alone).
    const unknown: SeriesLine = { breakdown: 'imd_quintile=unknown', label: 'Unknown', points: [seriesPoint('2026-10', { rate: 70 })] };
    expect(deprivationGapValues([...BREAKDOWN_LINES, unknown]).map((g) => [g.month, g.gap])).toEqual([['2026-09', -25], ['2026-10', -25]]);
    expect(deprivationGapValues([BREAKDOWN_LINES[1]!, BREAKDOWN_LINES[3]!, unknown])).toEqual([]);
  });

  it('draws category lines without suppressed months and tabulates them by month', () => {
    expect(categoryLineValues(BREAKDOWN_LINES.slice(2)).map((v) => [v.label, v.month, v.value])).toEqual([
      ['5 (least deprived)', '2026-09', 55],
      ['5 (least deprived)', '2026-10', 60],
      ['3', '2026-09', 40],
    ]);
    const table = categoryLinesTable(BREAKDOWN_LINES.slice(2), '%', 'By IMD');
    expect(table.rows).toEqual([
      ['September 2026', '55.0%', '40.0%'],
      ['October 2026', '60.0%', 'suppressed'],
    ]);
  });
});
