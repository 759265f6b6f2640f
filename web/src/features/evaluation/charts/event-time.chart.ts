import * as Plot from '@observablehq/plot';
import type { TrainingEvaluationResponse } from '@pcsp/contract/evaluation.contract';
import type { ChartTable } from '../../../charts/chart-table';
import { LINE_COLOURS } from '../../../charts/palette';

type EventTime = TrainingEvaluationResponse['eventTime'];

/** Mean plan coverage of the trained practices by months from their training, with the training month marked. */
export function eventTimeOptions(points: EventTime, width = 760, height = 300): Plot.PlotOptions {
  return {
    width,
    height,
    marginLeft: 56,
    marginBottom: 44,
    // In Plot's place for it (baseline 27 px under the axis) 12 px text overlaps the tick labels (9 to 21 px under
    // it): at 320 px wide "Months from training →" ran over the "0" and "20". Here it takes 30 to 42 px.
    x: { label: 'Months from training →', labelAnchor: 'right', labelOffset: 38 },
    y: { label: '↑ Plan coverage (%)', grid: true, nice: true },
    marks: [
      Plot.ruleX([0], { stroke: LINE_COLOURS.highlight, strokeDasharray: '4,3' }),
      Plot.lineY(points, { x: 'offset', y: 'meanCoverage', stroke: LINE_COLOURS.org, strokeWidth: 2.5 }),
      Plot.dot(points, { x: 'offset', y: 'meanCoverage', fill: LINE_COLOURS.org, r: 2.5, title: (d: EventTime[number]) => `${d.offset} months: ${d.meanCoverage.toFixed(1)}% (${d.practices} practices)`, tip: true }),
    ],
  };
}

export function eventTimeTable(points: EventTime): ChartTable {
  return {
    caption: 'Mean plan coverage of trained practices by months from training',
    columns: ['Months from training', 'Mean coverage', 'Practices'],
    numeric: [0, 1, 2],
    rows: points.map((p) => [String(p.offset), `${p.meanCoverage.toFixed(1)}%`, String(p.practices)]),
  };
}
