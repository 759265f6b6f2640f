import * as Plot from '@observablehq/plot';
import { slopeIndexOfInequality } from '@pcsp/analytics/stats/slope-index-of-inequality';
import type { MeasureDirection, MeasureUnit } from '@pcsp/contract/measures.contract';
import type { SeriesLine, SeriesPoint } from '@pcsp/contract/series.contract';
import type { LegendItem } from '../../../charts/chart-legend';
import type { ChartTable } from '../../../charts/chart-table';
import { monthScale } from '../../../charts/month-scale';
import { LINE_COLOURS } from '../../../charts/palette';
import { formatChange, formatMonthMarked, monthDate } from '../../../lib/format';

/**
 * IMD quintiles from the least deprived (5, at x = 0) to the most deprived (1, at x = 1), so that the SII is the modelled
 * difference most deprived minus least deprived, the way round the gap is. 'unknown' is on no end of the scale.
 */
export const QUINTILES_LEAST_TO_MOST_DEPRIVED = [5, 4, 3, 2, 1] as const;

export interface SiiValue {
  month: string;
  date: Date;
  /** Most deprived minus least deprived, in the measure's points. */
  sii: number;
  low: number;
  high: number;
  provisional: boolean;
}

/** The quintiles that keep a month from having an SII, each in ascending order. */
export interface SiiShortfall {
  suppressed: number[];
  /** No point, or one without a rate, an interval or a denominator above 0. */
  missing: number[];
}

type UsablePoint = SeriesPoint & { rate: number; ciLow: number; ciHigh: number; denominator: number };

const usable = (p: SeriesPoint | undefined): p is UsablePoint =>
  p !== undefined && !p.suppressed && p.rate !== null && p.ciLow !== null && p.ciHigh !== null && p.denominator !== null && p.denominator > 0;

function quintilePoints(lines: readonly SeriesLine[], month: string): (SeriesPoint | undefined)[] {
  return QUINTILES_LEAST_TO_MOST_DEPRIVED.map((q) => lines.find((l) => l.breakdown === `imd_quintile=${q}`)?.points.find((p) => p.month === month));
}

/** The SII of one month from the points as the page shows them (rate, interval, denominator); null unless all five quintiles have them. */
export function deprivationSiiOf(lines: readonly SeriesLine[], month: string): SiiValue | null {
  const points = quintilePoints(lines, month);
  if (!points.every(usable)) return null;
  const sii = slopeIndexOfInequality(points.map((p) => ({ value: p.rate, low: p.ciLow, high: p.ciHigh, population: p.denominator })));
  if (!sii) return null;
  return { month, date: monthDate(month), sii: sii.sii, low: sii.low, high: sii.high, provisional: points.some((p) => p.provisional === true) };
}

/** The latest month of any line of the series, or null when it has no points. */
export function latestSeriesMonth(lines: readonly SeriesLine[]): string | null {
  const months = lines.flatMap((l) => l.points.map((p) => p.month)).sort();
  return months[months.length - 1] ?? null;
}

/** The SII of each month in which all five IMD quintiles have a rate, an interval and a denominator, oldest first. */
export function deprivationSiiValues(lines: readonly SeriesLine[]): SiiValue[] {
  const months = [...new Set(lines.flatMap((l) => l.points.map((p) => p.month)))].sort();
  return months.map((m) => deprivationSiiOf(lines, m)).filter((v): v is SiiValue => v !== null);
}

/** Which quintiles are suppressed, and which have no figures to use, in a month. */
export function siiShortfall(lines: readonly SeriesLine[], month: string): SiiShortfall {
  const shortfall: SiiShortfall = { suppressed: [], missing: [] };
  quintilePoints(lines, month).forEach((p, i) => {
    const q = QUINTILES_LEAST_TO_MOST_DEPRIVED[i];
    if (p?.suppressed) shortfall.suppressed.push(q);
    else if (!usable(p)) shortfall.missing.push(q);
  });
  shortfall.suppressed.sort((a, b) => a - b);
  shortfall.missing.sort((a, b) => a - b);
  return shortfall;
}

/** "quintile 3", "quintiles 2 and 4", "quintiles 1, 2 and 3". */
function quintileWords(quintiles: readonly number[]): string {
  if (quintiles.length === 1) return `quintile ${quintiles[0]}`;
  return `quintiles ${quintiles.slice(0, -1).join(', ')} and ${quintiles[quintiles.length - 1]}`;
}

/** Why a month has no SII, in words: "quintile 3 is suppressed; quintiles 2 and 4 have none". */
export function shortfallWords(shortfall: SiiShortfall): string {
  const parts: string[] = [];
  if (shortfall.suppressed.length) parts.push(`${quintileWords(shortfall.suppressed)} ${shortfall.suppressed.length === 1 ? 'is' : 'are'} suppressed`);
  if (shortfall.missing.length) parts.push(`${quintileWords(shortfall.missing)} ${shortfall.missing.length === 1 ? 'has' : 'have'} none`);
  return parts.join('; ');
}

/** Which side of 0 the most deprived do worse, by the measure's direction. */
export function siiReading(direction: MeasureDirection): string {
  if (direction === 'higher_is_better') return 'Below zero, the most deprived do worse on this measure.';
  if (direction === 'lower_is_better') return 'Above zero, the most deprived do worse on this measure.';
  return 'Below zero, the most deprived have the lower rate.';
}

const oneDecimal = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** "−38.5 to −18.8 percentage points": the interval of a difference, signed as formatChange signs, its unit said once. */
export function formatChangeInterval(low: number, high: number, unit: MeasureUnit): string {
  const sign = low > 0 ? '+' : low < 0 ? '−' : '';
  return `${sign}${oneDecimal.format(Math.abs(low))} to ${formatChange(high, unit)}`;
}

/** A month as tables show it, marked where its figures can still change. */
export const siiMonthLabel = (v: SiiValue): string => formatMonthMarked(v.month, v.provisional);

const unitWords = (unit: MeasureUnit) => (unit === '%' ? 'percentage points' : unit);

/** A month's tip on the chart: the month, then the SII, which way round it is, and its interval. */
export function siiTip(v: SiiValue, unit: MeasureUnit): string {
  return `${siiMonthLabel(v)}\nSII, most minus least deprived: ${formatChange(v.sii, unit)} (95% CI ${formatChangeInterval(v.low, v.high, unit)})`;
}

/** The SII over time with its 95% interval as a band, against the line of no difference. */
export function siiOptions(values: readonly SiiValue[], unit: MeasureUnit, width = 760): Plot.PlotOptions {
  return {
    width,
    height: 260,
    marginLeft: 56,
    marginTop: 20,
    x: monthScale(),
    y: { label: `↑ SII, most minus least deprived (${unitWords(unit)})`, grid: true, nice: true },
    marks: [
      Plot.areaY(values, { x: 'date', y1: 'low', y2: 'high', fill: LINE_COLOURS.band, fillOpacity: 0.3 }),
      // A band needs two months; one month's interval is drawn as a whisker.
      ...(values.length === 1 ? [Plot.ruleX(values, { x: 'date', y1: 'low', y2: 'high', stroke: LINE_COLOURS.band, strokeWidth: 6, strokeOpacity: 0.5 })] : []),
      Plot.ruleY([0], { stroke: '#212B32' }),
      Plot.lineY(values, { x: 'date', y: 'sii', stroke: LINE_COLOURS.org, strokeWidth: 2.5 }),
      Plot.dot(values, { x: 'date', y: 'sii', fill: LINE_COLOURS.org, r: 2.5, title: (v: SiiValue) => siiTip(v, unit), tip: true }),
    ],
  };
}

export const SII_LEGEND: LegendItem[] = [
  { label: 'Slope index of inequality', colour: LINE_COLOURS.org },
  { label: '95% confidence interval', colour: LINE_COLOURS.band, shape: 'band' },
];

export function siiTable(values: readonly SiiValue[], unit: MeasureUnit): ChartTable {
  return {
    caption: 'Slope index of inequality (most minus least deprived) by month',
    columns: ['Month', 'Most minus least deprived', '95% confidence interval'],
    numeric: [1, 2],
    rows: values.map((v) => [siiMonthLabel(v), formatChange(v.sii, unit), formatChangeInterval(v.low, v.high, unit)]),
  };
}
