/**
 * XmR (individuals and moving range) charts with the special cause rules and icons of NHS England's
 * "Making Data Count" (MDC): "A guide to creating and interpreting run and SPC charts" and the
 * MDC Excel tool. Limits are the mean ± 2.66 × the mean moving range (2.66 = 3 / d2, d2 = 1.128).
 */

/** Which way is better for the measure: the colours and icons of a special cause follow it. */
export type SpcDirection = 'higher' | 'lower' | 'neither';

/** The four MDC special cause rules. */
export type SpcRule = 'outside_limits' | 'shift' | 'trend' | 'two_of_three';

/** A point's special cause: which side it points to and whether that is good news. */
export interface SpcSpecialCause {
  side: 'high' | 'low';
  kind: 'improvement' | 'concern' | 'neither';
  rules: SpcRule[];
}

export interface XmrPoint {
  value: number;
  /** |value − previous value|; null for the first point. */
  movingRange: number | null;
  special: SpcSpecialCause | null;
}

/** MDC variation icons: common cause, or special cause of improvement, concern or neither, high or low. */
export type VariationIcon =
  | 'common_cause'
  | 'improvement_high'
  | 'improvement_low'
  | 'concern_high'
  | 'concern_low'
  | 'neither_high'
  | 'neither_low';

/** MDC assurance icons: the target is always met (pass), never met (fail) or inside the limits (hit and miss). */
export type AssuranceIcon = 'pass' | 'fail' | 'hit_and_miss';

export interface XmrChart {
  mean: number;
  meanMovingRange: number;
  upperLimit: number;
  lowerLimit: number;
  /** Two thirds of the way from the mean to each limit (two sigma): the lines of the 2-of-3 rule. */
  upperTwoThirds: number;
  lowerTwoThirds: number;
  points: XmrPoint[];
  variation: VariationIcon;
  /** Null without a target, or when neither direction is better. */
  assurance: AssuranceIcon | null;
}

/** 3 / d2 for subgroups of two (d2 = 1.128), rounded as MDC and every SPC text print it. */
export const XMR_LIMIT_FACTOR = 2.66;
/** Run length of the shift and trend rules in MDC. */
export const SPC_RUN_LENGTH = 7;

/**
 * The XmR chart of a series in time order (at least 2 values). Rules, all from MDC:
 * a point outside the limits; 7 or more consecutive points above (or below) the mean (a point on
 * the mean breaks the run); 7 or more consecutive points each higher (or lower) than the one before
 * (an equal value breaks the run); 2 of 3 consecutive points beyond two thirds of the way to the
 * same limit (the points beyond are flagged). Where rules point to different sides for one point,
 * the first in that order decides its side. The variation icon is the last point's state.
 * `baseline` (at least 2) takes the mean and the limits from the first that many values only, as MDC advises once
 * a process has changed: the later values are then judged against how it ran before, rather than against limits
 * that their own change has widened and a mean it has moved.
 */
export function xmrChart(values: readonly number[], direction: SpcDirection, target: number | null = null, baseline?: number): XmrChart {
  if (values.length < 2) throw new Error(`an XmR chart needs at least 2 values, got ${values.length}`);
  for (const [i, v] of values.entries()) if (!Number.isFinite(v)) throw new Error(`value ${i + 1} of the XmR chart is not a number: ${v}`);
  if (baseline !== undefined && !(Number.isInteger(baseline) && baseline >= 2 && baseline <= values.length)) {
    throw new Error(`an XmR baseline is 2 to ${values.length} values, got ${baseline}`);
  }
  const n = values.length;
  const base = baseline ?? n;
  const mean = values.slice(0, base).reduce((s, v) => s + v, 0) / base;
  const ranges = values.slice(1).map((v, i) => Math.abs(v - values[i]));
  const meanMovingRange = ranges.slice(0, base - 1).reduce((s, r) => s + r, 0) / (base - 1);
  const halfWidth = XMR_LIMIT_FACTOR * meanMovingRange;
  const upperLimit = mean + halfWidth;
  const lowerLimit = mean - halfWidth;
  const upperTwoThirds = mean + (2 / 3) * halfWidth;
  const lowerTwoThirds = mean - (2 / 3) * halfWidth;

  const flags: { side: 'high' | 'low'; rule: SpcRule }[][] = values.map(() => []);
  const flag = (i: number, side: 'high' | 'low', rule: SpcRule) => {
    if (!flags[i].some((f) => f.rule === rule)) flags[i].push({ side, rule });
  };

  values.forEach((v, i) => {
    if (v > upperLimit) flag(i, 'high', 'outside_limits');
    else if (v < lowerLimit) flag(i, 'low', 'outside_limits');
  });

  // Maximal runs of equal non-zero signs; signs[k] belongs to point k + offset.
  const runs = (signs: number[], offset: number, minimum: number, rule: SpcRule, extendBack: number) => {
    let start = 0;
    for (let k = 1; k <= signs.length; k++) {
      if (k < signs.length && signs[k] === signs[start]) continue;
      if (signs[start] !== 0 && k - start >= minimum) {
        for (let j = start + offset - extendBack; j < k + offset; j++) flag(j, signs[start] > 0 ? 'high' : 'low', rule);
      }
      start = k;
    }
  };
  runs(values.map((v) => Math.sign(v - mean)), 0, SPC_RUN_LENGTH, 'shift', 0);
  // Step k compares point k + 1 with point k: 6 steps one way span the 7 points of a trend.
  runs(ranges.map((_, k) => Math.sign(values[k + 1] - values[k])), 1, SPC_RUN_LENGTH - 1, 'trend', 1);

  for (let i = 0; i + 2 < n; i++) {
    const window = [i, i + 1, i + 2];
    const high = window.filter((j) => values[j] > upperTwoThirds);
    const low = window.filter((j) => values[j] < lowerTwoThirds);
    if (high.length >= 2) for (const j of high) flag(j, 'high', 'two_of_three');
    if (low.length >= 2) for (const j of low) flag(j, 'low', 'two_of_three');
  }

  const order: SpcRule[] = ['outside_limits', 'two_of_three', 'shift', 'trend'];
  const kindOf = (side: 'high' | 'low'): SpcSpecialCause['kind'] =>
    direction === 'neither' ? 'neither' : (side === 'high') === (direction === 'higher') ? 'improvement' : 'concern';
  const points: XmrPoint[] = values.map((value, i) => {
    const found = [...flags[i]].sort((a, b) => order.indexOf(a.rule) - order.indexOf(b.rule));
    const special: SpcSpecialCause | null =
      found.length === 0 ? null : { side: found[0].side, kind: kindOf(found[0].side), rules: found.map((f) => f.rule) };
    return { value, movingRange: i === 0 ? null : ranges[i - 1], special };
  });

  const last = points[n - 1].special;
  const variation: VariationIcon = last ? `${last.kind}_${last.side}` : 'common_cause';
  let assurance: AssuranceIcon | null = null;
  if (target !== null && direction !== 'neither') {
    const aboveAll = lowerLimit > target;
    const belowAll = target > upperLimit;
    const always = direction === 'higher' ? aboveAll : belowAll;
    const never = direction === 'higher' ? belowAll : aboveAll;
    assurance = always ? 'pass' : never ? 'fail' : 'hit_and_miss';
  }
  return { mean, meanMovingRange, upperLimit, lowerLimit, upperTwoThirds, lowerTwoThirds, points, variation, assurance };
}

/** One phase of an XmR chart whose limits are recalculated: its own chart, and where it starts in the whole series. */
export interface XmrPhase extends XmrChart {
  /** Index in the whole series of the phase's first point. */
  start: number;
}

/** An XmR chart in phases, as Making Data Count draws it once the limits are recalculated. */
export interface XmrPhasedChart {
  phases: XmrPhase[];
  /** Every point of the series in order, each judged within its own phase. */
  points: XmrPoint[];
  /** The latest phase's: its last point is the series' last. */
  variation: VariationIcon;
  /** From the latest phase's limits, as those are the process as it runs now. */
  assurance: AssuranceIcon | null;
}

/**
 * The XmR chart of a series whose limits are recalculated at each index of `breakAt` (the first point of a new
 * phase), as MDC does once a process has changed for a known reason. Each phase is an XmR chart of its own values
 * only: its mean and limits, and every rule, so a run does not carry across a recalculation, and the step into a
 * phase (its first point's moving range, null here) is left out of its mean moving range. Every phase needs at least
 * 2 values; MDC advises 12 or more where possible. `baselines[k]`, where given, is phase k's baseline (as `xmrChart`'s).
 * The icons of the whole chart are the latest phase's.
 */
export function xmrPhases(
  values: readonly number[],
  direction: SpcDirection,
  target: number | null = null,
  breakAt: readonly number[] = [],
  baselines: readonly (number | undefined)[] = [],
): XmrPhasedChart {
  for (const [i, v] of values.entries()) if (!Number.isFinite(v)) throw new Error(`value ${i + 1} of the XmR chart is not a number: ${v}`);
  const starts = [0, ...breakAt];
  for (const [k, start] of starts.entries()) {
    if (!Number.isInteger(start)) throw new Error(`an XmR recalculation point is a whole index, got ${start}`);
    const end = k + 1 < starts.length ? starts[k + 1] : values.length;
    if (end - start < 2) {
      throw new Error(`an XmR phase needs at least 2 values: phase ${k + 1} (from index ${start}) has ${Math.max(end - start, 0)}`);
    }
  }
  if (baselines.length > starts.length) throw new Error(`${baselines.length} XmR baselines given for ${starts.length} phases`);
  const phases = starts.map((start, k): XmrPhase => {
    const end = k + 1 < starts.length ? starts[k + 1] : values.length;
    return { ...xmrChart(values.slice(start, end), direction, target, baselines[k]), start };
  });
  const latest = phases[phases.length - 1];
  return { phases, points: phases.flatMap((p) => p.points), variation: latest.variation, assurance: latest.assurance };
}
