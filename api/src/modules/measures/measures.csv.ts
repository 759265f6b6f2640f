import type { CompareResponse } from '../../contract/compare.contract';
import type { DecilesResponse } from '../../contract/deciles.contract';
import type { SeriesResponse } from '../../contract/series.contract';
import type { SummaryResponse } from '../../contract/summary.contract';
import type { CsvTable } from '../../common/csv-export.interceptor';

export function seriesCsv(s: SeriesResponse): CsvTable {
  return {
    name: `${s.measure}-${s.org.code}-series`,
    header: ['measure', 'org', 'breakdown', 'month', 'numerator', 'denominator', 'rate', 'ci_low', 'ci_high', 'suppressed', 'parent_rate', 'england_rate', 'provisional'],
    rows: s.lines.flatMap((line) =>
      line.points.map((p) => [s.measure, s.org.code, line.breakdown, p.month, p.numerator, p.denominator, p.rate, p.ciLow, p.ciHigh, p.suppressed, p.parentRate, p.englandRate, p.provisional === true]),
    ),
  };
}

/** `2024-01 to 2024-03`, or `2024-03` for one month. */
const monthsOf = (first: string, last: string) => (first === last ? first : `${first} to ${last}`);

export function compareCsv(c: CompareResponse): CsvTable {
  return {
    name: `${c.measure}-${c.level}-${c.month}-compare`,
    // With a change, its two periods and their figures travel beside it (a 3-month count's are averages a month), so that
    // a download says what was compared with what; empty without one.
    header: [
      'measure', 'month', 'code', 'name', 'level', 'numerator', 'denominator', 'rate', 'ci_low', 'ci_high', 'low_998', 'high_998', 'flag', 'rank',
      'change_earlier_months', 'change_earlier', 'change_later_months', 'change_later', 'change', 'change_ci_low', 'change_ci_high', 'provisional',
    ],
    rows: c.rows.map((r) => [
      c.measure, c.month, r.code, r.name, r.level, r.numerator, r.denominator, r.rate, r.ciLow, r.ciHigh, r.limits?.low998 ?? null, r.limits?.high998 ?? null, r.flag, r.rank,
      r.change ? monthsOf(r.change.fromFirstMonth, r.change.fromMonth) : null, r.change?.previousRate ?? null,
      r.change ? monthsOf(r.change.toFirstMonth, r.change.toMonth) : null, r.change?.currentRate ?? null,
      r.change?.difference ?? null, r.change?.low ?? null, r.change?.high ?? null, c.provisional === true,
    ]),
  };
}

export function decilesCsv(d: DecilesResponse): CsvTable {
  return {
    // The practices the deciles are spread over (England's by default, or an area or group asked for) travel with them.
    name: `${d.measure}-${d.within.code}-deciles`,
    header: ['measure', 'within', 'month', 'p10', 'p20', 'p30', 'p40', 'p50', 'p60', 'p70', 'p80', 'p90', 'practices', 'org_rate', 'provisional'],
    rows: d.months.map((m) => [d.measure, d.within.code, m.month, ...Array.from({ length: 9 }, (_, i) => m.deciles[i] ?? null), m.practices, m.orgRate, m.provisional === true]),
  };
}

export function summaryCsv(s: SummaryResponse): CsvTable {
  return {
    name: `${s.org.code}-${s.month}-summary`,
    header: ['org', 'month', 'measure', 'numerator', 'denominator', 'rate', 'ci_low', 'ci_high', 'parent_rate', 'england_rate', 'change_12m', 'rank', 'of', 'provisional'],
    rows: s.cards.map((c) => [s.org.code, s.month, c.measure, c.numerator, c.denominator, c.rate, c.ciLow, c.ciHigh, c.parentRate, c.englandRate, c.change?.difference ?? null, c.peers.rank, c.peers.of, c.provisional === true]),
  };
}
