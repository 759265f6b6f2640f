import * as Plot from '@observablehq/plot';
import { monthNumber } from '@pcsp/analytics/stats/target-progress';
import type { CompareRow, RateChangeValue } from '@pcsp/contract/compare.contract';
import type { MeasureDirection, MeasureUnit } from '@pcsp/contract/measures.contract';
import type { ChartTable } from '../../../charts/chart-table';
import { COMPARISON_COLOURS } from '../../../charts/palette';
import { formatChange, formatPeriod, formatRate } from '../../../lib/format';

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

/** The two periods of a comparison's changes (every row's are the same), in words, and how many months each has. */
export interface ChangeSpan {
  earlier: string;
  later: string;
  months: number;
}

export function changeSpan(rows: readonly CompareRow[]): ChangeSpan | null {
  const change = rows.find((r) => r.change !== null)?.change;
  if (!change) return null;
  return {
    earlier: formatPeriod(change.fromFirstMonth, change.fromMonth),
    later: formatPeriod(change.toFirstMonth, change.toMonth),
    months: monthNumber(change.toMonth) - monthNumber(change.toFirstMonth) + 1,
  };
}

const oneDecimal = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
// Over 3 months the API gives a count as its average a month, which is rarely whole.
const averaged = (unit: MeasureUnit, months: number): boolean => unit === 'count' && months > 1;

/** A period's figure: a rate in its unit, a count over one month whole, a count over several its average a month ("15.3 a month"). */
export function formatPeriodValue(value: number | null | undefined, unit: MeasureUnit, months: number): string {
  if (!averaged(unit, months) || value === null || value === undefined) return formatRate(value, unit);
  return `${oneDecimal.format(value)} a month`;
}

/** A change as formatChange gives it, a count's average a month with one decimal ("+4.3 a month"). */
export function formatChangeValue(value: number | null | undefined, unit: MeasureUnit, months: number): string {
  if (!averaged(unit, months) || value === null || value === undefined) return formatChange(value, unit);
  const sign = value > 0 ? '+' : value < 0 ? '−' : '';
  return `${sign}${oneDecimal.format(Math.abs(value))} a month`;
}

/** What a change compares: "rate in August to October 2026 against August to October 2025". */
function compared(unit: MeasureUnit, span: ChangeSpan | null): string {
  const what = unit !== 'count' ? 'rate' : averaged(unit, span?.months ?? 1) ? 'average count a month' : 'count';
  return span ? `${what} in ${span.later} against ${span.earlier}` : `${what} against the earlier period`;
}

/** What the chart shows and what its colours mean: a measure with no better direction has rises and falls, not improvements. */
export function changeDescription(direction: MeasureDirection, unit: MeasureUnit, span: ChangeSpan | null): string {
  // A count (overdue reviews) is not a sample of a population: its change has no interval to judge it by.
  if (unit === 'count') {
    return `Each practice's ${compared(unit, span)}: the change, ordered from the largest fall to the largest rise. A count's change has no interval, so none is marked significant.`;
  }
  const pooled = span && span.months > 1 ? `, each period's numerators and denominators summed over its ${span.months} months` : '';
  const colours =
    direction === 'neither'
      ? 'Bluish green: a significant rise; reddish purple: a significant fall; grey: no significant change.'
      : 'Blue: a significant improvement; orange: a significant worsening; grey: no significant change.';
  return `Each practice's ${compared(unit, span)}${pooled}: the change with its 95% interval, ordered from the largest fall to the largest rise. ${colours}`;
}

/** Each practice's change with its 95% interval, ordered, against the line of no change. */
export function changeOptions(rows: readonly CompareRow[], unit: MeasureUnit, width = 760): Plot.PlotOptions {
  const points = changePoints(rows).map((p, i) => ({ ...p, order: i + 1 }));
  const months = changeSpan(rows)?.months ?? 1;
  return {
    width,
    height: 320,
    marginLeft: 56,
    x: { label: 'Practices, ordered by change →', ticks: [] },
    y: { label: `↑ Change (${unit === '%' ? 'percentage points' : averaged(unit, months) ? 'count a month' : unit})`, grid: true, nice: true },
    marks: [
      Plot.ruleY([0], { stroke: '#212B32' }),
      Plot.ruleX(points.filter((p) => p.low !== null && p.high !== null), { x: 'order', y1: 'low', y2: 'high', stroke: 'colour', strokeOpacity: 0.6 }),
      Plot.dot(points, {
        x: 'order',
        y: 'difference',
        fill: 'colour',
        r: 3,
        title: (p: ChangePoint) =>
          `${p.name} (${p.code})\n${formatChangeValue(p.difference, unit, months)} (${formatPeriodValue(p.change.previousRate, unit, months)} in ${formatPeriod(p.change.fromFirstMonth, p.change.fromMonth)})`,
        tip: true,
      }),
    ],
  };
}

/** The chart's numbers: each practice's figure in the earlier and the later period (columns named by the periods), and the change. */
export function changeTable(rows: readonly CompareRow[], unit: MeasureUnit): ChartTable {
  const span = changeSpan(rows);
  const months = span?.months ?? 1;
  return {
    caption: `Change by practice: ${compared(unit, span)}`,
    columns: ['Practice', span?.earlier ?? 'Earlier period', span?.later ?? 'Later period', 'Change', '95% interval of the change'],
    numeric: [1, 2, 3],
    rows: changePoints(rows).map((p) => [
      `${p.name} (${p.code})`,
      formatPeriodValue(p.change.previousRate, unit, months),
      formatPeriodValue(p.change.currentRate, unit, months),
      formatChangeValue(p.difference, unit, months),
      p.low !== null && p.high !== null ? `${formatChange(p.low, unit)} to ${formatChange(p.high, unit)}` : unit === 'count' ? 'none for a count' : 'no data',
    ]),
  };
}
