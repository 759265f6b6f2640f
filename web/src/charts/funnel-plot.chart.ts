import * as Plot from '@observablehq/plot';
import type { ComparisonClass, CompareRow } from '@pcsp/contract/compare.contract';
import type { MeasureUnit } from '@pcsp/contract/measures.contract';
import { formatCount, formatInterval, formatRate } from '../lib/format';
import type { LegendItem } from './chart-legend';
import type { ChartTable } from './chart-table';
import { COMPARISON_COLOURS, COMPARISON_LABELS, COMPARISON_SYMBOLS, NOT_COMPARED } from './palette';

/** A point's class: its comparison, or 'not compared' where the API gave none (no limits), never read as similar. */
export type FunnelClass = ComparisonClass | 'not compared';

export interface FunnelPoint {
  code: string;
  name: string;
  denominator: number;
  rate: number;
  comparison: FunnelClass;
  row: CompareRow;
}

const classLabel = (c: FunnelClass): string => (c === 'not compared' ? NOT_COMPARED.label : COMPARISON_LABELS[c]);

export type FunnelLimitName = '95% lower' | '95% upper' | '99.8% lower' | '99.8% upper';

export interface FunnelLimitPoint {
  denominator: number;
  value: number;
  limit: FunnelLimitName;
}

/** Rows that can be placed on a funnel: a rate and a denominator (suppressed or empty rows are left out). */
export function funnelPoints(rows: readonly CompareRow[]): FunnelPoint[] {
  return rows
    .filter((r): r is CompareRow & { rate: number; denominator: number } => r.rate !== null && r.denominator !== null && r.denominator > 0)
    .map((r) => ({ code: r.code, name: r.name, denominator: r.denominator, rate: r.rate, comparison: r.comparison ?? 'not compared', row: r }));
}

/**
 * The control limits as four lines through each row's own limits (as the API computed them for its
 * denominator), ordered by denominator so that the funnel's curve is drawn left to right.
 */
export function funnelLimitLines(rows: readonly CompareRow[]): FunnelLimitPoint[] {
  const withLimits = rows
    .filter((r) => r.limits !== null && r.denominator !== null && r.denominator > 0)
    .sort((a, b) => (a.denominator ?? 0) - (b.denominator ?? 0));
  const seen = new Set<number>();
  const lines: FunnelLimitPoint[] = [];
  for (const r of withLimits) {
    const n = r.denominator as number;
    if (seen.has(n)) continue;
    seen.add(n);
    const l = r.limits!;
    lines.push(
      { denominator: n, value: l.low95, limit: '95% lower' },
      { denominator: n, value: l.high95, limit: '95% upper' },
      { denominator: n, value: l.low998, limit: '99.8% lower' },
      { denominator: n, value: l.high998, limit: '99.8% upper' },
    );
  }
  return lines;
}

export function funnelPointTitle(p: FunnelPoint, unit: MeasureUnit): string {
  const r = p.row;
  return [
    `${p.name} (${p.code})`,
    `Rate: ${formatRate(p.rate, unit)}${r.ciLow !== null ? ` (95% CI ${formatInterval(r.ciLow, r.ciHigh, unit)})` : ''}`,
    `Numerator: ${formatCount(r.numerator)}`,
    `Denominator: ${formatCount(p.denominator)}`,
    classLabel(p.comparison),
  ].join('\n');
}

export interface FunnelPlotInput {
  rows: readonly CompareRow[];
  benchmark: number | null;
  benchmarkName: string;
  unit: MeasureUnit;
  width?: number;
  /** A practice to pick out (a practice lead's own), drawn on a dark disc and labelled. */
  highlight?: string | null;
}

/** The disc behind the highlighted practice's point, and its legend swatch. */
export const HIGHLIGHT_COLOUR = '#212B32';
export const HIGHLIGHT_LABEL = 'Your practice';

/** The compared classes of the points drawn, in the order of the chart's scales. */
function comparedClasses(points: readonly FunnelPoint[]): ComparisonClass[] {
  return [...new Set(points.flatMap((p) => (p.comparison === 'not compared' ? [] : [p.comparison])))].sort();
}

/** The legend's entry for each class of point drawn: not compared only where such a point is. */
export function funnelLegendItems(rows: readonly CompareRow[]): LegendItem[] {
  const points = funnelPoints(rows);
  return [
    ...comparedClasses(points).map((c) => ({ label: COMPARISON_LABELS[c], colour: COMPARISON_COLOURS[c], shape: 'dot' as const, symbol: COMPARISON_SYMBOLS[c] })),
    ...(points.some((p) => p.comparison === 'not compared')
      ? [{ label: NOT_COMPARED.label, colour: NOT_COMPARED.colour, shape: 'dot' as const, symbol: NOT_COMPARED.symbol, hollow: true }]
      : []),
  ];
}

/** Funnel plot: denominator against rate, the benchmark, 95% (dashed) and 99.8% (solid) limits, points by comparison. */
export function funnelPlotOptions({ rows, benchmark, benchmarkName, unit, width = 760, highlight = null }: FunnelPlotInput): Plot.PlotOptions {
  const points = funnelPoints(rows);
  const compared = points.filter((p) => p.comparison !== 'not compared');
  const notCompared = points.filter((p) => p.comparison === 'not compared');
  const own = points.filter((p) => p.code === highlight);
  const limits = funnelLimitLines(rows);
  const classes = comparedClasses(points);
  const limitMark = (name: FunnelLimitName, dash: string) =>
    Plot.line(
      limits.filter((l) => l.limit === name),
      { x: 'denominator', y: 'value', stroke: '#425563', strokeWidth: 1.2, strokeDasharray: dash, curve: 'monotone-x' },
    );
  return {
    width,
    height: 420,
    marginLeft: 56,
    marginBottom: 44,
    x: { label: 'Denominator (people) →', grid: true, nice: true },
    y: { label: `↑ Rate (${unit})`, grid: true, nice: true },
    color: { domain: classes, range: classes.map((c) => COMPARISON_COLOURS[c]) },
    symbol: { domain: classes, range: classes.map((c) => COMPARISON_SYMBOLS[c]) },
    marks: [
      ...(benchmark !== null ? [Plot.ruleY([benchmark], { stroke: '#212B32', strokeWidth: 1.5, title: () => `${benchmarkName}: ${formatRate(benchmark, unit)}` })] : []),
      limitMark('95% lower', '5,4'),
      limitMark('95% upper', '5,4'),
      limitMark('99.8% lower', ''),
      limitMark('99.8% upper', ''),
      // Drawn before the points so that the practice's own symbol, in its comparison colour, sits on the disc.
      ...(own.length > 0
        ? [
            Plot.dot(own, { x: 'denominator', y: 'rate', r: 9, fill: HIGHLIGHT_COLOUR }),
            Plot.text(own, { x: 'denominator', y: 'rate', text: () => HIGHLIGHT_LABEL, dy: -16, fontWeight: 'bold', fill: HIGHLIGHT_COLOUR, stroke: 'white', strokeWidth: 3 }),
          ]
        : []),
      Plot.dot(compared, {
        x: 'denominator',
        y: 'rate',
        fill: 'comparison',
        symbol: 'comparison',
        stroke: 'white',
        strokeWidth: 0.6,
        r: 4.5,
        title: (p: FunnelPoint) => funnelPointTitle(p, unit),
        tip: true,
      }),
      ...(notCompared.length > 0
        ? [
            Plot.dot(notCompared, {
              x: 'denominator',
              y: 'rate',
              fill: 'white',
              stroke: NOT_COMPARED.colour,
              strokeWidth: 1.5,
              symbol: NOT_COMPARED.symbol,
              r: 4.5,
              title: (p: FunnelPoint) => funnelPointTitle(p, unit),
              tip: true,
            }),
          ]
        : []),
    ],
  };
}

/** The funnel's numbers; `provisionalNote` (lib/provisional's provisionalMonthNote) ends the caption where the month is provisional. */
export function funnelTable(rows: readonly CompareRow[], unit: MeasureUnit, highlight: string | null = null, provisionalNote: string | null = null): ChartTable {
  // A row drawn without limits is not compared; one not drawn (no rate) has no data to compare.
  const onFunnel = new Set(funnelPoints(rows).map((p) => p.row));
  return {
    caption: `Each practice on the funnel plot${provisionalNote ? `. ${provisionalNote}.` : ''}`,
    columns: ['Practice', 'Numerator', 'Denominator', `Rate (${unit})`, '99.8% limits', 'Compared with benchmark'],
    numeric: [1, 2, 3],
    rows: rows.map((r) => [
      `${r.name} (${r.code})${r.code === highlight ? `, ${HIGHLIGHT_LABEL.toLowerCase()}` : ''}`,
      formatCount(r.numerator),
      formatCount(r.denominator),
      formatRate(r.rate, unit),
      r.limits ? formatInterval(r.limits.low998, r.limits.high998, unit) : onFunnel.has(r) ? 'none' : 'no data',
      r.comparison ? COMPARISON_LABELS[r.comparison] : onFunnel.has(r) ? NOT_COMPARED.label : 'no data',
    ]),
  };
}
