import type * as Plot from '@observablehq/plot';

/**
 * The x scale of a chart by month. The month interval makes the ticks months however few months there are: across a
 * short span (a new snapshot, a series with suppressed months) Plot would otherwise tick days or weeks.
 */
export function monthScale(options: Plot.ScaleOptions = {}): Plot.ScaleOptions {
  return { type: 'utc', label: null, interval: 'month', ...options };
}
