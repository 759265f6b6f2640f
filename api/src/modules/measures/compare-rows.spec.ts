import { findMeasure, type MeasureDefinition } from '@pcsp/analytics';
import type { CompareRow, RateChangeValue } from '../../contract/compare.contract';
import { compareRanks, isRanked, rankValue, sortCompareRows } from './compare-rows';
import { figuresOf, ranks } from './figures';

const measure = (id: string): MeasureDefinition => {
  const found = findMeasure(id);
  if (!found) throw new Error(`no measure ${id}`);
  return found;
};
const overdueReviews = measure('overdue_reviews'); // a count, lower is better
const planCoverage = measure('plan_coverage'); // %, higher is better
const pcaRate = measure('pca_rate'); // %, lower is better

// 50% a year before, so the current rate is 50 + the difference (previousRate and currentRate null without one).
const change = (difference: number | null): RateChangeValue => ({
  period: '12m',
  fromFirstMonth: '2023-05',
  fromMonth: '2023-05',
  toFirstMonth: '2024-05',
  toMonth: '2024-05',
  previousRate: difference === null ? null : 50,
  currentRate: difference === null ? null : 50 + difference,
  difference,
  low: null,
  high: null,
  significance: null,
});

function row(code: string, name: string, numerator: number | null, denominator: number | null, difference: number | null = null): CompareRow {
  return {
    code,
    name,
    level: 'practice',
    parentCode: 'U11111',
    closed: false,
    numerator,
    denominator,
    rate: numerator === null || denominator === null ? null : (100 * numerator) / denominator,
    ciLow: null,
    ciHigh: null,
    limits: null,
    flag: null,
    comparison: null,
    rank: null,
    change: difference === null ? null : change(difference),
  };
}

/** Ranks as the service gives them, then sorted: [code, rank] in order. */
function ranked(m: MeasureDefinition, rows: CompareRow[], byChange = false, sort: 'rank' | 'name' = 'rank'): [string, number | null][] {
  compareRanks(m, rows, byChange).forEach((rank, i) => (rows[i].rank = rank));
  sortCompareRows(rows, sort, m);
  return rows.map((r) => [r.code, r.rank]);
}

describe('ranking among peers: rates are ranked, counts are not', () => {
  it('ranks a rate and not a count', () => {
    expect([isRanked(planCoverage), isRanked(pcaRate), isRanked(overdueReviews)]).toEqual([true, true, false]);
    // A count's 471 would have ranked it; now there is no value to rank by. 6/10 ranks by 60%.
    expect(rankValue(overdueReviews, figuresOf(overdueReviews, { numerator: 471, denominator: null }))).toBeNull();
    expect(rankValue(planCoverage, figuresOf(planCoverage, { numerator: 6, denominator: 10 }))).toBe(60);
  });

  it('gives a report card no rank for a count: the peer standing ranks nothing, of 0', () => {
    // peerStanding: values are rankValue of each peer's figures, `of` those not null. Practices with 471, 12 and 3
    // overdue reviews: no values, so no ranks, of 0 (the card says not ranked); 6/10 = 60%, 1/4 = 25%, 5/5 = 100% rank
    // 2, 3, 1 of 3.
    const counts = [471, 12, 3].map((numerator) => rankValue(overdueReviews, figuresOf(overdueReviews, { numerator, denominator: null })));
    expect([ranks(counts, overdueReviews.direction), counts.filter((v) => v !== null).length]).toEqual([[null, null, null], 0]);
    const rates = [[6, 10], [1, 4], [5, 5]].map(([numerator, denominator]) => rankValue(planCoverage, figuresOf(planCoverage, { numerator, denominator })));
    expect([ranks(rates, planCoverage.direction), rates.filter((v) => v !== null).length]).toEqual([[2, 3, 1], 3]);
  });

  it('lists a count by count, most first, then by name, with no rank', () => {
    // 471 > 12 = 12 > 3 > none: Bay (12) before Cove (12) by name; the practice with no count last.
    const rows = [row('P3', 'Dale Surgery', 3, null), row('P2', 'Cove Practice', 12, null), row('P0', 'Ash Lane', null, null), row('P1', 'Bay Health', 12, null), row('P4', 'Elm Road', 471, null)];
    expect(ranked(overdueReviews, rows)).toEqual([['P4', null], ['P1', null], ['P2', null], ['P3', null], ['P0', null]]);
  });

  it('gives a count no rank by change either, yet still lists it by count', () => {
    // Changes −5, +40, +2 would rank by change; a count has none, and sort=rank lists 9, 30, 20 as 30, 20, 9.
    const rows = [row('P1', 'Bay Health', 9, null, -5), row('P2', 'Cove Practice', 30, null, 40), row('P3', 'Dale Surgery', 20, null, 2)];
    expect(ranked(overdueReviews, rows, true)).toEqual([['P2', null], ['P3', null], ['P1', null]]);
  });

  it('keeps other orders for a count: by name', () => {
    const rows = [row('P2', 'Cove Practice', 30, null), row('P1', 'Bay Health', 9, null)];
    expect(ranked(overdueReviews, rows, false, 'name')).toEqual([['P1', null], ['P2', null]]);
  });

  it('still ranks a rate: higher first where higher is better, lower first where lower is better, ties sharing a rank', () => {
    // 6/10 = 60%, 1/4 = 25%, 5/5 = 100%, 3/5 = 60%: plan coverage 100 (1), 60 and 60 (2, by name Bay then Cove), 25 (4).
    const coverage = [row('P1', 'Cove Practice', 6, 10), row('P2', 'Dale Surgery', 1, 4), row('P3', 'Elm Road', 5, 5), row('P4', 'Bay Health', 3, 5)];
    expect(ranked(planCoverage, coverage)).toEqual([['P3', 1], ['P4', 2], ['P1', 2], ['P2', 4]]);
    // The same rates for PCA (lower is better): 25 (1), 60 and 60 (2), 100 (4).
    const pca = [row('P1', 'Cove Practice', 6, 10), row('P2', 'Dale Surgery', 1, 4), row('P3', 'Elm Road', 5, 5), row('P4', 'Bay Health', 3, 5)];
    expect(ranked(pcaRate, pca)).toEqual([['P2', 1], ['P4', 2], ['P1', 2], ['P3', 4]]);
  });

  it('ranks a rate by change when asked: the largest rise first where higher is better', () => {
    // Rises 40, 25 and none: 40 ranks 1, 25 ranks 2, the practice with no change is unranked, last.
    const rows = [row('P1', 'Cove Practice', 1, 4, 25), row('P2', 'Bay Health', 6, 10, null), row('P3', 'Dale Surgery', 6, 10, 40)];
    expect(ranked(planCoverage, rows, true)).toEqual([['P3', 1], ['P1', 2], ['P2', null]]);
  });
});
