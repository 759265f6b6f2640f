import type { MeasureDefinition } from '@pcsp/analytics';
import type { CompareRow, CompareSort } from '../../contract/compare.contract';
import { ranks } from './figures';

/**
 * Whether organisations are ranked by a measure. A count (no denominator, such as overdue reviews) mostly follows list
 * size, so "20 of 20" would say the practice is large, not that it does badly: counts are not ranked.
 */
export const isRanked = (measure: MeasureDefinition): boolean => measure.unit !== 'count';

/** The value organisations are ranked by: the rate; null (no rank) for a count. */
export const rankValue = (measure: MeasureDefinition, f: { rate: number | null }): number | null => (isRanked(measure) ? f.rate : null);

/** Each compare row's rank: by change when `byChange`, else by rate, in the measure's direction; none for a count. */
export function compareRanks(measure: MeasureDefinition, rows: readonly CompareRow[], byChange: boolean): (number | null)[] {
  if (!isRanked(measure)) return rows.map(() => null);
  return ranks(rows.map((r) => (byChange ? (r.change?.difference ?? null) : r.rate)), measure.direction);
}

const nullsLast = (a: number | null, b: number | null, sign: number): number => (a === null ? (b === null ? 0 : 1) : b === null ? -1 : sign * (a - b));

/**
 * Sorts compare rows in place. `rank` puts rank 1 first, ties and then unranked rows by name. A count has no rank, so
 * `rank` lists it by count, most first, then by name: a network manager reads the practices with the most overdue
 * reviews first, as that is where the work is, without a rank number that mostly measures list size.
 */
export function sortCompareRows(rows: CompareRow[], sort: CompareSort, measure: MeasureDefinition): void {
  const byName = (a: CompareRow, b: CompareRow) => a.name.localeCompare(b.name);
  const compare: Record<CompareSort, (a: CompareRow, b: CompareRow) => number> = {
    rank: isRanked(measure) ? (a, b) => nullsLast(a.rank, b.rank, 1) || byName(a, b) : (a, b) => nullsLast(a.numerator, b.numerator, -1) || byName(a, b),
    rate: (a, b) => nullsLast(a.rate, b.rate, 1) || a.code.localeCompare(b.code),
    '-rate': (a, b) => nullsLast(a.rate, b.rate, -1) || a.code.localeCompare(b.code),
    name: (a, b) => a.name.localeCompare(b.name) || a.code.localeCompare(b.code),
    code: (a, b) => a.code.localeCompare(b.code),
    denominator: (a, b) => nullsLast(a.denominator, b.denominator, 1) || a.code.localeCompare(b.code),
    '-denominator': (a, b) => nullsLast(a.denominator, b.denominator, -1) || a.code.localeCompare(b.code),
    change: (a, b) => nullsLast(a.change?.difference ?? null, b.change?.difference ?? null, 1) || a.code.localeCompare(b.code),
    '-change': (a, b) => nullsLast(a.change?.difference ?? null, b.change?.difference ?? null, -1) || a.code.localeCompare(b.code),
  };
  rows.sort(compare[sort]);
}
