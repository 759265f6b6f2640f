import type { MeasureItem } from '@pcsp/contract/measures.contract';
import type { SeriesPoint } from '@pcsp/contract/series.contract';
import { useId, useMemo, useState } from 'react';
import { ChartFigure } from '../charts/chart-figure';
import { ChartLegend } from '../charts/chart-legend';
import { xmrLegend, xmrOptions, xmrShape, xmrTable } from '../charts/xmr.chart';
import { AssuranceIconView, ASSURANCE_TEXT, VariationIconView, VARIATION_TEXT } from './spc-icons';
import { Empty } from './query-state';
import { useApplyingTarget } from '../lib/applying-target';
import { formatMonth, formatRate, headlineValue } from '../lib/format';

/** Months of an XmR chart's baseline: Making Data Count asks for at least 12 points to set limits from. */
const SPC_BASELINE_MONTHS = 12;

/**
 * A measure's series as a Making Data Count XmR chart, with the variation icon and, given a target, the
 * assurance icon. The target is the one that applies to the organisation (set for it, or else for the nearest
 * area above it, which the hint names), until the user types another (or clears the box for none).
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
  const months = points.filter((p) => !p.suppressed && headlineValue(p, measure.unit) !== null).length;
  const baseline = limitsFrom === 'baseline' && months > SPC_BASELINE_MONTHS ? SPC_BASELINE_MONTHS : undefined;
  const shape = useMemo(() => xmrShape(points, measure.unit, direction, target, baseline), [points, measure.unit, direction, target, baseline]);
  const options = useMemo(() => (shape ? xmrOptions(shape, measure.unit, target) : null), [shape, measure.unit, target]);
  if (!shape || !options) return <Empty>An XmR chart needs at least 2 months with figures.</Empty>;
  const { chart } = shape;
  return (
    <div className="app-spc">
      <div className="app-spc__icons">
        <VariationIconView icon={chart.variation} />
        {chart.assurance && <AssuranceIconView icon={chart.assurance} />}
        <p className="nhsuk-body-s">
          {VARIATION_TEXT[chart.variation]}.{chart.assurance ? ` ${ASSURANCE_TEXT[chart.assurance]}.` : ''}
          {shape.values.length < 15 ? ' Fewer than 15 points: read the limits with care.' : ''}
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
      {months > SPC_BASELINE_MONTHS && (
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor={`${id}-limits`}>
            Mean and limits from
          </label>
          <select className="nhsuk-select" id={`${id}-limits`} value={limitsFrom} onChange={(e) => setLimitsFrom(e.target.value === 'baseline' ? 'baseline' : 'all')}>
            <option value="all">every month shown</option>
            <option value="baseline">the first {SPC_BASELINE_MONTHS} months (a baseline)</option>
          </select>
        </div>
      )}
      <ChartFigure
        title={`${measure.title}: ${name}, XmR chart`}
        description={`Statistical process control (Making Data Count): each month with the mean and the process limits at the mean ± 2.66 × the mean moving range${baseline ? `, both from the first ${baseline} months (a baseline), against which the later months are judged` : ''}. Points are marked as special cause when outside the limits, in a run of 7 on one side of the mean, in 7 rising or falling, or 2 of 3 beyond two thirds of the way to a limit.`}
        options={options}
        table={xmrTable(shape, measure.unit, name)}
        legend={<ChartLegend items={xmrLegend(shape.values, target)} />}
      />
    </div>
  );
}
