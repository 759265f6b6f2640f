import type { CompareRow } from '@pcsp/contract/compare.contract';
import type { DecileMonth } from '@pcsp/contract/deciles.contract';
import type { SeriesLine, SeriesPoint } from '@pcsp/contract/series.contract';

/**
 * Funnel limits around p0 = 50% (worked by hand, z95 = 1.959964, z998 = 3.090232):
 * n = 100: se = √(0.25/100) = 0.05 → 95%: 50 ± 9.79982, 99.8%: 50 ± 15.45116.
 * n = 400: se = 0.025 → 95%: 50 ± 4.89991, 99.8%: 50 ± 7.72558.
 */
export const LIMITS_100 = { low95: 40.20018, high95: 59.79982, low998: 34.54884, high998: 65.45116 };
export const LIMITS_400 = { low95: 45.10009, high95: 54.89991, low998: 42.27442, high998: 57.72558 };

export function compareRow(overrides: Partial<CompareRow> & Pick<CompareRow, 'code' | 'name'>): CompareRow {
  return {
    level: 'practice',
    parentCode: 'PCN01',
    numerator: null,
    denominator: null,
    rate: null,
    ciLow: null,
    ciHigh: null,
    limits: null,
    flag: null,
    comparison: null,
    rank: null,
    change: null,
    closed: false,
    ...overrides,
  };
}

export const FUNNEL_ROWS: CompareRow[] = [
  compareRow({ code: 'B00002', name: 'Riverside Surgery', numerator: 120, denominator: 400, rate: 30, ciLow: 25.7, ciHigh: 34.7, limits: LIMITS_400, flag: 'lower', comparison: 'worse', rank: 3 }),
  compareRow({ code: 'A00001', name: 'Hill Street Practice', numerator: 50, denominator: 100, rate: 50, ciLow: 40.4, ciHigh: 59.6, limits: LIMITS_100, flag: 'similar', comparison: 'similar', rank: 2 }),
  compareRow({ code: 'C00003', name: 'Closed Practice', numerator: null, denominator: null, rate: null, closed: true }),
  compareRow({ code: 'D00004', name: 'Meadow Health Centre', numerator: 70, denominator: 100, rate: 70, ciLow: 60.4, ciHigh: 78.0, limits: LIMITS_100, flag: 'higher', comparison: 'better', rank: 1 }),
];

export function seriesPoint(month: string, overrides: Partial<SeriesPoint> = {}): SeriesPoint {
  return { month, numerator: null, denominator: null, rate: null, ciLow: null, ciHigh: null, suppressed: false, parentRate: null, englandRate: null, ...overrides };
}

export const TREND_POINTS: SeriesPoint[] = [
  seriesPoint('2026-08', { numerator: 40, denominator: 100, rate: 40, ciLow: 30.9, ciHigh: 49.8, parentRate: 42, englandRate: 45 }),
  seriesPoint('2026-09', { suppressed: true, parentRate: 43, englandRate: 45.5 }),
  seriesPoint('2026-10', { numerator: 45, denominator: 100, rate: 45, ciLow: 35.6, ciHigh: 54.8, parentRate: 44, englandRate: 46 }),
];

/** Deciles 10 … 90 of a month, stepping by `step` from `start`, of `practices` practices. */
export function decileMonth(month: string, start: number, step: number, orgRate: number | null, practices = 120): DecileMonth {
  return { month, deciles: Array.from({ length: 9 }, (_, i) => start + i * step), practices, orgRate };
}

export const DECILE_MONTHS: DecileMonth[] = [
  decileMonth('2026-09', 20, 5, 31),
  { month: '2026-10', deciles: [], practices: 0, orgRate: null },
  decileMonth('2026-11', 22, 5, 40),
];

/** Labelled as the API labels them: the value after '=' ('1', not '1 (most deprived)'). */
export const BREAKDOWN_LINES: SeriesLine[] = [
  { breakdown: '', label: 'All', points: [seriesPoint('2026-10', { numerator: 300, denominator: 600, rate: 50, ciLow: 46, ciHigh: 54 })] },
  { breakdown: 'imd_quintile=1', label: '1', points: [seriesPoint('2026-09', { rate: 30, numerator: 30, denominator: 100 }), seriesPoint('2026-10', { numerator: 35, denominator: 100, rate: 35, ciLow: 26.4, ciHigh: 44.7 })] },
  { breakdown: 'imd_quintile=5', label: '5', points: [seriesPoint('2026-09', { rate: 55, numerator: 55, denominator: 100 }), seriesPoint('2026-10', { numerator: 60, denominator: 100, rate: 60, ciLow: 50.2, ciHigh: 69.1 })] },
  { breakdown: 'imd_quintile=3', label: '3', points: [seriesPoint('2026-09', { rate: 40 }), seriesPoint('2026-10', { suppressed: true })] },
];
