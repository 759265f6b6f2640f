import * as Plot from '@observablehq/plot';
import type { MeasureUnit } from '@pcsp/contract/measures.contract';
import type { GapValue } from '../../../charts/breakdown.chart';
import type { ChartTable } from '../../../charts/chart-table';
import { LINE_COLOURS } from '../../../charts/palette';
import { formatChange, formatMonth } from '../../../lib/format';
import { monthScale } from '../../../charts/month-scale';

/** The gap between the most and least deprived over time, against the line of no gap. */
export function gapOptions(gaps: readonly GapValue[], unit: MeasureUnit, width = 760): Plot.PlotOptions {
  return {
    width,
    height: 260,
    marginLeft: 56,
    x: monthScale(),
    y: { label: `↑ Most minus least deprived (${unit === '%' ? 'percentage points' : unit})`, grid: true, nice: true },
    marks: [
      Plot.ruleY([0], { stroke: '#212B32' }),
      Plot.lineY(gaps, { x: 'date', y: 'gap', stroke: LINE_COLOURS.org, strokeWidth: 2.5 }),
      Plot.dot(gaps, { x: 'date', y: 'gap', fill: LINE_COLOURS.org, r: 2.5, title: (g: GapValue) => `${formatMonth(g.month)}: ${formatChange(g.gap, unit)}`, tip: true }),
    ],
  };
}

export function gapTable(gaps: readonly GapValue[], unit: MeasureUnit): ChartTable {
  return {
    caption: 'Gap between the most and least deprived by month',
    columns: ['Month', 'Most minus least deprived'],
    numeric: [1],
    rows: gaps.map((g) => [formatMonth(g.month), formatChange(g.gap, unit)]),
  };
}
