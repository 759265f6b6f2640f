import * as Plot from '@observablehq/plot';
import type { MeasureUnit } from '@pcsp/contract/measures.contract';
import type { SeriesPoint } from '@pcsp/contract/series.contract';
import { intervalText, formatMonth, formatMonthMarked, formatRate, headlineValue, monthDate } from '../lib/format';
import type { ChartTable } from './chart-table';
import type { LegendItem } from './chart-legend';
import { LINE_COLOURS } from './palette';
import { monthScale } from './month-scale';

export interface TrendNames {
  org: string;
  parent: string | null;
  england: string;
}

export interface TrendValue {
  date: Date;
  month: string;
  value: number;
}

export interface TrendBand {
  date: Date;
  low: number;
  high: number;
}

export interface TrendShape {
  org: TrendValue[];
  /** The organisation's values in provisional months (also in `org`): the latest, which can still rise. */
  provisional: TrendValue[];
  band: TrendBand[];
  parent: TrendValue[];
  england: TrendValue[];
}

/** Splits a series into the organisation's line, its interval band and the parent and England lines (nulls and suppressed months left out). */
export function trendShape(points: readonly SeriesPoint[], unit: MeasureUnit): TrendShape {
  const shape: TrendShape = { org: [], provisional: [], band: [], parent: [], england: [] };
  for (const p of points) {
    const date = monthDate(p.month);
    const value = headlineValue(p, unit);
    if (value !== null && !p.suppressed) {
      const v = { date, month: p.month, value };
      shape.org.push(v);
      // The same object, so that the chart can tell the organisation's provisional values by identity.
      if (p.provisional) shape.provisional.push(v);
    }
    if (p.ciLow !== null && p.ciHigh !== null && !p.suppressed) shape.band.push({ date, low: p.ciLow, high: p.ciHigh });
    if (unit !== 'count') {
      if (p.parentRate !== null) shape.parent.push({ date, month: p.month, value: p.parentRate });
      if (p.englandRate !== null) shape.england.push({ date, month: p.month, value: p.englandRate });
    }
  }
  return shape;
}

/** Dash of the organisation's line into its provisional months, and of its legend swatch. */
export const PROVISIONAL_DASH = '4,3';

export function trendLegend(names: TrendNames, shape: TrendShape, note: string | null = null): LegendItem[] {
  const items: LegendItem[] = [{ label: names.org, colour: LINE_COLOURS.org }];
  if (note !== null && shape.provisional.length) items.push({ label: note, colour: LINE_COLOURS.org, dash: PROVISIONAL_DASH });
  if (shape.band.length) items.push({ label: '95% confidence interval', colour: LINE_COLOURS.band, shape: 'band' });
  if (names.parent && shape.parent.length) items.push({ label: names.parent, colour: LINE_COLOURS.parent, dash: '6,3' });
  if (shape.england.length && names.england !== names.org) items.push({ label: names.england, colour: LINE_COLOURS.england, dash: '2,3' });
  return items;
}

export interface TrendOptionsInput {
  points: readonly SeriesPoint[];
  unit: MeasureUnit;
  names: TrendNames;
  width?: number;
  height?: number;
  compact?: boolean;
}

/**
 * Trend: the organisation's monthly value with its 95% band, against its parent (dashed) and England (dotted); its
 * provisional months (the latest) as hollow points on a thinly dashed line from the last final month.
 */
export function trendOptions({ points, unit, names, width = 760, height = 320, compact = false }: TrendOptionsInput): Plot.PlotOptions {
  const shape = trendShape(points, unit);
  const showEngland = names.england !== names.org;
  const tipTitle = (label: string) => (d: TrendValue) => `${label}\n${formatMonth(d.month)}: ${formatRate(d.value, unit)}${shape.provisional.includes(d) ? ' (provisional)' : ''}`;
  const provisional = new Set(shape.provisional);
  const final = shape.org.filter((v) => !provisional.has(v));
  // The dashed segment starts at the last final value before the first provisional one, so the line stays joined.
  const firstProvisional = shape.org.findIndex((v) => provisional.has(v));
  const tail = firstProvisional < 0 ? [] : shape.org.slice(Math.max(0, firstProvisional - 1));
  return {
    width,
    height,
    marginLeft: compact ? 40 : 56,
    // Room above the frame for the y label, which would otherwise run into the top tick's.
    marginTop: 20,
    x: monthScale({ ticks: compact ? 3 : 6 }),
    // Small multiples of measures in different units sit side by side: each says its unit, in as few characters as fit.
    y: { label: compact ? `↑ ${unit}` : `↑ ${unit === 'count' ? 'Count' : `Rate (${unit})`}`, grid: true, nice: true, zero: unit === 'count' },
    marks: [
      Plot.areaY(shape.band, { x: 'date', y1: 'low', y2: 'high', fill: LINE_COLOURS.band, fillOpacity: 0.3 }),
      ...(names.parent ? [Plot.lineY(shape.parent, { x: 'date', y: 'value', stroke: LINE_COLOURS.parent, strokeWidth: 2, strokeDasharray: '6,3', title: tipTitle(names.parent), tip: compact ? false : true })] : []),
      ...(showEngland ? [Plot.lineY(shape.england, { x: 'date', y: 'value', stroke: LINE_COLOURS.england, strokeWidth: 1.5, strokeDasharray: '2,3' })] : []),
      Plot.lineY(final, { x: 'date', y: 'value', stroke: LINE_COLOURS.org, strokeWidth: 2.5 }),
      ...(tail.length > 1 ? [Plot.lineY(tail, { x: 'date', y: 'value', stroke: LINE_COLOURS.org, strokeWidth: 2.5, strokeDasharray: PROVISIONAL_DASH })] : []),
      ...(compact ? [] : [Plot.dot(final, { x: 'date', y: 'value', fill: LINE_COLOURS.org, r: 2.5, title: tipTitle(names.org), tip: true })]),
      ...(shape.provisional.length
        ? [Plot.dot(shape.provisional, { x: 'date', y: 'value', fill: 'white', stroke: LINE_COLOURS.org, strokeWidth: 1.5, r: 3.5, title: tipTitle(names.org), tip: compact ? false : true })]
        : []),
    ],
  };
}

/** A table's month, marked where its figures can still change. */
const monthLabel = (p: SeriesPoint): string => formatMonthMarked(p.month, p.provisional);

export function trendTable(points: readonly SeriesPoint[], unit: MeasureUnit, names: TrendNames): ChartTable {
  const isCount = unit === 'count';
  const withEngland = names.england !== names.org;
  return {
    caption: `${names.org} by month`,
    columns: isCount
      ? ['Month', names.org]
      : ['Month', 'Numerator', 'Denominator', names.org, '95% confidence interval', ...(names.parent ? [names.parent] : []), ...(withEngland ? [names.england] : [])],
    numeric: isCount ? [1] : [1, 2, 3, 5, 6],
    rows: points.map((p) =>
      isCount
        ? [monthLabel(p), formatRate(p.numerator, unit, p.suppressed)]
        : [
            monthLabel(p),
            formatRate(p.numerator, 'count', p.suppressed),
            formatRate(p.denominator, 'count', p.suppressed),
            formatRate(p.rate, unit, p.suppressed),
            p.suppressed ? 'suppressed' : intervalText(p.rate, p.ciLow, p.ciHigh, unit),
            ...(names.parent ? [formatRate(p.parentRate, unit)] : []),
            ...(withEngland ? [formatRate(p.englandRate, unit)] : []),
          ],
    ),
  };
}
