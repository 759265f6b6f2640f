import * as Plot from '@observablehq/plot';
import type { MeasureUnit } from '@pcsp/contract/measures.contract';
import type { SeriesPoint } from '@pcsp/contract/series.contract';
import { xmrChart, type SpcDirection, type XmrChart } from '@pcsp/analytics/stats/xmr-chart';
import { formatMonth, formatRate, headlineValue, monthDate } from '../lib/format';
import type { ChartTable } from './chart-table';
import type { LegendItem } from './chart-legend';
import { LINE_COLOURS } from './palette';
import { monthScale } from './month-scale';

/** Making Data Count's colours: blue improvement, orange concern, purple neither, grey common cause (here in Okabe-Ito and NHS tones). */
export const SPC_COLOURS = { improvement: '#0072B2', concern: '#D55E00', neither: '#7C2855', common: '#768692' } as const;
export const SPC_SYMBOLS = { improvement: 'triangle', concern: 'diamond', neither: 'square', common: 'circle' } as const;
export const SPC_LABELS = {
  improvement: 'Special cause: improvement',
  concern: 'Special cause: concern',
  neither: 'Special cause: neither better nor worse',
  common: 'Common cause',
} as const;
const RULE_LABELS = { outside_limits: 'outside the limits', shift: '7 on one side of the mean', trend: '7 rising or falling', two_of_three: '2 of 3 near a limit' } as const;

export interface XmrValue {
  date: Date;
  month: string;
  value: number;
  state: keyof typeof SPC_COLOURS;
  rules: string;
}

/** The XmR chart of a series' headline values (suppressed and empty months left out), or null with fewer than 2. */
export function xmrShape(
  points: readonly SeriesPoint[],
  unit: MeasureUnit,
  direction: SpcDirection,
  target: number | null,
  /** Months from the first whose mean and moving ranges set the limits (all when omitted, or when there are no more). */
  baseline?: number,
): { chart: XmrChart; values: XmrValue[] } | null {
  const kept = points.flatMap((p) => {
    const value = headlineValue(p, unit);
    return value === null || p.suppressed ? [] : [{ month: p.month, value }];
  });
  if (kept.length < 2) return null;
  const chart = xmrChart(kept.map((k) => k.value), direction, target, baseline !== undefined && baseline < kept.length ? baseline : undefined);
  const values = kept.map((k, i): XmrValue => {
    const special = chart.points[i].special;
    return {
      date: monthDate(k.month),
      month: k.month,
      value: k.value,
      state: special ? special.kind : 'common',
      rules: special ? special.rules.map((r) => RULE_LABELS[r]).join('; ') : '',
    };
  });
  return { chart, values };
}

/** XmR chart: the values coloured and shaped by special cause, the mean (solid), the process limits (dashed) and any target (dotted). */
export function xmrOptions(shape: { chart: XmrChart; values: XmrValue[] }, unit: MeasureUnit, target: number | null, width = 760, height = 320): Plot.PlotOptions {
  const { chart, values } = shape;
  const first = values[0].date;
  const last = values[values.length - 1].date;
  const rule = (y: number, dash: string, stroke: string) => Plot.lineY([{ date: first, y }, { date: last, y }], { x: 'date', y: 'y', stroke, strokeDasharray: dash, strokeWidth: 1.5 });
  return {
    width,
    height,
    marginLeft: 56,
    marginTop: 20,
    x: monthScale({ ticks: 6 }),
    y: { label: `↑ ${unit === 'count' ? 'Count' : `Rate (${unit})`}`, grid: true, nice: true, zero: unit === 'count' },
    color: { domain: Object.keys(SPC_COLOURS), range: Object.values(SPC_COLOURS) },
    symbol: { domain: Object.keys(SPC_SYMBOLS), range: Object.values(SPC_SYMBOLS) },
    marks: [
      rule(chart.upperLimit, '6,4', LINE_COLOURS.england),
      rule(chart.lowerLimit, '6,4', LINE_COLOURS.england),
      rule(chart.mean, '', LINE_COLOURS.england),
      ...(target !== null ? [rule(target, '2,3', LINE_COLOURS.highlight)] : []),
      Plot.lineY(values, { x: 'date', y: 'value', stroke: SPC_COLOURS.common, strokeWidth: 1.5 }),
      Plot.dot(values, {
        x: 'date',
        y: 'value',
        fill: 'state',
        symbol: 'state',
        r: 4,
        title: (d: XmrValue) => `${formatMonth(d.month)}: ${formatRate(d.value, unit)}\n${SPC_LABELS[d.state]}${d.rules ? ` (${d.rules})` : ''}`,
        tip: true,
      }),
    ],
  };
}

export function xmrLegend(values: readonly XmrValue[], target: number | null): LegendItem[] {
  const present = new Set(values.map((v) => v.state));
  const items: LegendItem[] = (Object.keys(SPC_COLOURS) as (keyof typeof SPC_COLOURS)[])
    .filter((s) => present.has(s))
    // Each state as the chart draws it: a point of its symbol, not a line.
    .map((s) => ({ label: SPC_LABELS[s], colour: SPC_COLOURS[s], shape: 'dot' as const, symbol: SPC_SYMBOLS[s] }));
  items.push({ label: 'Mean', colour: LINE_COLOURS.england }, { label: 'Process limits (mean ± 2.66 × mean moving range)', colour: LINE_COLOURS.england, dash: '6,4' });
  if (target !== null) items.push({ label: 'Target', colour: LINE_COLOURS.highlight, dash: '2,3' });
  return items;
}

export function xmrTable(shape: { chart: XmrChart; values: XmrValue[] }, unit: MeasureUnit, name: string): ChartTable {
  const { chart, values } = shape;
  return {
    caption: `${name}: XmR chart by month (mean ${formatRate(chart.mean, unit)}, limits ${formatRate(chart.lowerLimit, unit)} to ${formatRate(chart.upperLimit, unit)})`,
    columns: ['Month', 'Value', 'Moving range', 'Variation', 'Rules'],
    numeric: [1, 2],
    rows: values.map((v, i) => [
      formatMonth(v.month),
      formatRate(v.value, unit),
      chart.points[i].movingRange === null ? '' : formatRate(chart.points[i].movingRange, unit),
      SPC_LABELS[v.state],
      v.rules,
    ]),
  };
}
