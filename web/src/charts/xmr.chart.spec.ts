import * as Plot from '@observablehq/plot';
import { seriesPoint } from '../test/fixtures';
import { xmrLegend, xmrOptions, xmrRecalculatedFrom, xmrRecalculationMonths, xmrShape, xmrTable, type XmrValue } from './xmr.chart';

const value = (month: string, state: XmrValue['state']): XmrValue => ({ date: new Date(`${month}-01`), month, value: 1, state, rules: '' });

describe('XmR legend', () => {
  it('shows each state present as the point the chart draws (its colour and symbol), then the mean, limits and target', () => {
    const legend = xmrLegend([value('2026-01', 'common'), value('2026-02', 'improvement'), value('2026-03', 'common')], 40);
    expect(legend).toEqual([
      { label: 'Special cause: improvement', colour: '#0072B2', shape: 'dot', symbol: 'triangle' },
      { label: 'Common cause', colour: '#768692', shape: 'dot', symbol: 'circle' },
      { label: 'Mean', colour: '#212B32' },
      { label: 'Process limits (mean ± 2.66 × mean moving range)', colour: '#212B32', dash: '6,4' },
      { label: 'Target', colour: '#D5281B', dash: '2,3' },
    ]);
  });
});

describe('XmR chart recalculated from a month', () => {
  // 10 12 11 13 20 22 21 23 (%), January to August 2026.
  const POINTS = [10, 12, 11, 13, 20, 22, 21, 23].map((rate, i) => seriesPoint(`2026-0${i + 1}`, { numerator: rate, denominator: 100, rate }));

  it('offers the months that leave at least 2 before and 2 from them, suppressed months left out', () => {
    expect(xmrRecalculationMonths(POINTS, '%')).toEqual(['2026-03', '2026-04', '2026-05', '2026-06', '2026-07']);
    // With May suppressed, 7 months: the third to the sixth kept (March, April, June, July).
    const gap = POINTS.map((p) => (p.month === '2026-05' ? { ...p, suppressed: true, numerator: null, rate: null } : p));
    expect(xmrRecalculationMonths(gap, '%')).toEqual(['2026-03', '2026-04', '2026-06', '2026-07']);
    expect(xmrRecalculationMonths(POINTS.slice(0, 4), '%')).toEqual(['2026-03']);
    expect(xmrRecalculationMonths(POINTS.slice(0, 3), '%')).toEqual([]);
  });

  it("tables each month with its phase's mean and limits", () => {
    // Phase 1 (January to April), 10 12 11 13: mean 11.5, moving ranges 2 1 2 → 5/3, limits 11.5 ∓ 4.4333 → 7.1% to 15.9%.
    // Phase 2 (May to August), 20 22 21 23: the same spread around 21.5 → 17.1% to 25.9%; May's step of 7 is no
    // moving range of either phase. Nothing special in either.
    const shape = xmrShape(POINTS, '%', 'higher', null, undefined, '2026-05')!;
    expect(xmrRecalculatedFrom(shape)).toEqual(['2026-05']);
    const table = xmrTable(shape, '%', 'Riverside Surgery');
    expect(table.caption).toBe('Riverside Surgery: XmR chart by month (mean 11.5%, limits 7.1% to 15.9%; recalculated from May 2026: mean 21.5%, limits 17.1% to 25.9%)');
    expect(table.columns).toEqual(['Month', 'Value', 'Moving range', 'Mean', 'Lower limit', 'Upper limit', 'Variation', 'Rules']);
    expect(table.rows).toEqual([
      ['January 2026', '10.0%', '', '11.5%', '7.1%', '15.9%', 'Common cause', ''],
      ['February 2026', '12.0%', '2.0%', '11.5%', '7.1%', '15.9%', 'Common cause', ''],
      ['March 2026', '11.0%', '1.0%', '11.5%', '7.1%', '15.9%', 'Common cause', ''],
      ['April 2026', '13.0%', '2.0%', '11.5%', '7.1%', '15.9%', 'Common cause', ''],
      ['May 2026', '20.0%', '', '21.5%', '17.1%', '25.9%', 'Common cause', ''],
      ['June 2026', '22.0%', '2.0%', '21.5%', '17.1%', '25.9%', 'Common cause', ''],
      ['July 2026', '21.0%', '1.0%', '21.5%', '17.1%', '25.9%', 'Common cause', ''],
      ['August 2026', '23.0%', '2.0%', '21.5%', '17.1%', '25.9%', 'Common cause', ''],
    ]);
    // One phase: mean 16.5, moving ranges 17/7, limits 16.5 ∓ 6.46 → 10.04 (10.0%) to 22.96 (23.0%); two-thirds lines
    // 12.19 and 20.81, so January to March are a concern (2 of 3 near a limit; January, 10, below the limit too) and
    // June to August an improvement.
    const one = xmrTable(xmrShape(POINTS, '%', 'higher', null)!, '%', 'Riverside Surgery');
    expect(one.caption).toBe('Riverside Surgery: XmR chart by month (mean 16.5%, limits 10.0% to 23.0%)');
    expect(one.rows[4]).toEqual(['May 2026', '20.0%', '7.0%', '16.5%', '10.0%', '23.0%', 'Common cause', '']);
    expect(one.rows[0]).toEqual(['January 2026', '10.0%', '', '16.5%', '10.0%', '23.0%', 'Special cause: concern', 'outside the limits; 2 of 3 near a limit']);
  });

  it('keeps one phase for a month that is not offered, and applies a baseline to the first phase only', () => {
    expect(xmrShape(POINTS, '%', 'higher', null, undefined, '2026-08')!.chart.phases).toHaveLength(1);
    expect(xmrShape(POINTS, '%', 'higher', null, undefined, '2026-02')!.chart.phases).toHaveLength(1);
    // A baseline of 2 in the phase before May: 10 12 → mean 11, limits 11 ∓ 5.32; May to August keep 21.5 from all 4.
    const based = xmrShape(POINTS, '%', 'higher', null, 2, '2026-05')!;
    expect(based.chart.phases.map((p) => p.mean)).toEqual([11, 21.5]);
    // A baseline as long as the first phase (4) is no baseline: its mean is that of all 4.
    expect(xmrShape(POINTS, '%', 'higher', null, 4, '2026-05')!.chart.phases[0].mean).toBe(11.5);
  });

  it('draws each phase its own mean and limits, a rule at May, and says so in the legend', () => {
    const shape = xmrShape(POINTS, '%', 'higher', null, undefined, '2026-05')!;
    const svg = Plot.plot(xmrOptions(shape, '%', null));
    // 2 phases × (mean, lower and upper limit), then the values' line.
    expect(svg.querySelectorAll('g[aria-label="line"]')).toHaveLength(7);
    // The rule stands at May, the fifth point.
    const rule = svg.querySelectorAll('g[aria-label="rule"] line');
    expect(rule).toHaveLength(1);
    const may = svg.querySelectorAll('g[aria-label="dot"] path')[4]?.getAttribute('transform');
    expect(may?.split(',')[0]).toBe(`translate(${rule[0]?.getAttribute('x1')}`);
    expect(svg.querySelector('g[aria-label="text"]')?.textContent).toBe('Recalculated');
    const one = Plot.plot(xmrOptions(xmrShape(POINTS, '%', 'higher', null)!, '%', null));
    expect(one.querySelectorAll('g[aria-label="line"]')).toHaveLength(4);
    expect(one.querySelector('g[aria-label="rule"]')).toBeNull();
    expect(xmrLegend(shape.values, null, xmrRecalculatedFrom(shape))).toEqual([
      { label: 'Common cause', colour: '#768692', shape: 'dot', symbol: 'circle' },
      { label: 'Mean of each phase', colour: '#212B32' },
      { label: 'Process limits (mean ± 2.66 × mean moving range, of each phase)', colour: '#212B32', dash: '6,4' },
      { label: 'Limits recalculated from May 2026', colour: '#4C6272', dash: '8,3,2,3' },
    ]);
  });
});
