import type * as Plot from '@observablehq/plot';
import { useId, useMemo } from 'react';
import type { ChartTable } from './chart-table';
import { PlotFigure } from './plot-figure';

/** Chart text at a readable size, in the page's font. */
const CHART_STYLE = { fontSize: '12px', fontFamily: 'inherit' };

export interface ChartFigureProps {
  /** The chart's accessible name, shown as its caption. */
  title: string;
  /** What the chart shows, in a sentence or two; read out with the chart. */
  description: string;
  options: Plot.PlotOptions;
  table: ChartTable;
  onSelect?: (datum: unknown) => void;
  legend?: React.ReactNode;
  /** The title's heading level in the page's outline: 2 where it comes straight after the h1, 3 under a section's h2. */
  headingLevel?: 2 | 3 | 4;
}

/** A chart with its caption, description, legend and "Show the numbers" table. */
export function ChartFigure({ title, description, options, table, onSelect, legend, headingLevel = 3 }: ChartFigureProps) {
  const id = useId();
  const Heading = `h${headingLevel}` as const;
  const named = useMemo(() => ({ style: CHART_STYLE, ...options, ariaLabel: title, ariaDescription: description }), [options, title, description]);
  return (
    <figure className="app-chart" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`}>
      <figcaption>
        <Heading className="nhsuk-heading-s app-chart__title" id={`${id}-title`}>
          {title}
        </Heading>
        <p className="nhsuk-body-s app-chart__description" id={`${id}-desc`}>
          {description}
        </p>
      </figcaption>
      {legend}
      <PlotFigure options={named} onSelect={onSelect} />
      <details className="nhsuk-details app-chart__numbers">
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">Show the numbers</span>
        </summary>
        <div className="nhsuk-details__text">
          <NumbersTable table={table} />
        </div>
      </details>
    </figure>
  );
}

export function NumbersTable({ table }: { table: ChartTable }) {
  const numeric = new Set(table.numeric ?? []);
  if (table.rows.length === 0) return <p className="nhsuk-body-s">There are no figures to show.</p>;
  return (
    <div className="app-table-scroll" tabIndex={0} role="region" aria-label={table.caption}>
      <table className="nhsuk-table app-table--compact">
        <caption className="nhsuk-table__caption nhsuk-table__caption--s">{table.caption}</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            {table.columns.map((c, i) => (
              <th key={c} scope="col" className={`nhsuk-table__header${numeric.has(i) ? ' nhsuk-table__header--numeric' : ''}`}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {table.rows.map((row, r) => (
            <tr key={r} className="nhsuk-table__row">
              {row.map((cell, i) =>
                i === 0 ? (
                  <th key={i} scope="row" className="nhsuk-table__header">
                    {cell}
                  </th>
                ) : (
                  <td key={i} className={`nhsuk-table__cell${numeric.has(i) ? ' nhsuk-table__cell--numeric' : ''}${cell === 'suppressed' ? ' app-suppressed' : ''}`}>
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
