import { ordinaryLeastSquares } from './ordinary-least-squares';
import { estimateOf, pooledEstimate, type Estimate, type PooledEstimate } from './pooled-estimate';

/** One practice's plan coverage in one month (month index = year × 12 + month − 1). */
export interface CoverageCell {
  practice: string;
  monthIndex: number;
  numerator: number;
  denominator: number;
}

/** A practice's first training: the month index of its `trained_on`. */
export interface PracticeTrainingMonth {
  practice: string;
  monthIndex: number;
}

/** Months either side of training the interrupted time series looks at. */
export const ITS_MONTHS_BEFORE = 24;
export const ITS_MONTHS_AFTER = 24;
/** Fewest months on each side for a segmented regression. */
export const ITS_MIN_MONTHS = 6;
/** Newey–West lag: a month's coverage shares 11 of its 12 window months with the month before. */
export const ITS_NEWEY_WEST_LAG = 12;
/** The difference-in-differences compares the month before training with 12 months after it. */
export const DID_MONTHS_AFTER = 12;

/** Segmented regression of one practice (all in percentage points). */
export interface PracticeTimeSeries {
  months: number;
  /** Slope before training, points per month. */
  slopeBefore: Estimate;
  /** Jump at the training month. */
  levelChange: Estimate;
  /** Change of slope after training, points per month. */
  slopeChange: Estimate;
  /** levelChange + 12 × slopeChange: the difference from the old trend a year after training. */
  effectAt12: Estimate;
}

/** 2 × 2 difference in differences of one practice against the practices not yet trained. */
export interface PracticeDifferenceInDifferences {
  before: number;
  after: number;
  controlBefore: number;
  controlAfter: number;
  controls: number;
  effect: Estimate;
}

export interface PracticeEvaluation {
  practice: string;
  trainingMonthIndex: number;
  timeSeries: PracticeTimeSeries | null;
  differenceInDifferences: PracticeDifferenceInDifferences | null;
}

export interface TrainingEvaluation {
  practices: PracticeEvaluation[];
  pooled: {
    levelChange: PooledEstimate | null;
    slopeChange: PooledEstimate | null;
    effectAt12: PooledEstimate | null;
    differenceInDifferences: JackknifeEstimate | null;
  };
  /** Mean coverage (points) of the trained practices by months from training (−24 to 23), with how many practices. */
  eventTime: { offset: number; meanCoverage: number; practices: number }[];
}

/** A mean over practices with a jackknife standard error. */
export interface JackknifeEstimate extends Estimate {
  /** Trained practices averaged. */
  units: number;
  /** Practices left out in turn (trained or control). */
  replicates: number;
}

const percent = (c: { numerator: number; denominator: number }) => (100 * c.numerator) / c.denominator;

/**
 * Evaluates training on plan coverage (see the methodology page):
 * - per trained practice, a segmented regression (Wagner et al. 2002) of monthly coverage on
 *   [1, t − T, after, (t − T) × after] over up to 24 months either side of the training month T
 *   (the month of `trained_on`, counted as after), with Newey–West errors for the overlapping windows;
 * - per trained practice, (coverage at T + 12 − coverage at T − 1) minus the same change for the
 *   practices not trained on or before T + 12 (their summed counts), the two months' plan windows
 *   being wholly before and wholly after training; variance Σ p(1 − p)/n of the four proportions;
 * - the regression's changes pooled across practices by DerSimonian–Laird random effects; the
 *   differences in differences averaged over practices, with a jackknife standard error (each
 *   practice, trained or control, left out in turn), because they share their controls and the
 *   controls' own trends are an error the binomial variance does not see.
 * Only a practice's first training counts; months without people are left out.
 */
export function evaluateTraining(cells: readonly CoverageCell[], trainings: readonly PracticeTrainingMonth[]): TrainingEvaluation {
  const byPractice = new Map<string, Map<number, CoverageCell>>();
  for (const c of cells) {
    if (!(c.denominator > 0)) continue;
    let months = byPractice.get(c.practice);
    if (!months) byPractice.set(c.practice, (months = new Map()));
    months.set(c.monthIndex, c);
  }
  const firstTraining = new Map<string, number>();
  for (const t of trainings) firstTraining.set(t.practice, Math.min(t.monthIndex, firstTraining.get(t.practice) ?? Infinity));

  const practices: PracticeEvaluation[] = [...firstTraining]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([practice, trained]) => ({
      practice,
      trainingMonthIndex: trained,
      timeSeries: timeSeriesOf(byPractice.get(practice), trained),
      differenceInDifferences: differenceInDifferencesOf(practice, trained, byPractice, firstTraining),
    }));

  const pool = (pick: (p: PracticeEvaluation) => Estimate | undefined) =>
    pooledEstimate(practices.map(pick).filter((e): e is Estimate => e !== undefined && e.standardError > 0));
  const eventTime: TrainingEvaluation['eventTime'] = [];
  for (let offset = -ITS_MONTHS_BEFORE; offset < ITS_MONTHS_AFTER; offset++) {
    const values = practices.flatMap((p) => {
      const c = byPractice.get(p.practice)?.get(p.trainingMonthIndex + offset);
      return c ? [percent(c)] : [];
    });
    if (values.length > 0) eventTime.push({ offset, meanCoverage: values.reduce((s, v) => s + v, 0) / values.length, practices: values.length });
  }
  return {
    practices,
    pooled: {
      levelChange: pool((p) => p.timeSeries?.levelChange),
      slopeChange: pool((p) => p.timeSeries?.slopeChange),
      effectAt12: pool((p) => p.timeSeries?.effectAt12),
      differenceInDifferences: pooledDifferenceInDifferences(practices, byPractice, firstTraining),
    },
    eventTime,
  };
}

function timeSeriesOf(months: Map<number, CoverageCell> | undefined, trained: number): PracticeTimeSeries | null {
  if (!months) return null;
  const rows: number[][] = [];
  const y: number[] = [];
  let before = 0;
  for (let m = trained - ITS_MONTHS_BEFORE; m < trained + ITS_MONTHS_AFTER; m++) {
    const c = months.get(m);
    if (!c) continue;
    const t = m - trained;
    const after = m >= trained ? 1 : 0;
    rows.push([1, t, after, t * after]);
    y.push(percent(c));
    before += 1 - after;
  }
  if (before < ITS_MIN_MONTHS || rows.length - before < ITS_MIN_MONTHS) return null;
  const fit = ordinaryLeastSquares(rows, y, ITS_NEWEY_WEST_LAG);
  const se = (i: number) => Math.sqrt(Math.max(0, fit.covariance[i][i]));
  const v = fit.covariance;
  return {
    months: rows.length,
    slopeBefore: estimateOf(fit.coefficients[1], se(1)),
    levelChange: estimateOf(fit.coefficients[2], se(2)),
    slopeChange: estimateOf(fit.coefficients[3], se(3)),
    effectAt12: estimateOf(fit.coefficients[2] + 12 * fit.coefficients[3], Math.sqrt(Math.max(0, v[2][2] + 144 * v[3][3] + 24 * v[2][3]))),
  };
}

function differenceInDifferencesOf(
  practice: string,
  trained: number,
  byPractice: Map<string, Map<number, CoverageCell>>,
  firstTraining: Map<string, number>,
): PracticeDifferenceInDifferences | null {
  const pre = trained - 1;
  const post = trained + DID_MONTHS_AFTER;
  const own = byPractice.get(practice);
  const ownPre = own?.get(pre);
  const ownPost = own?.get(post);
  if (!ownPre || !ownPost) return null;
  const control = { pre: { numerator: 0, denominator: 0 }, post: { numerator: 0, denominator: 0 }, practices: 0 };
  for (const [other, months] of byPractice) {
    if ((firstTraining.get(other) ?? Infinity) <= post) continue;
    const a = months.get(pre);
    const b = months.get(post);
    if (!a || !b) continue;
    control.pre.numerator += a.numerator;
    control.pre.denominator += a.denominator;
    control.post.numerator += b.numerator;
    control.post.denominator += b.denominator;
    control.practices++;
  }
  if (control.practices === 0) return null;
  const parts = [ownPre, ownPost, control.pre, control.post];
  const variance = parts.reduce((s, c) => {
    const p = c.numerator / c.denominator;
    return s + (p * (1 - p)) / c.denominator;
  }, 0);
  const [before, after, controlBefore, controlAfter] = parts.map(percent);
  return {
    before,
    after,
    controlBefore,
    controlAfter,
    controls: control.practices,
    effect: estimateOf(after - before - (controlAfter - controlBefore), 100 * Math.sqrt(variance)),
  };
}

/** Mean difference in differences over the trained practices, with a delete-one jackknife over every practice involved. */
function pooledDifferenceInDifferences(
  practices: readonly PracticeEvaluation[],
  byPractice: Map<string, Map<number, CoverageCell>>,
  firstTraining: Map<string, number>,
): JackknifeEstimate | null {
  const estimates = practices.flatMap((p) => (p.differenceInDifferences ? [p.differenceInDifferences.effect.estimate] : []));
  if (estimates.length < 2) return null;
  const mean = estimates.reduce((s, v) => s + v, 0) / estimates.length;
  const involved = new Set<string>();
  for (const p of practices) {
    if (!p.differenceInDifferences) continue;
    involved.add(p.practice);
    const pre = p.trainingMonthIndex - 1;
    const post = p.trainingMonthIndex + DID_MONTHS_AFTER;
    for (const [other, months] of byPractice) {
      if ((firstTraining.get(other) ?? Infinity) > post && months.has(pre) && months.has(post)) involved.add(other);
    }
  }
  const replicates: number[] = [];
  for (const left of involved) {
    const rest = new Map([...byPractice].filter(([code]) => code !== left));
    const values = practices.flatMap((p) => {
      if (p.practice === left || !p.differenceInDifferences) return [];
      const did = differenceInDifferencesOf(p.practice, p.trainingMonthIndex, rest, firstTraining);
      return did ? [did.effect.estimate] : [];
    });
    if (values.length > 0) replicates.push(values.reduce((s, v) => s + v, 0) / values.length);
  }
  if (replicates.length < 2) return null;
  const m = replicates.length;
  const centre = replicates.reduce((s, v) => s + v, 0) / m;
  const variance = ((m - 1) / m) * replicates.reduce((s, v) => s + (v - centre) ** 2, 0);
  return { ...estimateOf(mean, Math.sqrt(variance)), units: estimates.length, replicates: m };
}
