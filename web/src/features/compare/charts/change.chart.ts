import * as Plot from '@observablehq/plot';
import type { CompareRow, RateChangeValue } from '@pcsp/contract/compare.contract';
import type { MeasureDirection, MeasureUnit } from '@pcsp/contract/measures.contract';
import type { ChartTable } from '../../../charts/chart-table';
import { COMPARISON_COLOURS } from '../../../charts/palette';
import { formatChange, formatMonth, formatRate } from '../../../lib/format';

export interface ChangePoint {
  code: string;
  name: string;
  difference: number;
  low: number | null;
  high: number | null;
  colour: string;
  change: RateChangeValue;
}

/** Rows with a change, smallest to largest: a caterpillar of changes with their intervals. */
export function changePoints(rows: readonly CompareRow[]): ChangePoint[] {
  return rows
    .filter((r): r is CompareRow & { change: RateChangeValue & { difference: number } } => r.change !== null && r.change.difference !== null)
    .map((r) => ({
      code: r.code,
      name: r.name,
      difference: r.change.difference,
      low: r.change.low,
      high: r.change.high,
      colour: COMPARISON_COLOURS[r.change.significance ?? 'similar'],
      change: r.change,
    }))
    .sort((a, b) => a.difference - b.difference || a.name.localeCompare(b.name));
}

/** What the chart shows and what its colours mean: a measure with no better direction has rises and falls, not improvements. */
export function changeDescription(direction: MeasureDirection, unit: MeasureUnit): string {
  // A count (overdue reviews) is not a sample of a population: its change has no interval to judge it by.
  if (unit === 'count') return "Each practice's change in its count against the earlier period, ordered from the largest fall to the largest rise. A count's change has no interval, so none is marked significant.";
  const colours =
    direction === 'neither'
      ? 'Bluish green: a significant rise; reddish purple: a significant fall; grey: no significant change.'
      : 'Blue: a significant improvement; orange: a significant worsening; grey: no significant change.';
  return `Each practice's change against the earlier period with its 95% interval, ordered from the largest fall to the largest rise. ${colours}`;
}

/** Each practice's change with its 95% interval, ordered, against the line of no change. */
export function changeOptions(rows: readonly CompareRow[], unit: MeasureUnit, width = 760): Plot.PlotOptions {
  const points = changePoints(rows).map((p, i) => ({ ...p, order: i + 1 }));
  return {
    width,
    height: 320,
    marginLeft: 56,
    x: { label: 'Practices, ordered by change →', ticks: [] },
    y: { label: `↑ Change (${unit === '%' ? 'percentage points' : unit})`, grid: true, nice: true },
    marks: [
      Plot.ruleY([0], { stroke: '#212B32' }),
      Plot.ruleX(points.filter((p) => p.low !== null && p.high !== null), { x: 'order', y1: 'low', y2: 'high', stroke: 'colour', strokeOpacity: 0.6 }),
      Plot.dot(points, {
        x: 'order',
        y: 'difference',
        fill: 'colour',
        r: 3,
        title: (p: ChangePoint) => `${p.name} (${p.code})\n${formatChange(p.difference, unit)} (${formatRate(p.change.previousRate, unit)} in ${formatMonth(p.change.fromMonth)})`,
        tip: true,
      }),
    ],
  };
}

export function changeTable(rows: readonly CompareRow[], unit: MeasureUnit): ChartTable {
  return {
    caption: 'Change by practice',
    columns: ['Practice', 'Earlier rate', 'Current rate', 'Change', '95% interval of the change'],
    numeric: [1, 2, 3],
    rows: changePoints(rows).map((p) => {
      const row = rows.find((r) => r.code === p.code)!;
      return [
        `${p.name} (${p.code})`,
        formatRate(p.change.previousRate, unit),
        formatRate(row.rate, unit),
        formatChange(p.difference, unit),
        p.low !== null && p.high !== null ? `${formatChange(p.low, unit)} to ${formatChange(p.high, unit)}` : unit === 'count' ? 'none for a count' : 'no data',
      ];
    }),
  };
}
