import type { MeasureItem } from '@pcsp/contract/measures.contract';
import type { SeriesResponse } from '@pcsp/contract/series.contract';
import { useId, useMemo, useState } from 'react';
import { ChartFigure } from '../charts/chart-figure';
import { ChartLegend } from '../charts/chart-legend';
import { trendLegend, trendOptions, trendShape, trendTable, type TrendNames } from '../charts/trend.chart';
import { comparisonLines } from '../lib/comparison-lines';
import { lowerFirst } from '../lib/format';
import { provisionalNote } from '../lib/provisional';
import { SpcFigure } from './spc-figure';

interface TrendFigureProps {
  series: SeriesResponse;
  measure: MeasureItem;
  title?: string;
  compact?: boolean;
  /** The numbers table's caption and accessible name, where the default ('<organisation> by month') would repeat on a page of several trends. */
  tableCaption?: string;
}

/**
 * A measure's trend for one organisation against its parent and England, with its numbers; the
 * full-size chart can be switched to an XmR (SPC) view.
 */
export function TrendFigure({ series, measure, title, compact = false, tableCaption }: TrendFigureProps) {
  const id = useId();
  const [view, setView] = useState<'trend' | 'spc'>('trend');
  const line = series.lines.find((l) => l.breakdown === '') ?? series.lines[0];
  const points = line?.points ?? [];
  const compared = comparisonLines(series.org, series.parent);
  // England's own trend has no England line beside it: trend charts skip a line named as the organisation.
  const names: TrendNames = { org: series.org.name, parent: compared.parent?.name ?? null, england: compared.england ? 'England' : series.org.name };
  const options = useMemo(
    () => trendOptions({ points, unit: measure.unit, names, compact, height: compact ? 180 : 320, width: compact ? 360 : 760 }),
    [series, measure.unit, compact],
  );
  const shape = trendShape(points, measure.unit);
  // Shown only where the series has provisional months; a compact chart has no legend, so its description says it.
  const note = shape.provisional.length ? provisionalNote(measure) : null;
  const others = [...(compared.parent ? [compared.parent.name] : []), ...(compared.england ? ['England'] : [])];
  const comparedWith = measure.unit === 'count' || others.length === 0 ? '' : ` against ${others.join(' and ')}`;
  const trend = (
    <ChartFigure
      title={title ?? `${measure.title}: ${series.org.name}`}
      description={
        compact
          ? `By month${comparedWith}.${note === null ? '' : ` ${note} (hollow point).`}`
          : `${measure.title} by month for ${series.org.name}${comparedWith}${measure.unit === 'count' ? '' : ', with the 95% confidence interval as a band'}. Months with suppressed figures are left out of the line.${note === null ? '' : ' Provisional months are hollow points on a dashed line.'}`
      }
      options={options}
      table={tableCaption === undefined ? trendTable(points, measure.unit, names) : { ...trendTable(points, measure.unit, names), caption: tableCaption }}
      legend={compact ? undefined : <ChartLegend items={trendLegend(names, shape, note)} />}
    />
  );
  if (compact) return trend;
  return (
    <div className="app-trend-views">
      <fieldset className="nhsuk-fieldset app-view-switch">
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">View of {lowerFirst(measure.title)}</legend>
        <div className="nhsuk-radios nhsuk-radios--inline nhsuk-radios--small">
          {(
            [
              // A count has no interval to draw.
              ['trend', measure.unit === 'count' ? 'Trend' : 'Trend with interval'],
              ['spc', 'XmR / SPC'],
            ] as const
          ).map(([value, label]) => (
            <div className="nhsuk-radios__item" key={value}>
              <input className="nhsuk-radios__input" id={`${id}-${value}`} type="radio" name={`${id}-view`} value={value} checked={view === value} onChange={() => setView(value)} />
              <label className="nhsuk-label nhsuk-radios__label" htmlFor={`${id}-${value}`}>
                {label}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
      {view === 'spc' ? <SpcFigure points={points} measure={measure} name={series.org.name} org={series.org.code} /> : trend}
    </div>
  );
}
