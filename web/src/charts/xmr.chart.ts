import * as Plot from '@observablehq/plot';
import type { MeasureUnit } from '@pcsp/contract/measures.contract';
import type { SeriesPoint } from '@pcsp/contract/series.contract';
import { xmrPhases, type SpcDirection, type XmrPhase, type XmrPhasedChart } from '@pcsp/analytics/stats/xmr-chart';
import { formatMonth, formatRate, headlineValue, monthDate } from '../lib/format';
import type { ChartTable } from './chart-table';
import type { LegendItem } from './chart-legend';
import { LINE_COLOURS } from './palette';
import { monthScale } from './month-scale';
import { PROVISIONAL_DASH } from './trend.chart';

/** Making Data Count's colours: blue improvement, orange concern, purple neither, grey common cause (here in Okabe-Ito and NHS tones). */
export const SPC_COLOURS = { improvement: '#0072B2', concern: '#D55E00', neither: '#7C2855', common: '#768692' } as const;
export const SPC_SYMBOLS = { improvement: 'triangle', concern: 'diamond', neither: 'square', common: 'circle' } as const;
export const SPC_LABELS = {
  improvement: 'Special cause: improvement',
  concern: 'Special cause: concern',
  neither: 'Special cause: neither better nor worse',
  common: 'Common cause',
} as const;

/** The rule where the limits are recalculated: NHS grey 1 (3:1 on white), dash-dotted so it reads apart from the limits. */
const RECALCULATION_COLOUR = LINE_COLOURS.icb;
const RECALCULATION_DASH = '8,3,2,3';
const RULE_LABELS = { outside_limits: 'outside the limits', shift: '7 on one side of the mean', trend: '7 rising or falling', two_of_three: '2 of 3 near a limit' } as const;

export interface XmrValue {
  date: Date;
  month: string;
  value: number;
  state: keyof typeof SPC_COLOURS;
  rules: string;
}

/** A provisional month's value: shown after the chart's months, never judged (its figure can still rise). */
export interface XmrProvisionalValue {
  date: Date;
  month: string;
  value: number;
}

/**
 * An XmR chart in phases with its values by month (in the order of the chart's points), and the provisional months
 * after them, which are left out of the mean, moving ranges, limits, rules and icons.
 */
export interface XmrShape {
  chart: XmrPhasedChart;
  values: XmrValue[];
  provisional: XmrProvisionalValue[];
}

function shownValues(points: readonly SeriesPoint[], unit: MeasureUnit): { month: string; value: number; provisional: boolean }[] {
  return points.flatMap((p) => {
    const value = headlineValue(p, unit);
    return value === null || p.suppressed ? [] : [{ month: p.month, value, provisional: p.provisional === true }];
  });
}

/** The months an XmR chart judges: shown, and final (a provisional month's figure can still rise). */
function keptValues(points: readonly SeriesPoint[], unit: MeasureUnit): { month: string; value: number }[] {
  return shownValues(points, unit).filter((k) => !k.provisional);
}

/** Months the limits can be recalculated from: each phase keeps at least 2 months (suppressed and empty months left out). */
export function xmrRecalculationMonths(points: readonly SeriesPoint[], unit: MeasureUnit): string[] {
  const kept = keptValues(points, unit);
  return kept.slice(2, kept.length - 1).map((k) => k.month);
}

/**
 * The XmR chart of a series' headline values (suppressed and empty months left out, provisional ones set aside), or
 * null with fewer than 2 final months, in a new phase from `recalculateFrom` where that month is one of
 * xmrRecalculationMonths (else in one phase).
 */
export function xmrShape(
  points: readonly SeriesPoint[],
  unit: MeasureUnit,
  direction: SpcDirection,
  target: number | null,
  /** Months from the first whose mean and moving ranges set the first phase's limits (all its months when omitted, or when it has no more). */
  baseline?: number,
  recalculateFrom?: string,
): XmrShape | null {
  const kept = keptValues(points, unit);
  if (kept.length < 2) return null;
  const at = recalculateFrom === undefined ? -1 : kept.findIndex((k) => k.month === recalculateFrom);
  const breakAt = at >= 2 && at <= kept.length - 2 ? [at] : [];
  const firstPhase = breakAt.length > 0 ? breakAt[0] : kept.length;
  const chart = xmrPhases(
    kept.map((k) => k.value),
    direction,
    target,
    breakAt,
    [baseline !== undefined && baseline < firstPhase ? baseline : undefined],
  );
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
  const provisional = shownValues(points, unit)
    .filter((k) => k.provisional)
    .map((k) => ({ date: monthDate(k.month), month: k.month, value: k.value }));
  return { chart, values, provisional };
}

/** The months at which a phase after the first begins. */
export function xmrRecalculatedFrom(shape: XmrShape): string[] {
  return shape.chart.phases.slice(1).map((p) => shape.values[p.start].month);
}

const phaseEnd = (shape: XmrShape, k: number) => (k + 1 < shape.chart.phases.length ? shape.chart.phases[k + 1].start : shape.values.length);

/**
 * XmR chart: the values coloured and shaped by special cause, each phase's mean (solid) and process limits (dashed) over
 * its own months, a vertical rule where the limits are recalculated, and any target (dotted).
 */
export function xmrOptions(shape: XmrShape, unit: MeasureUnit, target: number | null, width = 760, height = 320): Plot.PlotOptions {
  const { chart, values, provisional } = shape;
  const line = (from: Date, to: Date, y: number, dash: string, stroke: string) =>
    Plot.lineY([{ date: from, y }, { date: to, y }], { x: 'date', y: 'y', stroke, strokeDasharray: dash, strokeWidth: 1.5 });
  const phaseLines = chart.phases.flatMap((phase, k) => {
    const from = values[phase.start].date;
    const to = values[phaseEnd(shape, k) - 1].date;
    return [
      line(from, to, phase.upperLimit, '6,4', LINE_COLOURS.england),
      line(from, to, phase.lowerLimit, '6,4', LINE_COLOURS.england),
      line(from, to, phase.mean, '', LINE_COLOURS.england),
    ];
  });
  // At the first month of each later phase; drawn before the points, so its point lies over it.
  const recalculations = chart.phases.slice(1).map((phase) => ({ date: values[phase.start].date }));
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
      ...phaseLines,
      ...(recalculations.length > 0
        ? [
            Plot.ruleX(recalculations, { x: 'date', stroke: RECALCULATION_COLOUR, strokeDasharray: RECALCULATION_DASH, strokeWidth: 1.5 }),
            Plot.text(recalculations, {
              x: 'date',
              frameAnchor: 'top',
              text: () => 'Recalculated',
              textAnchor: 'start',
              dx: 4,
              fill: RECALCULATION_COLOUR,
              // A white halo keeps the label legible over a limit drawn through it.
              stroke: 'white',
              strokeWidth: 3,
            }),
          ]
        : []),
      ...(target !== null ? [line(values[0].date, (provisional[provisional.length - 1] ?? values[values.length - 1]).date, target, '2,3', LINE_COLOURS.highlight)] : []),
      Plot.lineY(values, { x: 'date', y: 'value', stroke: SPC_COLOURS.common, strokeWidth: 1.5 }),
      // Provisional months: on a dashed line from the last final month, hollow, in no special cause state.
      ...(provisional.length
        ? [
            Plot.lineY([values[values.length - 1], ...provisional], { x: 'date', y: 'value', stroke: SPC_COLOURS.common, strokeWidth: 1.5, strokeDasharray: PROVISIONAL_DASH }),
            Plot.dot(provisional, {
              x: 'date',
              y: 'value',
              fill: 'white',
              stroke: SPC_COLOURS.common,
              strokeWidth: 1.5,
              r: 4,
              title: (d: XmrProvisionalValue) => `${formatMonth(d.month)}: ${formatRate(d.value, unit)}\nProvisional: not judged`,
              tip: true,
            }),
          ]
        : []),
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

/**
 * `recalculatedFrom`: the months from which the limits are recalculated (none for one phase); `provisionalNote`: why the
 * provisional months are (lib/provisional's provisionalNote), shown where the chart has any.
 */
export function xmrLegend(
  values: readonly XmrValue[],
  target: number | null,
  recalculatedFrom: readonly string[] = [],
  provisionalNote: string | null = null,
): LegendItem[] {
  const present = new Set(values.map((v) => v.state));
  const items: LegendItem[] = (Object.keys(SPC_COLOURS) as (keyof typeof SPC_COLOURS)[])
    .filter((s) => present.has(s))
    // Each state as the chart draws it: a point of its symbol, not a line.
    .map((s) => ({ label: SPC_LABELS[s], colour: SPC_COLOURS[s], shape: 'dot' as const, symbol: SPC_SYMBOLS[s] }));
  const phased = recalculatedFrom.length > 0;
  items.push(
    { label: phased ? 'Mean of each phase' : 'Mean', colour: LINE_COLOURS.england },
    { label: `Process limits (mean ± 2.66 × mean moving range${phased ? ', of each phase' : ''})`, colour: LINE_COLOURS.england, dash: '6,4' },
  );
  if (phased) items.push({ label: `Limits recalculated from ${recalculatedFrom.map(formatMonth).join(' and ')}`, colour: RECALCULATION_COLOUR, dash: RECALCULATION_DASH });
  if (provisionalNote !== null) items.push({ label: `${provisionalNote} (not judged)`, colour: SPC_COLOURS.common, dash: PROVISIONAL_DASH });
  if (target !== null) items.push({ label: 'Target', colour: LINE_COLOURS.highlight, dash: '2,3' });
  return items;
}

/** The numbers: each month with its moving range and its phase's mean and limits (the first month of a phase has no moving range). */
export function xmrTable(shape: XmrShape, unit: MeasureUnit, name: string): ChartTable {
  const { chart, values, provisional } = shape;
  const limits = (p: XmrPhase) => `mean ${formatRate(p.mean, unit)}, limits ${formatRate(p.lowerLimit, unit)} to ${formatRate(p.upperLimit, unit)}`;
  const [first, ...later] = chart.phases;
  const summary = [limits(first), ...later.map((p) => `recalculated from ${formatMonth(values[p.start].month)}: ${limits(p)}`)].join('; ');
  return {
    caption: `${name}: XmR chart by month (${summary})`,
    columns: ['Month', 'Value', 'Moving range', 'Mean', 'Lower limit', 'Upper limit', 'Variation', 'Rules'],
    numeric: [1, 2, 3, 4, 5],
    rows: chart.phases.flatMap((phase, k) =>
      values.slice(phase.start, phaseEnd(shape, k)).map((v, j) => {
        const movingRange = phase.points[j].movingRange;
        return [
          formatMonth(v.month),
          formatRate(v.value, unit),
          movingRange === null ? '' : formatRate(movingRange, unit),
          formatRate(phase.mean, unit),
          formatRate(phase.lowerLimit, unit),
          formatRate(phase.upperLimit, unit),
          SPC_LABELS[v.state],
          v.rules,
        ];
      }),
    ).concat(provisional.map((v) => [`${formatMonth(v.month)} (provisional)`, formatRate(v.value, unit), '', '', '', '', 'Provisional: not judged', ''])),
  };
}
