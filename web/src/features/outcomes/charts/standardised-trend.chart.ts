import * as Plot from '@observablehq/plot';
import type { StandardisedGroupValue, StandardisedOutcomeTrend } from '@pcsp/contract/evaluation.contract';
import type { MeasureUnit } from '@pcsp/contract/measures.contract';
import { formatInterval, formatMonth, formatRate, monthDate } from '../../../lib/format';
import type { ChartTable } from '../../../charts/chart-table';
import { CATEGORY_COLOURS } from '../../../charts/palette';
import { monthScale } from '../../../charts/month-scale';

export const PLAN_GROUPS = [
  { key: 'withPlan', label: 'With a plan', colour: CATEGORY_COLOURS[0]! },
  { key: 'withoutPlan', label: 'Without a plan', colour: CATEGORY_COLOURS[1]! },
] as const;

interface GroupPoint {
  group: string;
  date: Date;
  month: string;
  rate: number;
  low: number | null;
  high: number | null;
}

/** The months where a group has a standardised rate (suppressed months and months without a comparison are gaps, never 0). */
function groupPoints(outcome: StandardisedOutcomeTrend): GroupPoint[] {
  return PLAN_GROUPS.flatMap(({ key, label }) =>
    outcome.points.flatMap((p) => {
      const g: StandardisedGroupValue = p[key];
      return g.rate === null ? [] : [{ group: label, date: monthDate(p.month), month: p.month, rate: g.rate, low: g.low, high: g.high }];
    }),
  );
}

/** The standardised rates with and without a plan by month, each with its 95% interval drawn as a band. */
export function standardisedTrendOptions(outcome: StandardisedOutcomeTrend, width = 760, height = 280): Plot.PlotOptions {
  const unit = outcome.unit as MeasureUnit;
  const points = groupPoints(outcome);
  const banded = points.filter((p) => p.low !== null && p.high !== null);
  const colour = { domain: PLAN_GROUPS.map((g) => g.label), range: PLAN_GROUPS.map((g) => g.colour) };
  // Every month asked for, so that months without a comparison show as gaps rather than a shorter axis.
  const first = outcome.points[0];
  const last = outcome.points[outcome.points.length - 1];
  return {
    width,
    height,
    marginLeft: 56,
    x: monthScale(first && last ? { domain: [monthDate(first.month), monthDate(last.month)] } : {}),
    y: { label: `↑ Standardised rate (${unit})`, grid: true, nice: true, zero: true },
    color: colour,
    marks: [
      Plot.areaY(banded, { x: 'date', y1: 'low', y2: 'high', z: 'group', fill: 'group', fillOpacity: 0.15 }),
      Plot.lineY(points, { x: 'date', y: 'rate', z: 'group', stroke: 'group', strokeWidth: 2.5 }),
      Plot.dot(points, {
        x: 'date',
        y: 'rate',
        fill: 'group',
        r: 2.5,
        title: (p: GroupPoint) => `${p.group}, ${formatMonth(p.month)}: ${formatRate(p.rate, unit)}${p.low !== null ? ` (95% interval ${formatInterval(p.low, p.high, unit)})` : ''}`,
        tip: true,
      }),
    ],
  };
}

const cell = (g: StandardisedGroupValue, unit: MeasureUnit, part: 'rate' | 'interval') => {
  if (g.suppressed) return 'suppressed';
  if (part === 'rate') return formatRate(g.rate, unit);
  return g.rate === null ? 'no data' : formatInterval(g.low, g.high, unit) || 'none below 10 events';
};

/** The numbers behind the chart: each month's standardised rate and interval of both groups. */
export function standardisedTrendTable(outcome: StandardisedOutcomeTrend): ChartTable {
  const unit = outcome.unit as MeasureUnit;
  return {
    caption: `${outcome.title}, standardised, with and without a plan, by month`,
    columns: ['Month', 'With a plan', 'With a plan: 95% interval', 'Without a plan', 'Without a plan: 95% interval'],
    numeric: [1, 3],
    rows: outcome.points.map((p) => [
      formatMonth(p.month),
      cell(p.withPlan, unit, 'rate'),
      cell(p.withPlan, unit, 'interval'),
      cell(p.withoutPlan, unit, 'rate'),
      cell(p.withoutPlan, unit, 'interval'),
    ]),
  };
}
