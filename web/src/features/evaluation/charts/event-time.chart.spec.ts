import * as Plot from '@observablehq/plot';
import type { TrainingEvaluationResponse } from '@pcsp/contract/evaluation.contract';
import { eventTimeOptions, eventTimeTable } from './event-time.chart';

/** The y of an element's translate(x, y). */
const translateY = (el: Element | null) => Number(/translate\([^,]+,([^)]+)\)/.exec(el?.getAttribute('transform') ?? '')![1]);

// 24 months before training to 23 after, as the API gives them: coverage 30% rising by 0.5 a month, 4 practices each.
const POINTS: TrainingEvaluationResponse['eventTime'] = Array.from({ length: 48 }, (_, i) => ({ offset: i - 24, meanCoverage: 30 + i / 2, practices: 4 }));

describe('event time chart', () => {
  it('at 320 px wide, puts "Months from training →" on its own line under the tick labels, within the chart', () => {
    const options = eventTimeOptions(POINTS);
    expect(options.marginBottom).toBe(44);
    expect(options.x).toEqual({ label: 'Months from training →', labelAnchor: 'right', labelOffset: 38 });
    const svg = Plot.plot({ ...options, width: 320, style: { fontSize: '12px' } });
    const ticks = svg.querySelector('g[aria-label="x-axis tick label"]')!;
    const label = svg.querySelector('g[aria-label="x-axis label"]')!;
    expect([...ticks.querySelectorAll('text')].map((t) => t.textContent)).toEqual(['−20', '0', '20']);
    expect(label.textContent).toBe('Months from training →');
    // 300 px tall, the axis at 300 − 44 = 256. For 12 px text: the tick labels hang from 256 + 9.5 (6 px tick, 3 px
    // padding, half a pixel) to 277.5; the label stands on its baseline at 256 + 38.5 = 294.5, from 0.71 em above
    // it (285.98) to 0.29 em below (297.98), inside the 300. In Plot's place (baseline 256 + 27.5) it would start at
    // 274.98, across the "0" and "20".
    const tickBottom = Math.max(...[...ticks.querySelectorAll('text')].map((t) => translateY(ticks) + translateY(t))) + 12;
    const baseline = translateY(label) + translateY(label.querySelector('text'));
    expect(tickBottom).toBeCloseTo(277.5, 6);
    expect(baseline - 0.71 * 12).toBeCloseTo(285.98, 6);
    expect(baseline + 0.29 * 12).toBeCloseTo(297.98, 6);
    expect(Number(svg.getAttribute('height'))).toBe(300);
  });

  it('tabulates each month from training with its mean coverage and practices', () => {
    expect(eventTimeTable(POINTS.slice(23, 25)).rows).toEqual([
      ['-1', '41.5%', '4'],
      ['0', '42.0%', '4'],
    ]);
  });
});
