import type { MeasureItem } from '@pcsp/contract/measures.contract';
import type { SeriesPoint } from '@pcsp/contract/series.contract';
import { useId, useMemo, useState } from 'react';
import { ChartFigure } from '../charts/chart-figure';
import { ChartLegend } from '../charts/chart-legend';
import { xmrLegend, xmrOptions, xmrShape, xmrTable } from '../charts/xmr.chart';
import { AssuranceIconView, ASSURANCE_TEXT, VariationIconView, VARIATION_TEXT } from './spc-icons';
import { Empty } from './query-state';
import { useApplyingTarget } from '../lib/applying-target';
import { formatMonth, formatRate } from '../lib/format';

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
  const shape = useMemo(() => xmrShape(points, measure.unit, direction, target), [points, measure.unit, direction, target]);
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
      <ChartFigure
        title={`${measure.title}: ${name}, XmR chart`}
        description={`Statistical process control (Making Data Count): each month with the mean and the process limits at the mean ± 2.66 × the mean moving range. Points are marked as special cause when outside the limits, in a run of 7 on one side of the mean, in 7 rising or falling, or 2 of 3 beyond two thirds of the way to a limit.`}
        options={options}
        table={xmrTable(shape, measure.unit, name)}
        legend={<ChartLegend items={xmrLegend(shape.values, target)} />}
      />
    </div>
  );
}
