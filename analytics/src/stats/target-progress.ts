import { fitLinearTrend, predictAt } from './linear-trend';

/** How many of the latest months the projection's trend is fitted to. */
export const TREND_MONTHS = 12;

/** A measure's direction as the registry declares it (targets need one that is not 'neither'). */
export type TargetDirection = 'higher_is_better' | 'lower_is_better';

/**
 * Where the area is heading: `on_track` when the whole 95% prediction interval at the target
 * month meets the target, `off_track` when none of it does, `uncertain` when it straddles the
 * target; after the target month, `met` or `missed` by the latest rate.
 */
export type TargetStatus = 'on_track' | 'uncertain' | 'off_track' | 'met' | 'missed';

/** A month's rate (YYYY-MM; null where there is none). */
export interface MonthRate {
  month: string;
  rate: number | null;
}

export interface TargetProgress {
  /** The latest final month with a rate (months after `finalMonth` are provisional and left out), and its rate. */
  latestMonth: string;
  latestRate: number;
  /** Change in rate per month of the fitted line. */
  slopePerMonth: number | null;
  /** The fitted line's value at the latest month (its intercept there). */
  lineAtLatest: number | null;
  /** First and last month the line was fitted to. */
  trendFrom: string | null;
  trendTo: string | null;
  /** The projection at the target month with its 95% prediction interval, clamped to the unit's range; null when the target month has passed or there are fewer than 3 rates. */
  projection: { month: string; rate: number; low: number; high: number } | null;
  /** How far the latest rate is short of the target (positive = short, in the measure's unit). */
  gap: number;
  status: TargetStatus | null;
  /** The rated months after `finalMonth`: provisional, so neither fitted nor the latest rate. */
  provisional: MonthRate[];
}

/** Month index (months since year 0) of `YYYY-MM`. */
export function monthNumber(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

/** How far `rate` is short of `target` in the measure's direction (negative when beyond it). */
export function targetGap(rate: number, target: number, direction: TargetDirection): number {
  return direction === 'higher_is_better' ? target - rate : rate - target;
}

/**
 * Progress towards `target` by `targetMonth`: the OLS line through the rates of the last 12 months
 * (up to the latest month with a rate) projected to the target month with its 95% prediction
 * interval. `range` bounds what a rate can be (0–100 for a percentage). Months after `finalMonth`
 * (provisional: their rates can still change) are left out of the line and the gap. Null when no
 * final month has a rate.
 */
export function targetProgress(
  series: readonly MonthRate[],
  target: number,
  targetMonth: string,
  direction: TargetDirection,
  range: { min: number; max: number } = { min: -Infinity, max: Infinity },
  finalMonth?: string,
): TargetProgress | null {
  const all = series.filter((p): p is { month: string; rate: number } => p.rate !== null).sort((a, b) => a.month.localeCompare(b.month));
  const isFinal = (p: MonthRate) => finalMonth === undefined || p.month <= finalMonth;
  const rated = all.filter(isFinal);
  const provisional = all.filter((p) => !isFinal(p));
  const latest = rated.at(-1);
  if (!latest) return null;
  const last = monthNumber(latest.month);
  const window = rated.filter((p) => monthNumber(p.month) > last - TREND_MONTHS);
  const fit = fitLinearTrend(window.map((p) => ({ x: monthNumber(p.month) - last, y: p.rate })));
  const gap = targetGap(latest.rate, target, direction);
  const meets = (rate: number) => targetGap(rate, target, direction) <= 0;
  const ahead = monthNumber(targetMonth) - last;
  const base = {
    latestMonth: latest.month,
    latestRate: latest.rate,
    slopePerMonth: fit?.slope ?? null,
    lineAtLatest: fit?.intercept ?? null,
    trendFrom: fit ? window[0].month : null,
    trendTo: fit ? latest.month : null,
    gap,
    provisional,
  };
  if (ahead <= 0) return { ...base, projection: null, status: meets(latest.rate) ? 'met' : 'missed' };
  if (!fit) return { ...base, projection: null, status: null };
  const p = predictAt(fit, ahead);
  const clamp = (v: number) => Math.min(range.max, Math.max(range.min, v));
  const projection = { month: targetMonth, rate: clamp(p.estimate), low: clamp(p.low), high: clamp(p.high) };
  // The interval's worse end decides "on track", its better end "off track".
  const [worse, better] = direction === 'higher_is_better' ? [p.low, p.high] : [p.high, p.low];
  const status: TargetStatus = meets(worse) ? 'on_track' : meets(better) ? 'uncertain' : 'off_track';
  return { ...base, projection, status };
}

/** An organisation's latest rate, to be ranked by its gap to a target. */
export interface GapCandidate {
  code: string;
  rate: number | null;
}

/**
 * Ranks organisations by their gap to the target, the largest shortfall first (rank 1); equal gaps
 * share a rank (1, 2, 2, 4); organisations without a rate come last, unranked.
 */
export function rankByGap<T extends GapCandidate>(rows: readonly T[], target: number, direction: TargetDirection): (T & { gap: number | null; rank: number | null })[] {
  const withGap = rows.map((r) => ({ ...r, gap: r.rate === null ? null : targetGap(r.rate, target, direction) }));
  const ranked = withGap.filter((r) => r.gap !== null).sort((a, b) => (b.gap as number) - (a.gap as number) || a.code.localeCompare(b.code));
  const out = ranked.map((r, i) => ({ ...r, rank: i + 1 }));
  for (let i = 1; i < out.length; i++) if (out[i].gap === out[i - 1].gap) out[i].rank = out[i - 1].rank;
  const unranked = withGap.filter((r) => r.gap === null).sort((a, b) => a.code.localeCompare(b.code)).map((r) => ({ ...r, rank: null }));
  return [...out, ...unranked];
}
