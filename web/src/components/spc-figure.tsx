import type { MeasureItem } from '@pcsp/contract/measures.contract';
import type { SeriesPoint } from '@pcsp/contract/series.contract';
import { useId, useMemo, useState } from 'react';
import { ChartFigure } from '../charts/chart-figure';
import { ChartLegend } from '../charts/chart-legend';
import { xmrLegend, xmrOptions, xmrRecalculatedFrom, xmrRecalculationMonths, xmrShape, xmrTable } from '../charts/xmr.chart';
import { AssuranceIconView, ASSURANCE_TEXT, VariationIconView, VARIATION_TEXT } from './spc-icons';
import { Empty } from './query-state';
import { useApplyingTarget } from '../lib/applying-target';
import { formatMonth, formatRate, headlineValue } from '../lib/format';
import { provisionalNote } from '../lib/provisional';

/** Months of an XmR chart's baseline: Making Data Count asks for at least 12 points to set limits from. */
const SPC_BASELINE_MONTHS = 12;
/** Making Data Count advises at least 12 points in each phase of a recalculated chart where possible. */
const SPC_PHASE_MONTHS = 12;

/**
 * A measure's series as a Making Data Count XmR chart, with the variation icon and, given a target, the
 * assurance icon. The target is the one that applies to the organisation (set for it, or else for the nearest
 * area above it, which the hint names), until the user types another (or clears the box for none). The limits can be
 * recalculated from a chosen month (a new phase with its own mean and limits), and the first phase's taken from a
 * baseline of its first 12 months; the icons are then the latest phase's.
 */
export function SpcFigure({ points, measure, name, org }: { points: readonly SeriesPoint[]; measure: MeasureItem; name: string; org: string }) {
  const id = useId();
  const { applying } = useApplyingTarget(measure.id, org);
  const areaTarget = applying?.target ?? null;
  const [typed, setTyped] = useState<string | null>(null);
  const targetText = typed ?? (areaTarget ? String(areaTarget.targetRate) : '');
  const target = targetText.trim() === '' || !Number.isFinite(Number(targetText)) ? null : Number(targetText);
  const direction = measure.direction === 'higher_is_better' ? 'higher' : measure.direction === 'lower_is_better' ? 'lower' : 'neither';
  // Making Data Count fixes the limits from a baseline once a process has changed: a steady rise otherwise widens them
  // and paints its own early months as special cause.
  const [limitsFrom, setLimitsFrom] = useState<'all' | 'baseline'>('all');
  // Making Data Count recalculates the limits where a process changed for a known reason (a new service, say).
  const [chosenRecalculation, setRecalculation] = useState('');
  const offered = useMemo(() => xmrRecalculationMonths(points, measure.unit), [points, measure.unit]);
  const recalculateFrom = offered.includes(chosenRecalculation) ? chosenRecalculation : '';
  // Provisional months are shown but not judged: they count for neither the baseline nor the phases.
  const months = points.filter((p) => !p.suppressed && !p.provisional && headlineValue(p, measure.unit) !== null).length;
  // The baseline is the first phase's: the months before any recalculation (the months offered start at the third).
  const firstPhaseMonths = recalculateFrom === '' ? months : offered.indexOf(recalculateFrom) + 2;
  const baseline = limitsFrom === 'baseline' && firstPhaseMonths > SPC_BASELINE_MONTHS ? SPC_BASELINE_MONTHS : undefined;
  const shape = useMemo(
    () => xmrShape(points, measure.unit, direction, target, baseline, recalculateFrom || undefined),
    [points, measure.unit, direction, target, baseline, recalculateFrom],
  );
  const options = useMemo(() => (shape ? xmrOptions(shape, measure.unit, target) : null), [shape, measure.unit, target]);
  if (!shape || !options) return <Empty>An XmR chart needs at least 2 months with final figures.</Empty>;
  const { chart } = shape;
  const recalculatedFrom = xmrRecalculatedFrom(shape);
  const phased = recalculatedFrom.length > 0;
  const shortPhases = phased
    ? chart.phases.flatMap(({ points: { length } }, k) =>
        length < SPC_PHASE_MONTHS
          ? [`the phase ${k === 0 ? `before ${formatMonth(recalculatedFrom[0])}` : `from ${formatMonth(recalculatedFrom[k - 1])}`} has ${length} months`]
          : [],
      )
    : [];
  return (
    <div className="app-spc">
      <div className="app-spc__icons">
        <VariationIconView icon={chart.variation} />
        {chart.assurance && <AssuranceIconView icon={chart.assurance} />}
        <p className="nhsuk-body-s">
          {VARIATION_TEXT[chart.variation]}.{chart.assurance ? ` ${ASSURANCE_TEXT[chart.assurance]}.` : ''}
          {shape.values.length < 15 ? ' Fewer than 15 points: read the limits with care.' : ''}
          {phased ? ` The icons are those of the latest phase, from ${formatMonth(recalculatedFrom[recalculatedFrom.length - 1])}, against its own limits.` : ''}
        </p>
      </div>
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor={`${id}-target`}>
          Target for the assurance icon ({measure.unit === 'count' ? 'a count' : measure.unit}, optional)
        </label>
        <input className="nhsuk-input nhsuk-input--width-5" id={`${id}-target`} inputMode="decimal" value={targetText} onChange={(e) => setTyped(e.target.value)} aria-describedby={`${id}-target-hint`} />
        <div className="nhsuk-hint" id={`${id}-target-hint`}>
          {areaTarget
            ? typed === null
              ? `Target ${formatRate(areaTarget.targetRate, measure.unit)} by ${formatMonth(areaTarget.targetMonth)} (set for ${areaTarget.org.name}). Type another to see its assurance instead.`
              : `You have replaced the target ${formatRate(areaTarget.targetRate, measure.unit)} by ${formatMonth(areaTarget.targetMonth)} (set for ${areaTarget.org.name}).`
            : `No target has been set for ${name} or an area above it; type one to see whether it is met.`}
        </div>
      </div>
      {offered.length > 0 && (
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor={`${id}-recalculate`}>
            Recalculate the limits from
          </label>
          <div className="nhsuk-hint" id={`${id}-recalculate-hint`}>
            The month a process changed for a known reason (a new service started, say): from it the chart starts a new phase with its own mean and
            limits, and the special cause rules are applied within each phase. Making Data Count advises at least {SPC_PHASE_MONTHS} months in each
            phase where possible; only months leaving at least 2 before and 2 from it are offered.
            {shortPhases.length > 0 ? ` Here ${shortPhases.join(' and ')}: read ${shortPhases.length > 1 ? 'their' : 'its'} limits with care.` : ''}
          </div>
          <select
            className="nhsuk-select"
            id={`${id}-recalculate`}
            value={recalculateFrom}
            onChange={(e) => setRecalculation(e.target.value)}
            aria-describedby={`${id}-recalculate-hint`}
          >
            <option value="">no month (one phase)</option>
            {offered.map((m) => (
              <option key={m} value={m}>
                {formatMonth(m)}
              </option>
            ))}
          </select>
        </div>
      )}
      {firstPhaseMonths > SPC_BASELINE_MONTHS && (
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor={`${id}-limits`}>
            Mean and limits from
          </label>
          {phased && (
            <div className="nhsuk-hint" id={`${id}-limits-hint`}>
              A baseline sets the mean and limits of the first phase, before {formatMonth(recalculatedFrom[0])}; the phase from{' '}
              {formatMonth(recalculatedFrom[0])} takes its own from all its months.
            </div>
          )}
          <select
            className="nhsuk-select"
            id={`${id}-limits`}
            value={limitsFrom}
            onChange={(e) => setLimitsFrom(e.target.value === 'baseline' ? 'baseline' : 'all')}
            aria-describedby={phased ? `${id}-limits-hint` : undefined}
          >
            <option value="all">{phased ? 'every month of each phase' : 'every month shown'}</option>
            <option value="baseline">the first {SPC_BASELINE_MONTHS} months (a baseline)</option>
          </select>
        </div>
      )}
      <ChartFigure
        title={`${measure.title}: ${name}, XmR chart`}
        description={`Statistical process control (Making Data Count): each month with the mean and the process limits at the mean ± 2.66 × the mean moving range${baseline ? `, both from the first ${baseline} months (a baseline), against which the later months${phased ? ' of the first phase' : ''} are judged` : ''}.${phased ? ` The limits are recalculated from ${recalculatedFrom.map(formatMonth).join(' and ')}: each phase has its own mean and limits, drawn over its months, and the rules are applied within each phase; the icons are the latest phase's.` : ''} Points are marked as special cause when outside the limits, in a run of 7 on one side of the mean, in 7 rising or falling, or 2 of 3 beyond two thirds of the way to a limit.${shape.provisional.length ? ` ${shape.provisional.map((v) => formatMonth(v.month)).join(' and ')} ${shape.provisional.length > 1 ? 'are' : 'is'} provisional (figures can still rise): shown as hollow points, left out of the mean, limits, rules and icons.` : ''}`}
        options={options}
        table={xmrTable(shape, measure.unit, name)}
        legend={<ChartLegend items={xmrLegend(shape.values, target, recalculatedFrom, shape.provisional.length ? provisionalNote(measure) : null)} />}
      />
    </div>
  );
}
