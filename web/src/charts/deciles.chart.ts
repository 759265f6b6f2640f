import * as Plot from '@observablehq/plot';
import type { DecileMonth } from '@pcsp/contract/deciles.contract';
import type { MeasureUnit } from '@pcsp/contract/measures.contract';
import type { OrganisationRef } from '@pcsp/contract/organisations.contract';
import { addMonths, formatCount, formatMonth, formatMonthMarked, formatRate, monthDate } from '../lib/format';
import type { ChartTable } from './chart-table';
import type { LegendItem } from './chart-legend';
import { LINE_COLOURS } from './palette';
import { monthScale } from './month-scale';
import { PROVISIONAL_DASH } from './trend.chart';

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

/**
 * The shading behind provisional months (NHS mid grey, translucent), and the dark grey (NHS dark grey, 7.5:1 on white)
 * of its edge and label, as the shading alone is too pale to see.
 */
export const PROVISIONAL_SHADE = '#768692';
export const PROVISIONAL_EDGE = '#425563';

/**
 * Where the provisional months lie on the time axis: from the first one's start to the last one's end (the next month's
 * start), a month wide each; null when there are none. Month starts, as the month scale's interval floors every x to
 * one: a band from halfway before the first had been floored onto the final month before it.
 */
export function provisionalSpan(months: readonly DecileMonth[]): { from: Date; to: Date } | null {
  const provisional = months.filter((m) => m.provisional);
  if (provisional.length === 0) return null;
  return { from: monthDate(provisional[0]!.month), to: monthDate(addMonths(provisional[provisional.length - 1]!.month, 1)) };
}

/** The practices the deciles are spread over, in words, from the API's `within`: "practices in England", "practices in NHS North ICB". */
export function decilesAcross(within: OrganisationRef): string {
  return `practices in ${within.name}`;
}

/**
 * How many practices the deciles are of, as the API counts them (those with a rate in the month): "the 6,312 practices in
 * England" where every month with deciles has as many, otherwise "the practices in England (6,290 to 6,312 by month)".
 */
export function decilesPractices(months: readonly DecileMonth[], within: OrganisationRef): string {
  const counts = months.filter((m) => m.deciles.length > 0).map((m) => m.practices);
  if (counts.length === 0) return `the ${decilesAcross(within)}`;
  const low = Math.min(...counts);
  const high = Math.max(...counts);
  return low === high ? `the ${formatCount(low)} ${decilesAcross(within)}` : `the ${decilesAcross(within)} (${formatCount(low)} to ${formatCount(high)} by month)`;
}

/** `across`: what the deciles are of, as decilesAcross says it. */
export function decilesLegend(across: string, orgLabel: string | null, lines: readonly ComparisonLine[], provisionalNote: string | null = null): LegendItem[] {
  return [
    { label: `Deciles of ${across}`, colour: LINE_COLOURS.decile, dash: '4,3' },
    { label: `Median of ${across}`, colour: LINE_COLOURS.decile },
    ...(orgLabel ? [{ label: orgLabel, colour: LINE_COLOURS.highlight }] : []),
    ...lines.map((l) => ({ label: l.label, colour: l.colour, dash: l.dash })),
    ...(provisionalNote ? [{ label: provisionalNote, colour: PROVISIONAL_SHADE, shape: 'band' as const }] : []),
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
 * the organisation in red; other lines in their own colour and dash. Provisional months are shaded
 * and labelled, every line but the deciles dashed into them, the organisation's point hollow.
 */
export function decilesOptions({ months, unit, orgLabel, lines = [], width = 760, height = 340 }: DecilesOptionsInput): Plot.PlotOptions {
  const deciles = decileValues(months);
  const org = orgLabel ? lineValues({ label: orgLabel, colour: LINE_COLOURS.highlight, points: months.map((m) => ({ month: m.month, value: m.orgRate })) }) : [];
  const provisionalMonths = new Set(months.filter((m) => m.provisional).map((m) => m.month));
  const span = provisionalSpan(months);
  const title = (d: LineValue) => `${d.label}\n${formatMonth(d.month)}: ${formatRate(d.value, unit)}${provisionalMonths.has(d.month) ? ' (provisional)' : ''}`;
  // A final line, and its dashed tail from the last final value into the provisional months (as the trend draws it).
  const split = <T extends { date: Date }>(values: T[]): [T[], T[]] => {
    const first = values.findIndex((v) => provisionalMonths.has(v.date.toISOString().slice(0, 7)));
    return first < 0 ? [values, []] : [values.slice(0, first), values.slice(Math.max(0, first - 1))];
  };
  // A comparison line keeps its own dash where final; its tail is thinner and dashed as the others' are.
  const comparison = lines.flatMap((line) => {
    const [final, tail] = split(lineValues(line));
    return [
      Plot.lineY(final, { x: 'date', y: 'value', stroke: line.colour, strokeWidth: 2, strokeDasharray: line.dash ?? '', title, tip: true }),
      ...(tail.length > 1 ? [Plot.lineY(tail, { x: 'date', y: 'value', stroke: line.colour, strokeWidth: 1.5, strokeDasharray: PROVISIONAL_DASH, title, tip: true })] : []),
    ];
  });
  const [median, medianTail] = split(deciles.filter((d) => d.percentile === 50));
  const [orgFinal, orgTail] = split(org);
  return {
    width,
    height,
    marginLeft: 56,
    x: monthScale(),
    y: { label: `↑ Rate (${unit})`, grid: true, nice: true },
    marks: [
      ...(span
        ? [
            Plot.rect([span], { x1: 'from', x2: 'to', fill: PROVISIONAL_SHADE, fillOpacity: 0.2 }),
            Plot.ruleX([span.from], { stroke: PROVISIONAL_EDGE, strokeDasharray: '2,2' }),
            // Upright inside the band from its edge, as the band can be narrower than the word (a month of two years is
            // about 28 px); rotated a quarter turn, the line's top faces the edge and the text runs down from the top.
            Plot.text([span], { x: 'from', text: () => 'Provisional', frameAnchor: 'top', rotate: -90, textAnchor: 'end', lineAnchor: 'top', dx: 3, dy: 6, fill: PROVISIONAL_EDGE }),
          ]
        : []),
      Plot.lineY(deciles.filter((d) => d.percentile !== 50), { x: 'date', y: 'value', z: 'percentile', stroke: LINE_COLOURS.decile, strokeWidth: 1, strokeDasharray: '4,3' }),
      Plot.lineY(median, { x: 'date', y: 'value', stroke: LINE_COLOURS.decile, strokeWidth: 2 }),
      ...(medianTail.length > 1 ? [Plot.lineY(medianTail, { x: 'date', y: 'value', stroke: LINE_COLOURS.decile, strokeWidth: 2, strokeDasharray: PROVISIONAL_DASH })] : []),
      ...comparison,
      Plot.lineY(orgFinal, { x: 'date', y: 'value', stroke: LINE_COLOURS.highlight, strokeWidth: 2.5 }),
      ...(orgTail.length > 1 ? [Plot.lineY(orgTail, { x: 'date', y: 'value', stroke: LINE_COLOURS.highlight, strokeWidth: 2.5, strokeDasharray: PROVISIONAL_DASH })] : []),
      Plot.dot(org.filter((d) => !provisionalMonths.has(d.month)), { x: 'date', y: 'value', fill: LINE_COLOURS.highlight, r: 2.5, title, tip: true }),
      ...(provisionalMonths.size
        ? [Plot.dot(org.filter((d) => provisionalMonths.has(d.month)), { x: 'date', y: 'value', fill: 'white', stroke: LINE_COLOURS.highlight, strokeWidth: 1.5, r: 3.5, title, tip: true })]
        : []),
    ],
  };
}

/** `across`: what the deciles are of, as decilesAcross says it. */
export function decilesTable(across: string, months: readonly DecileMonth[], unit: MeasureUnit, orgLabel: string | null, lines: readonly ComparisonLine[] = []): ChartTable {
  const lineByMonth = lines.map((l) => new Map(l.points.map((p) => [p.month, p.value])));
  return {
    caption: `Deciles of ${across} by month`,
    columns: ['Month', '10th', '50th (median)', '90th', ...(orgLabel ? [orgLabel] : []), ...lines.map((l) => l.label), 'Practices'],
    numeric: [1, 2, 3, 4, 5, 6, 7],
    rows: months.map((m) => [
      formatMonthMarked(m.month, m.provisional),
      formatRate(m.deciles[0], unit),
      formatRate(m.deciles[4], unit),
      formatRate(m.deciles[8], unit),
      ...(orgLabel ? [formatRate(m.orgRate, unit)] : []),
      ...lineByMonth.map((map) => formatRate(map.get(m.month), unit)),
      formatCount(m.practices),
    ]),
  };
}
