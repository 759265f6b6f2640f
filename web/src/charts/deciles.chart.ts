import * as Plot from '@observablehq/plot';
import type { DecileMonth } from '@pcsp/contract/deciles.contract';
import type { MeasureUnit } from '@pcsp/contract/measures.contract';
import { formatMonth, formatRate, monthDate } from '../lib/format';
import type { ChartTable } from './chart-table';
import type { LegendItem } from './chart-legend';
import { LINE_COLOURS } from './palette';
import { monthScale } from './month-scale';

export interface DecileValue {
  date: Date;
  /** 10, 20 … 90. */
  percentile: number;
  value: number;
}

export interface ComparisonLine {
  label: string;
  colour: string;
  dash?: string;
  points: { month: string; value: number | null }[];
}

export interface LineValue {
  date: Date;
  month: string;
  value: number;
  label: string;
}

/** The nine decile lines in long form (months with no deciles left out). */
export function decileValues(months: readonly DecileMonth[]): DecileValue[] {
  return months.flatMap((m) =>
    m.deciles.length === 9 ? m.deciles.map((value, i) => ({ date: monthDate(m.month), percentile: (i + 1) * 10, value })) : [],
  );
}

/** A line's non-null values, dated. */
export function lineValues(line: ComparisonLine): LineValue[] {
  return line.points
    .filter((p): p is { month: string; value: number } => p.value !== null)
    .map((p) => ({ date: monthDate(p.month), month: p.month, value: p.value, label: line.label }));
}

export function decilesLegend(orgLabel: string | null, lines: readonly ComparisonLine[]): LegendItem[] {
  return [
    { label: 'Deciles of practices', colour: LINE_COLOURS.decile, dash: '4,3' },
    { label: 'Median of practices', colour: LINE_COLOURS.decile },
    ...(orgLabel ? [{ label: orgLabel, colour: LINE_COLOURS.highlight }] : []),
    ...lines.map((l) => ({ label: l.label, colour: l.colour, dash: l.dash })),
  ];
}

export interface DecilesOptionsInput {
  months: readonly DecileMonth[];
  unit: MeasureUnit;
  orgLabel: string | null;
  /** Further lines (the PCN's, the ICB's) drawn over the deciles. */
  lines?: readonly ComparisonLine[];
  width?: number;
  height?: number;
}

/**
 * Deciles over time as OpenPrescribing draws them: dashed blue deciles, a solid blue median,
 * the organisation in red; other lines in their own colour and dash.
 */
export function decilesOptions({ months, unit, orgLabel, lines = [], width = 760, height = 340 }: DecilesOptionsInput): Plot.PlotOptions {
  const deciles = decileValues(months);
  const org = orgLabel ? lineValues({ label: orgLabel, colour: LINE_COLOURS.highlight, points: months.map((m) => ({ month: m.month, value: m.orgRate })) }) : [];
  const title = (d: LineValue) => `${d.label}\n${formatMonth(d.month)}: ${formatRate(d.value, unit)}`;
  return {
    width,
    height,
    marginLeft: 56,
    x: monthScale(),
    y: { label: `↑ Rate (${unit})`, grid: true, nice: true },
    marks: [
      Plot.lineY(deciles.filter((d) => d.percentile !== 50), { x: 'date', y: 'value', z: 'percentile', stroke: LINE_COLOURS.decile, strokeWidth: 1, strokeDasharray: '4,3' }),
      Plot.lineY(deciles.filter((d) => d.percentile === 50), { x: 'date', y: 'value', stroke: LINE_COLOURS.decile, strokeWidth: 2 }),
      ...lines.map((line) => Plot.lineY(lineValues(line), { x: 'date', y: 'value', stroke: line.colour, strokeWidth: 2, strokeDasharray: line.dash ?? '', title, tip: true })),
      Plot.lineY(org, { x: 'date', y: 'value', stroke: LINE_COLOURS.highlight, strokeWidth: 2.5 }),
      Plot.dot(org, { x: 'date', y: 'value', fill: LINE_COLOURS.highlight, r: 2.5, title, tip: true }),
    ],
  };
}

export function decilesTable(months: readonly DecileMonth[], unit: MeasureUnit, orgLabel: string | null, lines: readonly ComparisonLine[] = []): ChartTable {
  const lineByMonth = lines.map((l) => new Map(l.points.map((p) => [p.month, p.value])));
  return {
    caption: 'Deciles of practices by month',
    columns: ['Month', '10th', '50th (median)', '90th', ...(orgLabel ? [orgLabel] : []), ...lines.map((l) => l.label), 'Practices'],
    numeric: [1, 2, 3, 4, 5, 6, 7],
    rows: months.map((m) => [
      formatMonth(m.month),
      formatRate(m.deciles[0], unit),
      formatRate(m.deciles[4], unit),
      formatRate(m.deciles[8], unit),
      ...(orgLabel ? [formatRate(m.orgRate, unit)] : []),
      ...lineByMonth.map((map) => formatRate(map.get(m.month), unit)),
      String(m.practices),
    ]),
  };
}
