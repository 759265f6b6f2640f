import * as Plot from '@observablehq/plot';
import type { MeasureUnit } from '@pcsp/contract/measures.contract';
import type { SeriesLine, SeriesPoint } from '@pcsp/contract/series.contract';
import { formatBreakdownValue, formatCount, intervalText, formatMonth, formatRate, lowerFirst, monthDate } from '../lib/format';
import type { LegendItem } from './chart-legend';
import type { ChartTable } from './chart-table';
import { CATEGORY_COLOURS, LINE_COLOURS } from './palette';
import { monthScale } from './month-scale';

export interface BreakdownBar {
  label: string;
  point: SeriesPoint | null;
  rate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  suppressed: boolean;
}

/** One bar per breakdown value, for the given month (or each line's last month); 'All' first. */
export function breakdownBars(lines: readonly SeriesLine[], month?: string): BreakdownBar[] {
  return lines
    .filter((l) => l.breakdown !== '')
    .map((l) => {
      const point = month ? l.points.find((p) => p.month === month) ?? null : l.points[l.points.length - 1] ?? null;
      return {
        label: formatBreakdownValue(l),
        point,
        rate: point && !point.suppressed ? point.rate : null,
        ciLow: point && !point.suppressed ? point.ciLow : null,
        ciHigh: point && !point.suppressed ? point.ciHigh : null,
        suppressed: point?.suppressed ?? false,
      };
    });
}

export interface BreakdownOptionsInput {
  lines: readonly SeriesLine[];
  unit: MeasureUnit;
  month?: string;
  /** The rate of the whole population, drawn as a reference line. */
  overall?: number | null;
  width?: number;
}

/** Horizontal bars with 95% interval whiskers; suppressed values are labelled, not drawn as 0. */
export function breakdownOptions({ lines, unit, month, overall = null, width = 760 }: BreakdownOptionsInput): Plot.PlotOptions {
  const bars = breakdownBars(lines, month);
  const shown = bars.filter((b) => b.rate !== null);
  const hidden = bars.filter((b) => b.rate === null);
  const maxHigh = Math.max(0, ...shown.map((b) => b.ciHigh ?? b.rate ?? 0), overall ?? 0);
  return {
    width,
    // 14 px taller for the x label's own line under the tick labels, so the bars keep their height.
    height: Math.max(134, 36 * bars.length + 64),
    marginLeft: 140,
    marginRight: 30,
    marginBottom: 44,
    // In Plot's place for it (baseline 27 px under the axis) 12 px text overlaps the tick labels (9 to 21 px under
    // it): at 320 px wide "Rate (%) →" ran into the "50" at the axis's end. Here it takes 30 to 42 px.
    x: { label: `Rate (${unit}) →`, labelAnchor: 'right', labelOffset: 38, grid: true, domain: [0, maxHigh * 1.05 || 1] },
    y: { label: null, domain: bars.map((b) => b.label) },
    marks: [
      Plot.barX(shown, { y: 'label', x: 'rate', fill: LINE_COLOURS.org, fillOpacity: 0.85, title: (b: BreakdownBar) => `${b.label}: ${formatRate(b.rate, unit)} (95% CI ${intervalText(b.rate, b.ciLow, b.ciHigh, unit)})`, tip: true }),
      Plot.ruleY(shown.filter((b) => b.ciLow !== null), { y: 'label', x1: 'ciLow', x2: 'ciHigh', stroke: '#212B32', strokeWidth: 1.5 }),
      Plot.tickX(shown.filter((b) => b.ciLow !== null), { y: 'label', x: 'ciLow', stroke: '#212B32', strokeWidth: 1.5, inset: 8 }),
      Plot.tickX(shown.filter((b) => b.ciHigh !== null), { y: 'label', x: 'ciHigh', stroke: '#212B32', strokeWidth: 1.5, inset: 8 }),
      Plot.text(hidden, { y: 'label', x: 0, text: (b: BreakdownBar) => (b.suppressed ? 'suppressed' : 'no data'), textAnchor: 'start', dx: 4, fill: '#4C6272', fontStyle: 'italic' }),
      ...(overall !== null ? [Plot.ruleX([overall], { stroke: LINE_COLOURS.england, strokeDasharray: '4,3', strokeWidth: 1.5 })] : []),
      Plot.ruleX([0]),
    ],
  };
}

export function breakdownTable(lines: readonly SeriesLine[], unit: MeasureUnit, dimensionLabel: string, month?: string): ChartTable {
  return {
    caption: `By ${lowerFirst(dimensionLabel)}`,
    columns: [dimensionLabel, 'Numerator', 'Denominator', `Rate (${unit})`, '95% confidence interval'],
    numeric: [1, 2, 3],
    rows: breakdownBars(lines, month).map((b) => [
      b.label,
      formatCount(b.point?.numerator, b.suppressed),
      formatCount(b.point?.denominator, b.suppressed),
      formatRate(b.rate, unit, b.suppressed),
      b.suppressed ? 'suppressed' : intervalText(b.rate, b.ciLow, b.ciHigh, unit),
    ]),
  };
}

export interface LineSeriesValue {
  date: Date;
  month: string;
  label: string;
  value: number;
}

/** Each line's non-suppressed values in long form, for lines by category (breakdown values over time). */
export function categoryLineValues(lines: readonly SeriesLine[]): LineSeriesValue[] {
  return lines.flatMap((l) =>
    l.points
      .filter((p): p is SeriesPoint & { rate: number } => p.rate !== null && !p.suppressed)
      .map((p) => ({ date: monthDate(p.month), month: p.month, label: formatBreakdownValue(l), value: p.rate })),
  );
}

const categoryColour = (i: number) => CATEGORY_COLOURS[i % CATEGORY_COLOURS.length]!;

/** Lines by category over time (with / without a plan, or each breakdown value), each in its own colour. */
export function categoryLinesOptions(lines: readonly SeriesLine[], unit: MeasureUnit, width = 760, height = 300): Plot.PlotOptions {
  const labels = lines.map(formatBreakdownValue);
  const values = categoryLineValues(lines);
  return {
    width,
    height,
    marginLeft: 56,
    x: monthScale(),
    y: { label: `↑ Rate (${unit})`, grid: true, nice: true },
    color: { domain: labels, range: labels.map((_, i) => categoryColour(i)) },
    marks: [
      Plot.lineY(values, { x: 'date', y: 'value', z: 'label', stroke: 'label', strokeWidth: 2.5 }),
      Plot.dot(values, { x: 'date', y: 'value', fill: 'label', r: 2.5, title: (d: LineSeriesValue) => `${d.label}\n${formatMonth(d.month)}: ${formatRate(d.value, unit)}`, tip: true }),
    ],
  };
}

/** The legend of lines by category: each line's words and colour, as categoryLinesOptions draws them. */
export function categoryLinesLegend(lines: readonly SeriesLine[]): LegendItem[] {
  return lines.map((l, i) => ({ label: formatBreakdownValue(l), colour: categoryColour(i) }));
}

export function categoryLinesTable(lines: readonly SeriesLine[], unit: MeasureUnit, caption: string): ChartTable {
  const months = [...new Set(lines.flatMap((l) => l.points.map((p) => p.month)))].sort();
  const byLine = lines.map((l) => new Map(l.points.map((p) => [p.month, p])));
  return {
    caption,
    columns: ['Month', ...lines.map(formatBreakdownValue)],
    numeric: lines.map((_, i) => i + 1),
    rows: months.map((m) => [formatMonth(m), ...byLine.map((map) => {
      const p = map.get(m);
      return p ? formatRate(p.rate, unit, p.suppressed) : 'no data';
    })]),
  };
}

export interface GapValue {
  month: string;
  date: Date;
  gap: number;
}

/**
 * The deprivation gap: the most deprived fifth's rate (IMD quintile 1) less the least deprived fifth's (quintile 5) in
 * each month where both are shown. People whose quintile is unknown are neither.
 */
export function deprivationGapValues(lines: readonly SeriesLine[]): GapValue[] {
  const quintile = (q: 1 | 5) => lines.find((l) => l.breakdown === `imd_quintile=${q}`);
  return gapValues(quintile(1), quintile(5));
}

/** The gap (first − second) in each month where both rates are shown. */
export function gapValues(first: SeriesLine | undefined, second: SeriesLine | undefined): GapValue[] {
  if (!first || !second) return [];
  const other = new Map(second.points.map((p) => [p.month, p]));
  const gaps: GapValue[] = [];
  for (const p of first.points) {
    const q = other.get(p.month);
    if (!q || p.suppressed || q.suppressed || p.rate === null || q.rate === null) continue;
    gaps.push({ month: p.month, date: monthDate(p.month), gap: p.rate - q.rate });
  }
  return gaps;
}
