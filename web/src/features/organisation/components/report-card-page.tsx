import type { Session } from '@pcsp/contract/auth.contract';
import type { MeasureId, MeasureItem } from '@pcsp/contract/measures.contract';
import type { AnyOrganisationLevel, OrganisationDetail, OrganisationRef } from '@pcsp/contract/organisations.contract';
import type { SummaryCard } from '@pcsp/contract/summary.contract';
import { useId, useMemo } from 'react';
import { Link, Navigate, useLocation, useParams } from 'react-router-dom';
import { ChartFigure } from '../../../charts/chart-figure';
import { ChartLegend } from '../../../charts/chart-legend';
import { decilesAcross, decilesLegend, decilesOptions, decilesPractices, decilesTable, type ComparisonLine } from '../../../charts/deciles.chart';
import { LINE_COLOURS } from '../../../charts/palette';
import { BreakdownFigure } from '../../../components/breakdown-figure';
import { ComparisonTag } from '../../../components/comparison-tag';
import { MeasureSelect } from '../../../components/measure-select';
import { MonthSelect, UnavailableMonthNotice } from '../../../components/month-select';
import { organisationProblem, organisationProblemTitle, OrganisationProblemMessage, OwnAreaLinks } from '../../../components/organisation-problem';
import { Loading, QueryState } from '../../../components/query-state';
import { SelectField } from '../../../components/select-field';
import { TrendFigure } from '../../../components/trend-figure';
import { formatBreakdown, formatChange, formatCount, intervalText, formatLevel, formatMonth, formatRate, lowerFirst } from '../../../lib/format';
import { useDeciles, useMeasures, useOrg, useSeries, useSession, useSummary } from '../../../lib/queries';
import { changeSignificanceText } from '../../../lib/change-significance';
import { canonicalOrgCode } from '../../../lib/org-code';
import { provisionalMonthNote, provisionalNote } from '../../../lib/provisional';
import { maySeeBreakdownsOf } from '../../../lib/user-access';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useMonthParam, useSearchParam } from '../../../lib/use-search-param';
import { mayOpenParent, OrganisationPath } from './organisation-path';
import { PracticeList } from './practice-list';

/**
 * What the "parent" rate beside each value is, by the organisation's level (the API's parentOf): the ICB for
 * practices, PCNs, sub-ICBs and groups, the region for an ICB, England for a region.
 */
const PARENT_HEADING: Record<AnyOrganisationLevel, string> = {
  practice: 'ICB', pcn: 'ICB', sub_icb: 'ICB', group: 'ICB', icb: 'Region', region: 'England', england: 'Parent',
};

/** What the flags compare with: the parent, the benchmark of the API's funnels; England has none, so has no flags. */
const benchmarkOf = (level: AnyOrganisationLevel): string | undefined => (level === 'england' ? undefined : PARENT_HEADING[level]);

/** Which test the flags use, said beside the table: its 95% intervals are not that test. */
function FlagTest({ level }: { level: AnyOrganisationLevel }) {
  const benchmark = benchmarkOf(level);
  if (!benchmark) return null;
  return (
    <p className="nhsuk-body-s" id="report-card-flags" data-testid="report-card-flags">
      Compared with {benchmark}: a measure is flagged (better or worse, or higher or lower where neither is better) only where its value lies outside the
      99.8% funnel limits around the {benchmark} rate, and is otherwise similar. The flag does not use the 95% confidence interval, so a value whose
      interval leaves out the {benchmark} rate can still be similar. Counts are not compared.
    </p>
  );
}

/**
 * Where a measure's month is provisional, its change and flag are judged on that month too: said under the table, as
 * compare says it of a change ending in a provisional month.
 */
function ProvisionalNote({ cards, month }: { cards: SummaryCard[]; month: string }) {
  const provisional = cards.filter((c) => c.provisional);
  if (provisional.length === 0) return null;
  const titles = provisional.map((c) => lowerFirst(c.title)).join(' and ');
  return (
    <p className="nhsuk-body-s" data-testid="report-card-provisional">
      {formatMonth(month)} is provisional for {titles}: its value, change and comparison are of a month whose figures may rise at the next refresh. The
      change is likely understated: a rise may prove larger, and a fall smaller, once the month is final.
    </p>
  );
}

/**
 * Whether the 12-month change is significant, in the overview tiles' words, on a line of its own under the figure:
 * <small> is smaller than the cell whatever its size (8.5pt in print), where nhsuk's size classes are 12pt in print.
 */
function ChangeSignificance({ card }: { card: SummaryCard }) {
  const text = changeSignificanceText(card.change);
  if (!text) return null;
  return (
    <small className="nhsuk-u-display-block nhsuk-u-secondary-text-colour" data-testid="card-change-significance">
      {text.charAt(0).toUpperCase() + text.slice(1)}
    </small>
  );
}

/** What "significant" means under the change column, where any change is judged. */
function ChangeNote({ cards }: { cards: SummaryCard[] }) {
  if (!cards.some((c) => changeSignificanceText(c.change))) return null;
  return (
    <p className="nhsuk-body-s" data-testid="report-card-change">
      Change over 12 months is the difference from the same month a year before. A change is called significant when it is unlikely to be due to
      chance alone (its 95% confidence interval leaves out 0).{cards.some((c) => c.unit === 'count') ? ' A count’s change has no interval, so it is not judged.' : ''}
    </p>
  );
}

function SummaryTable({ cards, level, onChoose }: { cards: SummaryCard[]; level: AnyOrganisationLevel; onChoose: (id: MeasureId) => void }) {
  // Peers are usually the same area for every measure: name it once, in the column's header.
  const areas = [...new Set(cards.map((c) => c.peers.within.name))];
  const sharedArea = areas.length === 1 ? areas[0] : undefined;
  const benchmark = benchmarkOf(level);
  return (
    <div className="app-table-scroll" tabIndex={0} role="region" aria-label="Every measure against peers">
      <table className="nhsuk-table app-table--compact" data-testid="report-card" aria-describedby={benchmark ? 'report-card-flags' : undefined}>
        <caption className="nhsuk-table__caption nhsuk-table__caption--s">Every measure against its peers</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className="nhsuk-table__header">Measure</th>
            <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Value</th>
            <th scope="col" className="nhsuk-table__header">95% confidence interval</th>
            <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">{PARENT_HEADING[level]}</th>
            <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">England</th>
            <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Change over 12 months</th>
            <th scope="col" className="nhsuk-table__header">{sharedArea ? `Rank in ${sharedArea}` : 'Rank among peers'}</th>
            <th scope="col" className="nhsuk-table__header">{benchmark ? `Compared with ${benchmark}` : 'Comparison'}</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {cards.map((c) => (
            <tr key={c.measure} className="nhsuk-table__row" data-measure={c.measure}>
              <th scope="row" className="nhsuk-table__header">
                <a
                  href={`?measure=${c.measure}`}
                  onClick={(e) => {
                    e.preventDefault();
                    onChoose(c.measure);
                    document.getElementById('measure-detail')?.focus();
                  }}
                >
                  {c.title}
                </a>
              </th>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric" data-testid="card-value">
                {c.unit === 'count' ? formatCount(c.numerator) : formatRate(c.rate, c.unit)}
                {c.provisional && ' (provisional)'}
              </td>
              <td className="nhsuk-table__cell">{c.unit === 'count' ? '–' : intervalText(c.rate, c.ciLow, c.ciHigh, c.unit)}</td>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{c.unit === 'count' ? '–' : formatRate(c.parentRate, c.unit)}</td>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{c.unit === 'count' ? '–' : formatRate(c.englandRate, c.unit)}</td>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric" data-testid="card-change">
                {formatChange(c.change?.difference, c.unit)}
                {c.provisional && c.change?.difference != null && ' (provisional)'}
                <ChangeSignificance card={c} />
              </td>
              <td className="nhsuk-table__cell">
                {c.peers.rank !== null ? `${c.peers.rank} of ${c.peers.of}${sharedArea ? '' : ` in ${c.peers.within.name}`}` : 'not ranked'}
              </td>
              <td className="nhsuk-table__cell" data-testid="card-comparison">
                <ComparisonTag comparison={c.peers.comparison} value={c.unit === 'count' ? c.numerator : c.rate} />
                {c.provisional && c.peers.comparison && ' (provisional)'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The ICB whose practices the deciles may be spread over instead of England's: the card's own for an ICB, else the ICB
 * it sits in where the user may see that (the API refuses deciles within an area outside theirs); none above ICBs.
 */
function decilesIcbOf(org: OrganisationDetail, session: Session | null | undefined): OrganisationRef | undefined {
  if (org.level === 'icb') return org;
  const index = org.parents.findIndex((p) => p.level === 'icb');
  return index >= 0 && session && mayOpenParent(session, org.parents, index) ? org.parents[index] : undefined;
}

function DecilesFigure({ org, measure, month }: { org: OrganisationDetail; measure: MeasureItem; month: string }) {
  const pcn = org.parents.find((p) => p.level === 'pcn');
  const icb = org.parents.find((p) => p.level === 'icb');
  // England's deciles unless the URL asks for the ICB's (deciles=icb).
  const id = useId();
  const [over, setOver] = useSearchParam('deciles');
  const decilesIcb = decilesIcbOf(org, useSession().data);
  const within = over === 'icb' && decilesIcb ? decilesIcb.code : undefined;
  const deciles = useDeciles(measure.id, { org: org.code, to: month || undefined, ...(within ? { within } : {}) });
  const pcnSeries = useSeries(measure.id, { org: pcn?.code ?? '', to: month || undefined }, Boolean(pcn));
  const icbSeries = useSeries(measure.id, { org: icb?.code ?? '', to: month || undefined }, Boolean(icb));
  const lines: ComparisonLine[] = useMemo(() => {
    const out: ComparisonLine[] = [];
    const add = (label: string | undefined, colour: string, dash: string, points: { month: string; rate: number | null; suppressed: boolean }[] | undefined) => {
      if (label && points) out.push({ label, colour, dash, points: points.map((p) => ({ month: p.month, value: p.suppressed ? null : p.rate })) });
    };
    add(pcn?.name, LINE_COLOURS.pcn, '6,3', pcnSeries.data?.lines.find((l) => l.breakdown === '')?.points);
    add(icb?.name, LINE_COLOURS.icb, '2,3', icbSeries.data?.lines.find((l) => l.breakdown === '')?.points);
    return out;
  }, [pcn, icb, pcnSeries.data, icbSeries.data]);

  return (
    <>
      {decilesIcb && (
        <div className="app-filters">
          {/* Radios, not a select: their labels wrap, where a closed select cut a long ICB name on a narrow screen. Stacked, not
              inline: inline radios are at most half the width, which broke the ICB name in two on a wide screen too. */}
          <div className="nhsuk-form-group">
            <fieldset className="nhsuk-fieldset">
              <legend className="nhsuk-fieldset__legend">Deciles across</legend>
              <div className="nhsuk-radios nhsuk-radios--small">
                {(
                  [
                    ['', 'All practices in England'],
                    ['icb', `Practices in ${decilesIcb.name}`],
                  ] as const
                ).map(([value, label]) => (
                  <div className="nhsuk-radios__item" key={value}>
                    <input
                      className="nhsuk-radios__input"
                      id={`${id}-${value || 'england'}`}
                      type="radio"
                      name={`${id}-deciles`}
                      value={value}
                      checked={(within ? 'icb' : '') === value}
                      onChange={() => setOver(value)}
                    />
                    <label className="nhsuk-label nhsuk-radios__label" htmlFor={`${id}-${value || 'england'}`}>
                      {label}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          </div>
        </div>
      )}
      <QueryState query={deciles} what="deciles" isEmpty={(d) => d.months.every((m) => m.deciles.length === 0)} empty="No practice has a rate for this measure yet.">
        {(d) => {
          const provisional = d.months.filter((m) => m.provisional).map((m) => provisionalMonthNote(measure, m.month));
          const note = provisional.length ? `${provisional.join('. ')}. ${provisional.length > 1 ? 'They are' : 'It is'} shaded on the chart.` : '';
          const across = decilesAcross(d.within);
          return (
            <ChartFigure
              title={`${measure.title}: ${org.name} against ${across}`}
              description={`${org.name} (red) by month over the deciles of the rates of ${decilesPractices(d.months, d.within)}: dashed blue lines are the 10th to 90th percentiles and the solid blue line the median.${lines.length ? ` ${lines.map((l) => l.label).join(' and ')} ${lines.length === 1 ? 'is' : 'are'} drawn for comparison.` : ''}${note ? ` ${note}` : ''}`}
              options={decilesOptions({ months: d.months, unit: measure.unit, orgLabel: org.name, lines })}
              table={decilesTable(across, d.months, measure.unit, org.name, lines)}
              legend={<ChartLegend items={decilesLegend(across, org.name, lines, provisional.length ? provisionalNote(measure) : null)} />}
            />
          );
        }}
      </QueryState>
    </>
  );
}

/** The chosen measure's trend with its Trend / XmR switch, so that an alert's link (?measure=) lands on the chart it was judged on. */
function MeasureTrend({ org, measure, month }: { org: OrganisationDetail; measure: MeasureItem; month: string }) {
  const series = useSeries(measure.id, { org: org.code, to: month || undefined });
  return (
    <QueryState query={series} what="trend" isEmpty={(s) => s.lines.every((l) => l.points.length === 0)}>
      {(s) => <TrendFigure series={s} measure={measure} />}
    </QueryState>
  );
}

function MeasureDetail({ org, measure, month }: { org: OrganisationDetail; measure: MeasureItem; month: string }) {
  const [breakdown, setBreakdown] = useSearchParam('breakdown', measure.breakdowns[0] ?? '');
  const dimension = measure.breakdowns.includes(breakdown as never) ? breakdown : measure.breakdowns[0];
  const session = useSession().data;
  // The API answers 403 to a practice lead asking for another organisation's breakdowns: not asked.
  const mayBreakDown = session ? maySeeBreakdownsOf(session, org.code) : false;
  const split = useSeries(measure.id, { org: org.code, to: month || undefined, from: month || undefined, breakdown: dimension }, Boolean(dimension) && mayBreakDown);
  return (
    <>
      <MeasureTrend org={org} measure={measure} month={month} />
      {measure.unit === 'count' ? null : <DecilesFigure org={org} measure={measure} month={month} />}
      {measure.breakdowns.length > 0 && session && !mayBreakDown && (
        <>
          <h3>Breakdowns</h3>
          <p className="nhsuk-body" data-testid="breakdowns-own-practice">Breakdowns are shown for your own practice only.</p>
        </>
      )}
      {measure.breakdowns.length > 0 && mayBreakDown && (
        <>
          <h3>Breakdowns</h3>
          <div className="app-filters">
            <SelectField label="Split by" value={dimension ?? ''} onChange={setBreakdown} options={measure.breakdowns.map((b) => ({ value: b, label: formatBreakdown(b) }))} />
          </div>
          <QueryState query={split} what="breakdown" isEmpty={(s) => s.lines.length === 0}>
            {(s) => <BreakdownFigure series={s} measure={measure} />}
          </QueryState>
        </>
      )}
    </>
  );
}

function OverdueTrend({ code, month, measure }: { code: string; month: string; measure: MeasureItem | undefined }) {
  const series = useSeries('overdue_reviews', { org: code, to: month || undefined });
  return (
    <QueryState query={series} what="overdue reviews" isEmpty={(s) => s.lines.every((l) => l.points.length === 0)}>
      {(s) => (measure ? <TrendFigure series={s} measure={measure} title={`Overdue reviews: ${s.org.name}`} /> : null)}
    </QueryState>
  );
}

/**
 * The report card of /org/:code. ODS codes are capitals: a code in lower case (/org/j76455) is replaced in the URL by
 * its capitals, keeping the rest of the address, rather than asked for and refused.
 */
export function ReportCardPage() {
  const { code = '' } = useParams();
  const { search, hash } = useLocation();
  const canonical = canonicalOrgCode(code);
  if (canonical !== code) return <Navigate replace to={{ pathname: `/org/${encodeURIComponent(canonical)}`, search, hash }} />;
  return <ReportCard code={code} />;
}

function ReportCard({ code }: { code: string }) {
  const [measureId, setMeasure] = useSearchParam('measure', 'plan_coverage');
  const { month, setMonth, ready, unavailable, latest } = useMonthParam();
  const org = useOrg(code);
  const session = useSession().data;
  const summary = useSummary(ready ? code : '', month);
  const measures = useMeasures();
  const measure = measures.data?.find((m) => m.id === measureId);
  const overdue = measures.data?.find((m) => m.id === 'overdue_reviews');
  const problem = org.isError ? organisationProblem(org.error, code) : undefined;
  useDocumentTitle(problem ? organisationProblemTitle(problem, `Report card: ${code}`) : `Report card: ${org.data?.name ?? code}`);

  if (problem) {
    return (
      <OrganisationProblemMessage problem={problem}>
        <p>
          Open the report card of <OwnAreaLinks session={session} href={(c) => `/org/${encodeURIComponent(c)}`} />, or{' '}
          <Link to="/">find another organisation on the overview</Link>.
        </p>
      </OrganisationProblemMessage>
    );
  }

  return (
    <>
      <QueryState query={org} what="organisation">
        {(o) => (
          <>
            <h1>
              {o.name} <span className="nhsuk-caption-l nhsuk-caption--bottom">{formatLevel(o.level)} {o.code}</span>
            </h1>
            <OrganisationPath parents={o.parents} session={session} />
            <div className="app-filters">
              <MonthSelect value={month} onChange={setMonth} />
              <div className="nhsuk-form-group app-no-print">
                <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => window.print()}>
                  Print this report card
                </button>
              </div>
            </div>
            {unavailable && latest && <UnavailableMonthNotice requested={unavailable} latest={latest} />}
            {!ready ? (
              <Loading />
            ) : (
              <>
                <h2>Every measure{summary.data ? `, ${formatMonth(summary.data.month)}` : ''}</h2>
                <QueryState query={summary} what="report card" isEmpty={(s) => s.cards.length === 0}>
                  {(s) => (
                    <>
                      <SummaryTable cards={s.cards} level={s.org.level} onChoose={(id) => setMeasure(id)} />
                      <ChangeNote cards={s.cards} />
                      <ProvisionalNote cards={s.cards} month={s.month} />
                      <FlagTest level={s.org.level} />
                    </>
                  )}
                </QueryState>
                <section id="measure-detail" tabIndex={-1} aria-labelledby="measure-detail-heading">
                  <h2 id="measure-detail-heading">{measure ? measure.title : 'Measure'} in detail</h2>
                  <QueryState query={measures} what="measures">
                    {(list) => (
                      <>
                        <div className="app-filters">
                          <MeasureSelect measures={list} value={measureId} onChange={setMeasure} />
                        </div>
                        {measure && <MeasureDetail key={measure.id} org={o} measure={measure} month={month} />}
                      </>
                    )}
                  </QueryState>
                </section>
                <h2>Overdue reviews</h2>
                {measureId === 'overdue_reviews' ? (
                  <p className="nhsuk-body" data-testid="overdue-shown-above">
                    Shown above, as the measure in detail.
                  </p>
                ) : (
                  <OverdueTrend code={o.code} month={month} measure={overdue} />
                )}
                <PracticeList org={o} />
              </>
            )}
          </>
        )}
      </QueryState>
    </>
  );
}
