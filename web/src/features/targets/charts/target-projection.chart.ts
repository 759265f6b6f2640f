import * as Plot from '@observablehq/plot';
import type { MeasureUnit } from '@pcsp/contract/measures.contract';
import type { TargetProgressItem } from '@pcsp/contract/targets.contract';
import type { ChartTable } from '../../../charts/chart-table';
import { LINE_COLOURS } from '../../../charts/palette';
import { PROVISIONAL_DASH } from '../../../charts/trend.chart';
import { addMonths, formatMonth, formatRate, monthDate } from '../../../lib/format';
import { monthScale } from '../../../charts/month-scale';

/** NHS red for the target line; it also carries a label, so colour is not the only cue. */
export const TARGET_COLOUR = '#D5281B';

const monthsBetween = (from: string, to: string) => {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  return (ty! - fy!) * 12 + (tm! - fm!);
};

/** The fitted line from the first month it was fitted to until the target month (two points), or none. */
export function fittedLine(item: TargetProgressItem): { month: string; date: Date; value: number }[] {
  const p = item.progress;
  if (!p || p.slopePerMonth === null || p.lineAtLatest === null || p.trendFrom === null) return [];
  const end = p.projection?.month ?? p.latestMonth;
  const at = (month: string) => p.lineAtLatest! + p.slopePerMonth! * monthsBetween(p.latestMonth, month);
  return [p.trendFrom, end].map((month) => ({ month, date: monthDate(month), value: at(month) }));
}

/**
 * The y domain: every value drawn (the months, the line, the prediction interval, the target) with a tenth of their
 * spread either side, a percentage kept within 0–100 and nothing below 0. A fixed 0–100 squashed rates moving between
 * 20% and 35% into a seventh of the height. 0 is taken in only when the lowest value is within half the spread of it:
 * the baseline then costs at most a third of the height and shows how far from nothing the rate is; further off it
 * would flatten the progress towards the target that the chart is there to show.
 */
function projectionDomain(item: TargetProgressItem): [number, number] {
  const projection = item.progress?.projection;
  const values = [
    ...item.trend.flatMap((p) => (p.rate === null ? [] : [p.rate])),
    ...fittedLine(item).map((p) => p.value),
    ...(projection ? [projection.low, projection.high] : []),
    item.target.targetRate,
  ];
  const ceiling = item.unit === '%' ? 100 : Infinity;
  const low = Math.max(0, Math.min(...values));
  const high = Math.min(ceiling, Math.max(...values));
  const spread = high - low;
  const pad = spread > 0 ? spread / 10 : Math.max(1, high / 10);
  return [low <= spread / 2 ? 0 : Math.max(0, low - pad), Math.min(ceiling, high + pad)];
}

/**
 * The area's last 12 final months (dots joined), any provisional month after them (hollow, dashed on: not fitted),
 * the least-squares line carried on to the target month (dashed), the 95% prediction interval there (a bar with a
 * dot at the projection) and the target (a red rule).
 */
export function targetProjectionOptions(item: TargetProgressItem, { width = 760, height = 300 }: { width?: number; height?: number } = {}): Plot.PlotOptions {
  const unit = item.unit;
  const observed = item.trend.filter((p) => p.rate !== null).map((p) => ({ date: monthDate(p.month), month: p.month, value: p.rate as number, provisional: p.provisional === true }));
  // Provisional months are not in the line: drawn hollow, on a dashed segment from the last final month.
  const final = observed.filter((p) => !p.provisional);
  const firstProvisional = observed.findIndex((p) => p.provisional);
  const tail = firstProvisional < 0 ? [] : observed.slice(Math.max(0, firstProvisional - 1));
  const pointTitle = (d: { month: string; value: number; provisional: boolean }) =>
    `${formatMonth(d.month)}: ${formatRate(d.value, unit)}${d.provisional ? ' (provisional: not in the trend line)' : ''}`;
  const projection = item.progress?.projection ?? null;
  const target = item.target.targetRate;
  const lastMonth = projection?.month ?? item.target.targetMonth;
  const [bottom, top] = projectionDomain(item);
  return {
    width,
    height,
    marginLeft: 56,
    x: monthScale({ ticks: 6, domain: [monthDate(item.trend[0]?.month ?? lastMonth), monthDate(addMonths(lastMonth, 1))] }),
    y: { label: `↑ ${unit === 'count' ? 'Count' : `Rate (${unit})`}`, grid: true, nice: true, domain: [bottom, top] },
    marks: [
      Plot.ruleY([target], { stroke: TARGET_COLOUR, strokeWidth: 2, strokeDasharray: '8,4' }),
      // Ends at the plot's right edge, just above the rule, so none of it falls outside the figure; the halo keeps it
      // legible where it crosses the prediction interval.
      Plot.text([target], {
        x: monthDate(addMonths(lastMonth, 1)),
        y: (d: number) => d,
        text: () => `Target ${formatRate(target, unit)}`,
        textAnchor: 'end',
        lineAnchor: 'bottom',
        dy: -4,
        fill: TARGET_COLOUR,
        stroke: 'white',
        strokeWidth: 3,
        paintOrder: 'stroke',
      }),
      Plot.lineY(fittedLine(item), { x: 'date', y: 'value', stroke: LINE_COLOURS.parent, strokeWidth: 2, strokeDasharray: '6,3' }),
      ...(projection
        ? [
            // A percentage's interval can reach past 0 or 100, where the y scale stops.
            Plot.ruleX([projection], { x: (d: typeof projection) => monthDate(d.month), y1: (d: typeof projection) => Math.max(bottom, d.low), y2: (d: typeof projection) => Math.min(top, d.high), stroke: LINE_COLOURS.parent, strokeWidth: 6, strokeOpacity: 0.45 }),
            Plot.dot([projection], {
              x: (d: typeof projection) => monthDate(d.month),
              y: 'rate',
              r: 5,
              fill: LINE_COLOURS.parent,
              stroke: 'white',
              title: (d: typeof projection) => `Projection for ${formatMonth(d.month)}: ${formatRate(d.rate, unit)} (95% prediction interval ${formatRate(d.low, unit)} to ${formatRate(d.high, unit)})`,
              tip: true,
            }),
          ]
        : []),
      Plot.lineY(final, { x: 'date', y: 'value', stroke: LINE_COLOURS.org, strokeWidth: 2.5 }),
      ...(tail.length > 1 ? [Plot.lineY(tail, { x: 'date', y: 'value', stroke: LINE_COLOURS.org, strokeWidth: 2.5, strokeDasharray: PROVISIONAL_DASH })] : []),
      Plot.dot(final, { x: 'date', y: 'value', fill: LINE_COLOURS.org, r: 3, title: pointTitle, tip: true }),
      ...(tail.length
        ? [Plot.dot(observed.filter((p) => p.provisional), { x: 'date', y: 'value', fill: 'white', stroke: LINE_COLOURS.org, strokeWidth: 1.5, r: 3.5, title: pointTitle, tip: true })]
        : []),
    ],
  };
}

/** The numbers behind the chart: each month's rate, then the projection with its interval. */
export function targetProjectionTable(item: TargetProgressItem, areaName: string): ChartTable {
  const unit: MeasureUnit = item.unit;
  const line = fittedLine(item);
  const p = item.progress;
  const fitted = (month: string) =>
    p && p.slopePerMonth !== null && p.lineAtLatest !== null && line.length ? formatRate(p.lineAtLatest + p.slopePerMonth * monthsBetween(p.latestMonth, month), unit) : '';
  const rows = item.trend.map((t) => [t.provisional ? `${formatMonth(t.month)} (provisional, not in the trend line)` : formatMonth(t.month), formatRate(t.rate, unit), fitted(t.month), '']);
  if (p?.projection) rows.push([`${formatMonth(p.projection.month)} (projection)`, '', formatRate(p.projection.rate, unit), `${formatRate(p.projection.low, unit)} to ${formatRate(p.projection.high, unit)}`]);
  const provisional = item.trend.some((t) => t.provisional);
  return {
    caption: `${areaName}: ${provisional ? `the 12 final months to ${formatMonth(item.finalMonth)}, the provisional months after them` : 'the last 12 months'} and the projection`,
    columns: ['Month', 'Rate', 'Trend line', '95% prediction interval'],
    rows,
    numeric: [1, 2],
  };
}
