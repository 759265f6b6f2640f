import type { MeasureItem } from '@pcsp/contract/measures.contract';
import type { TargetGapRow, TargetProgressItem } from '@pcsp/contract/targets.contract';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { ChartFigure } from '../../../charts/chart-figure';
import { ChartLegend } from '../../../charts/chart-legend';
import { LINE_COLOURS } from '../../../charts/palette';
import { PROVISIONAL_DASH } from '../../../charts/trend.chart';
import { Empty, QueryState } from '../../../components/query-state';
import { formatChange, formatLevel, formatMonth, formatRate, monthDate } from '../../../lib/format';
import { provisionalMonthNote } from '../../../lib/provisional';
import { useMeasures } from '../../../lib/queries';
import { useTargetProgress } from '../api/use-targets';
import { TARGET_COLOUR, targetProjectionOptions, targetProjectionTable } from '../charts/target-projection.chart';
import { TargetStatusTag } from './target-status-tag';

// In the Targets page intro's words: on_track, uncertain and off_track come with a projection, whose range the card has just given.
const STATUS_TEXT = {
  on_track: 'The whole range meets the target: on track.',
  uncertain: 'The range includes the target: it may or may not be met at this rate.',
  off_track: 'None of the range meets the target: off track.',
  met: 'The target month has passed and the latest figure meets the target.',
  missed: 'The target month has passed and the latest figure falls short of the target.',
} as const;

// A page shows every target of one area: the measure's title tells each table's region from the next target's.
function GapTable({ rows, item, title, level, limit }: { rows: TargetGapRow[]; item: TargetProgressItem; title: string; level: 'practice' | 'pcn'; limit?: number }) {
  const shown = limit === undefined ? rows : rows.slice(0, limit);
  const caption = `${title}: ${level === 'pcn' ? 'PCNs' : 'Practices'} ranked by their gap to the target${limit !== undefined && rows.length > limit ? ` (the ${limit} furthest short of ${rows.length})` : ''}`;
  if (rows.length === 0) return null;
  return (
    <div className="app-table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="nhsuk-table app-table--compact" data-testid={`gap-${level}`}>
        <caption className="nhsuk-table__caption nhsuk-table__caption--s">{caption}</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Rank</th>
            <th scope="col" className="nhsuk-table__header">{formatLevel(level)}</th>
            <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">{formatMonth(item.progress?.latestMonth)}</th>
            <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Gap to target</th>
            <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Projection for {formatMonth(item.target.targetMonth)}</th>
            <th scope="col" className="nhsuk-table__header">Status</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {shown.map((r) => (
            <tr key={r.org.code} className="nhsuk-table__row">
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{r.rank ?? '–'}</td>
              <th scope="row" className="nhsuk-table__header">
                <Link to={`/org/${encodeURIComponent(r.org.code)}?measure=${item.target.measure}`}>{r.org.name}</Link>
              </th>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatRate(r.rate, item.unit)}</td>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{r.gap === null ? '–' : r.gap <= 0 ? 'target met' : formatChange(r.gap, item.unit).replace(/^\+/, '')}</td>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatRate(r.projectedRate, item.unit)}</td>
              <td className="nhsuk-table__cell">
                <TargetStatusTag status={r.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** How many months "2025-11" to "2026-10" spans, both included (12). */
const monthsFrom = (from: string, to: string) => {
  const [a, b] = [monthDate(from), monthDate(to)];
  return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth() + 1;
};

function TargetProgressCard({ item, areaName, measure, limit }: { item: TargetProgressItem; areaName: string; measure: MeasureItem | undefined; limit?: number }) {
  const title = measure?.title ?? item.target.measure;
  const p = item.progress;
  const target = `${formatRate(item.target.targetRate, item.unit)} by ${formatMonth(item.target.targetMonth)}`;
  // Provisional months can still rise: shown, but neither fitted nor used for the gaps (measured at the final month).
  const provisional = item.trend.filter((t) => t.provisional);
  const months = !provisional.length
    ? 'the last 12 months'
    : p?.trendFrom && p.trendTo
      ? `the ${monthsFrom(p.trendFrom, p.trendTo)} months ${formatMonth(p.trendFrom)} to ${formatMonth(p.trendTo)}`
      : `the 12 final months to ${formatMonth(item.finalMonth)}`;
  const provisionalText = provisional.length
    ? ` ${provisional
        .map((t) => (measure ? provisionalMonthNote(measure, t.month) : null) ?? `${formatMonth(t.month)} is provisional: its figures may rise at the next refresh`)
        .join('. ')}. ${provisional.length === 1 ? 'It is' : 'They are'} shown but not used for the trend line or the gaps, which are as of ${formatMonth(item.finalMonth)}.`
    : '';
  return (
    <section className="app-target" aria-labelledby={`target-${item.target.measure}`} data-testid={`target-${item.target.measure}`}>
      <h3 id={`target-${item.target.measure}`}>
        {title}: target {target} <TargetStatusTag status={p?.status ?? null} />
      </h3>
      <p>
        {item.inherited ? `The target set for ${item.target.org.name} applies here. ` : ''}
        {p ? `${areaName} was at ${formatRate(p.latestRate, item.unit)} in ${formatMonth(p.latestMonth)}. ` : `${areaName} has no figure yet. `}
        {p?.projection
          ? `The trend line, a straight line through the area’s figures for ${months} (${formatChange(p.slopePerMonth, item.unit)} a month), reaches ${formatRate(p.projection.rate, item.unit)} by ${formatMonth(p.projection.month)}. ` +
            `If things carry on as they are, 19 times out of 20 the figure for ${formatMonth(p.projection.month)} would fall between ${formatRate(p.projection.low, item.unit)} and ${formatRate(p.projection.high, item.unit)} (the 95% prediction interval). `
          : ''}
        {p?.status ? STATUS_TEXT[p.status] : ''}
        {provisionalText}
      </p>
      <ChartFigure
        title={`${title}: projection to ${formatMonth(item.target.targetMonth)}, ${areaName}`}
        description={`Monthly rates of the ${provisional.length ? `12 final months to ${formatMonth(item.finalMonth)} (then the provisional months, hollow, not in the line)` : 'last 12 months'}, the trend line (fitted by ordinary least squares) carried on to the target month with the range the figure would fall in 19 times out of 20 if things carry on as they are, and the target of ${target}.`}
        options={targetProjectionOptions(item)}
        table={targetProjectionTable(item, `${title}, ${areaName}`)}
        legend={
          <ChartLegend
            items={[
              { label: areaName, colour: LINE_COLOURS.org },
              ...(provisional.length ? [{ label: 'Provisional: not in the trend line', colour: LINE_COLOURS.org, dash: PROVISIONAL_DASH }] : []),
              { label: 'Trend line and 95% prediction interval', colour: LINE_COLOURS.parent, dash: '6,3' },
              { label: 'Target', colour: TARGET_COLOUR, dash: '8,4' },
            ]}
          />
        }
      />
      <GapTable rows={item.pcns} item={item} title={title} level="pcn" limit={limit} />
      <GapTable rows={item.practices} item={item} title={title} level="practice" limit={limit} />
    </section>
  );
}

/** Every target that applies to the area: where it is heading and who is furthest short. `limit` shortens the rankings. */
export function TargetProgressPanel({ org, limit, emptyText }: { org: string; limit?: number; emptyText: ReactNode }) {
  const progress = useTargetProgress(org);
  const measures = useMeasures();
  return (
    <QueryState query={progress} what="targets">
      {(list) =>
        list.items.length === 0 ? (
          <Empty>{emptyText}</Empty>
        ) : (
          <>
            {list.items.map((item) => (
              <TargetProgressCard key={item.target.id} item={item} areaName={list.org.name} measure={measures.data?.find((m) => m.id === item.target.measure)} limit={limit} />
            ))}
          </>
        )
      }
    </QueryState>
  );
}
