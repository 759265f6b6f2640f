import type { ChangePeriod, CompareResponse, CompareRow } from '@pcsp/contract/compare.contract';
import type { MeasureId, MeasureItem } from '@pcsp/contract/measures.contract';
import { useCallback, useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ChartFigure } from '../../../charts/chart-figure';
import { ChartLegend } from '../../../charts/chart-legend';
import { funnelLegendItems, funnelPlotOptions, funnelPoints, funnelTable, HIGHLIGHT_COLOUR, HIGHLIGHT_LABEL, type FunnelPoint } from '../../../charts/funnel-plot.chart';
import { AreaSelect } from '../../../components/area-select';
import { ComparisonTag } from '../../../components/comparison-tag';
import { MeasureSelect } from '../../../components/measure-select';
import { MonthSelect } from '../../../components/month-select';
import { Empty, QueryState } from '../../../components/query-state';
import { SelectField } from '../../../components/select-field';
import { api } from '../../../lib/api-client';
import { formatCount, intervalText, formatMonth, formatMonthMarked, formatRate, lowerFirst } from '../../../lib/format';
import { provisionalMonthNote } from '../../../lib/provisional';
import { useCompare, useMeasures, useSession } from '../../../lib/queries';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useSearchParam } from '../../../lib/use-search-param';
import { ownPracticeOf } from '../../../lib/user-access';
import { useBenchmarkDefault, type DefaultBenchmark } from '../api/use-benchmark-default';
import { changeDescription, changeOptions, changeSpan, changeTable, formatChangeValue } from '../charts/change.chart';

/** The API's largest page: enough for every practice of an ICB on one funnel. */
const COMPARE_LIMIT = 1000;

/**
 * Each practice against its own ICB by default (the API's benchmark=icb), as the overview's flagged practices, the
 * alerts and the report card judge it (measures.md), so that a practice is not Worse on one page and Similar on another.
 * Practices in several ICBs are compared with England by default instead: with an ICB each, the funnel has no one set
 * of limits to draw (use-benchmark-default.ts).
 */
function benchmarkOptions(byDefault: DefaultBenchmark) {
  const marked = (value: DefaultBenchmark) => (value === byDefault ? ' (default)' : '');
  return [
    { value: 'icb', label: `Each practice’s ICB${marked('icb')}` },
    { value: 'region', label: 'Each practice’s region' },
    { value: 'england', label: `England${marked('england')}` },
  ];
}

function benchmarkHint(icbs: number | null): string {
  return icbs === null
    ? 'The overview, alerts and report cards compare each practice with its own ICB.'
    : `These practices are in ${formatCount(icbs)} ICBs, so by default they are compared with England, which gives the funnel one set of limits. Choose “Each practice’s ICB” to compare each with its own ICB, as the overview, alerts and report cards do.`;
}

/** What a benchmark level is, where the rows have more than one such area (no single benchmark org). */
const EACH_OWN: Record<string, string> = { icb: 'each practice’s own ICB', region: 'each practice’s own region' };

const CHANGE_OPTIONS = [
  { value: '', label: 'No change view' },
  { value: '12m', label: 'This month against the same month a year before' },
  { value: 'quarter', label: 'This month against 3 months before' },
  { value: 'year-on-year', label: 'Latest 3 months against the same 3 months a year before' },
];


function RankedTable({ rows, measure, change, own, provisional }: { rows: CompareRow[]; measure: MeasureItem; change: boolean; own: string | null; provisional: string | null }) {
  const unit = measure.unit;
  // A count is not ranked (it mostly follows list size): the API lists it by count, most first, with no rank.
  const ranked = unit !== 'count';
  // The rate is the month's; over 3 months the change is between the periods' pooled figures, so its header names them.
  const span = change ? changeSpan(rows) : null;
  const caption = ranked
    ? `Practices ranked by ${change ? 'change' : lowerFirst(measure.title)}`
    : `Practices by ${change ? `change in ${lowerFirst(measure.title)}` : `${lowerFirst(measure.title)}, most first, not ranked`}`;
  return (
    <div className="app-table-scroll" tabIndex={0} role="region" aria-label={ranked ? 'Practices ranked' : 'Practices by count'}>
      <table className="nhsuk-table app-table--compact" data-testid="ranked-table">
        <caption className="nhsuk-table__caption nhsuk-table__caption--s">
          {caption}
          {provisional && `, ${provisional} (provisional)`}
        </caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            {ranked && <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Rank</th>}
            <th scope="col" className="nhsuk-table__header">Practice</th>
            <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">{unit === 'count' ? 'Count' : 'Rate'}</th>
            {unit !== 'count' && <th scope="col" className="nhsuk-table__header">95% confidence interval</th>}
            {unit !== 'count' && <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Numerator</th>}
            {unit !== 'count' && <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Denominator</th>}
            {change && <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">{span ? `Change, ${span.later} against ${span.earlier}` : 'Change'}</th>}
            <th scope="col" className="nhsuk-table__header">Compared with benchmark</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {rows.map((r) => (
            <tr key={r.code} className={`nhsuk-table__row${r.code === own ? ' app-table__row--own' : ''}`} data-code={r.code}>
              {ranked && <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{r.rank ?? '–'}</td>}
              <th scope="row" className="nhsuk-table__header">
                <Link to={`/org/${encodeURIComponent(r.code)}?measure=${measure.id}`}>{r.name}</Link> <span className="app-muted">{r.code}</span>
                {r.code === own && <strong className="nhsuk-u-display-block">{HIGHLIGHT_LABEL}</strong>}
              </th>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric" data-testid="rate">
                {unit === 'count' ? formatCount(r.numerator) : formatRate(r.rate, unit)}
              </td>
              {unit !== 'count' && <td className="nhsuk-table__cell">{intervalText(r.rate, r.ciLow, r.ciHigh, unit)}</td>}
              {unit !== 'count' && <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatCount(r.numerator)}</td>}
              {unit !== 'count' && <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatCount(r.denominator)}</td>}
              {change && <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatChangeValue(r.change?.difference, unit, span?.months ?? 1)}</td>}
              <td className="nhsuk-table__cell">
                <ComparisonTag comparison={r.comparison} value={unit === 'count' ? r.numerator : r.rate} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CompareResults({ data, measure, includeClosed, csvHref }: { data: CompareResponse; measure: MeasureItem; includeClosed: boolean; csvHref: string }) {
  const navigate = useNavigate();
  const session = useSession().data;
  const own = session ? ownPracticeOf(session) : null;
  // Closed practices (no registered patients) are left out by the API unless asked for.
  const rows = data.rows;
  const closed = rows.filter((r) => r.closed).length;
  // Practices in several ICBs (or regions) each have their own benchmark: the API then names none.
  const eachOwn = data.benchmark.org === null && data.benchmark.level !== 'england';
  const benchmarkName = data.benchmark.org?.name ?? (eachOwn ? EACH_OWN[data.benchmark.level] : 'England');
  const eachArea = data.benchmark.level === 'icb' ? 'ICB' : 'region';
  // Limits around several benchmarks would join into one jagged line: with no single benchmark the points are drawn
  // (coloured by their own comparison) without lines, and the funnel's table keeps each practice's limits.
  const funnelRows = useMemo(() => (eachOwn ? rows.map((r) => ({ ...r, limits: null })) : rows), [rows, eachOwn]);
  const options = useMemo(
    () => funnelPlotOptions({ rows: funnelRows, benchmark: eachOwn ? null : data.benchmark.rate, benchmarkName, unit: measure.unit, highlight: own }),
    [funnelRows, eachOwn, data.benchmark.rate, benchmarkName, measure.unit, own],
  );
  const openPractice = useCallback((datum: unknown) => {
    const point = datum as FunnelPoint;
    if (point?.code) navigate(`/org/${encodeURIComponent(point.code)}?measure=${measure.id}`);
  }, [navigate, measure.id]);
  const changeOn = data.change !== null;
  const notComparedOnFunnel = funnelPoints(rows).some((p) => p.comparison === 'not compared');
  const ownOnFunnel = own !== null && rows.some((r) => r.code === own && r.rate !== null && r.denominator !== null && r.denominator > 0);
  // The month's figures (and so each change, which ends in it) can still rise at the next refresh.
  const provisionalNote = data.provisional ? provisionalMonthNote(measure, data.month) : null;
  const monthLabel = formatMonthMarked(data.month, provisionalNote !== null);
  const changeNote = provisionalNote && changeOn ? `Each change ends in ${formatMonth(data.month)}, so it is likely understated: a rise may prove larger, and a fall smaller, once the month is final.` : null;

  return (
    <>
      <p className="nhsuk-body" data-testid="compare-summary">
        {rows.length} practices{data.within ? ` in ${data.within.name}` : ''}, {monthLabel}.{' '}
        {measure.unit === 'count'
          ? 'A count is not compared with a benchmark.'
          : eachOwn
            ? `Benchmark: ${benchmarkName}.`
            : `Benchmark: ${benchmarkName} ${formatRate(data.benchmark.rate, measure.unit)}.`}
        {includeClosed ? closed > 0 && ` ${closed} closed practice${closed === 1 ? '' : 's'} (no registered patients) included.` : ' Closed practices (no registered patients) left out.'}
        {data.total > data.rows.length && ` Showing the first ${data.rows.length} of ${data.total}.`}
      </p>
      {provisionalNote && (
        <div className="nhsuk-inset-text" data-testid="compare-provisional">
          <p>
            {provisionalNote}.{changeNote && ` ${changeNote}`}
          </p>
        </div>
      )}
      <p className="app-no-print">
        <a className="nhsuk-button nhsuk-button--secondary" href={csvHref} download data-testid="csv-download">
          Download as CSV
        </a>
      </p>
      {measure.unit === 'count' ? (
        <Empty>A count has no denominator, so it has no funnel plot, and it is not ranked, as a count mostly follows list size: the table lists the practices by count, most first.</Empty>
      ) : rows.some((r) => r.rate !== null) ? (
        <ChartFigure headingLevel={2}
          title={`Funnel plot: ${measure.title}, ${monthLabel}`}
          description={`${provisionalNote ? `${provisionalNote}. ` : ''}Each practice's rate against its denominator. ${
            eachOwn
              ? `Each practice is compared with its own ${eachArea}, so the limits differ between practices and none are drawn: choose one ${eachArea} under Practices in, or England as the benchmark, to see them. Practices outside their 99.8% limits are flagged.`
              : `The line across is ${benchmarkName} (${formatRate(data.benchmark.rate, measure.unit)}); dashed lines are the 95% limits and solid lines the 99.8% limits. Practices outside the 99.8% limits are flagged.`
          }${notComparedOnFunnel ? ' Hollow grey points are practices not compared: their benchmark gives no limits.' : ''}${ownOnFunnel ? ' Your practice is the point on a dark disc, labelled.' : ''} Select a point, or a practice's name in the ranked table below, to open that practice.`}
          options={options}
          onSelect={openPractice}
          table={funnelTable(rows, measure.unit, own, provisionalNote)}
          legend={
            <ChartLegend
              items={[
                ...funnelLegendItems(rows),
                ...(ownOnFunnel ? [{ label: HIGHLIGHT_LABEL, colour: HIGHLIGHT_COLOUR, shape: 'dot' as const }] : []),
                ...(eachOwn
                  ? []
                  : [
                      { label: benchmarkName, colour: '#212B32' },
                      { label: '95% limits', colour: '#425563', dash: '5,4' },
                      { label: '99.8% limits', colour: '#425563' },
                    ]),
              ]}
            />
          }
        />
      ) : (
        <Empty>No practice has a rate for this month.</Empty>
      )}
      {changeOn && rows.some((r) => r.change?.difference !== null && r.change !== null) && (
        <ChartFigure headingLevel={2}
          title={`Change in ${lowerFirst(measure.title)}`}
          description={`${changeDescription(measure.direction, measure.unit, changeSpan(rows))}${changeNote ? ` ${changeNote}` : ''}`}
          options={changeOptions(rows, measure.unit)}
          table={changeTable(rows, measure.unit)}
        />
      )}
      <h2>{measure.unit === 'count' ? 'Practices by count' : 'Ranked table'}</h2>
      <RankedTable rows={rows} measure={measure} change={changeOn} own={own} provisional={provisionalNote && formatMonth(data.month)} />
    </>
  );
}

export function ComparePage() {
  const measures = useMeasures();
  const [measureId, setMeasure] = useSearchParam('measure', 'plan_coverage');
  const [month, setMonth] = useSearchParam('month');
  const [within, setWithin] = useSearchParam('within');
  const [change, setChange] = useSearchParam('change');
  const [closed, setClosed] = useSearchParam('closed');
  const byDefault = useBenchmarkDefault(within);
  // A benchmark in the URL holds whatever the practices; the default (which depends on them) is left out of the URL.
  const [benchmark, setBenchmark] = useSearchParam('benchmark', byDefault.benchmark);
  const [params] = useSearchParams();
  const chosen = params.has('benchmark');
  const measure = measures.data?.find((m) => m.id === measureId);
  const query = {
    month: month || undefined,
    within: within || undefined,
    // Always said: the API's own default is England.
    benchmark,
    change: (change || undefined) as ChangePeriod | undefined,
    sort: change ? ('change' as const) : ('rank' as const),
    limit: COMPARE_LIMIT,
    includeClosed: closed === '1' ? true : undefined,
  };
  // Not asked with a default that is still to be settled, which would ask twice.
  const compare = useCompare(measure?.id as MeasureId | undefined, query, chosen || byDefault.ready);
  useDocumentTitle(`Compare practices: ${measure?.title ?? ''}`);

  return (
    <>
      <h1>Compare practices</h1>
      <QueryState query={measures} what="measures">
        {(list) => (
          <>
            <form className="app-filters" onSubmit={(e) => e.preventDefault()} aria-label="Choose what to compare">
              <MeasureSelect measures={list} value={measureId} onChange={setMeasure} />
              {/* The API says which month is provisional only of the month compared. */}
              <MonthSelect value={month} onChange={setMonth} provisional={compare.data?.provisional ? [compare.data.month] : []} />
              <AreaSelect label="Practices in" value={within} onChange={setWithin} allLabel="All practices you can see" hint="An ICB, a PCN or one of your groups" searchLevels={['england', 'region', 'icb', 'sub_icb', 'pcn']} />
              <SelectField label="Benchmark" value={benchmark} onChange={setBenchmark} options={benchmarkOptions(byDefault.benchmark)} hint={benchmarkHint(byDefault.icbs)} />
              <SelectField label="Change view" value={change} onChange={setChange} options={CHANGE_OPTIONS} />
              <div className="nhsuk-form-group">
                <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
                  <div className="nhsuk-checkboxes__item">
                    <input className="nhsuk-checkboxes__input" id="include-closed" type="checkbox" checked={closed === '1'} onChange={(e) => setClosed(e.target.checked ? '1' : '')} />
                    <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="include-closed">
                      Include closed practices
                    </label>
                  </div>
                </div>
              </div>
            </form>
            {!measure ? (
              <Empty>There is no measure called “{measureId}”. Choose one from the list.</Empty>
            ) : (
              <QueryState query={compare} what="practice comparison" isEmpty={(c) => c.rows.length === 0} empty="There are no practices to compare in this area.">
                {(data) => <CompareResults data={data} measure={measure} includeClosed={closed === '1'} csvHref={api.compareCsvUrl(measure.id, query)} />}
              </QueryState>
            )}
          </>
        )}
      </QueryState>
    </>
  );
}
