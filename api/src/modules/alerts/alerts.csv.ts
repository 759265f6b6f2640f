import type { AlertList } from '../../contract/alerts.contract';
import type { CsvTable } from '../../common/csv-export.interceptor';

/** The alerts of a list as rows, one per practice and measure; reasons and rules each joined by ';'. */
export function alertsCsv(list: AlertList): CsvTable {
  return {
    // Named by what it holds, so that two downloads of one area do not clash.
    name: ['alerts', list.area?.code ?? 'all', list.measure, list.reason, list.judgedMonth].filter((part) => part !== null).join('-'),
    header: ['practice_code', 'practice_name', 'icb_code', 'measure', 'month', 'rate', 'benchmark_rate', 'limit_998', 'reasons', 'spc_rules'],
    rows: list.alerts.map((a) => [
      a.practice.code,
      a.practice.name,
      a.icbCode,
      a.measure,
      a.month,
      a.rate,
      a.benchmarkRate,
      a.limit,
      a.reasons.join(';'),
      a.spcRules.join(';'),
    ]),
  };
}
