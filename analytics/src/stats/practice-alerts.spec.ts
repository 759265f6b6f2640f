import { practiceAlert, type AlertMonth } from './practice-alerts';

/** `count` consecutive months ending 2026-10, rates from `rate(i)`, worse than the limit in the months listed. */
function months(count: number, rate: (i: number) => number, worse: string[] = []): AlertMonth[] {
  const last = 2026 * 12 + 9;
  return Array.from({ length: count }, (_, i) => {
    const index = last - (count - 1) + i;
    const month = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
    return { month, rate: rate(i), worseThanLimit: worse.includes(month) };
  });
}

// 50, 52, 50, 52 …: mean 51, every moving range 2, limits 51 ± 5.32, two-thirds lines 51 ± 3.55;
// signs alternate, so no run, no trend, and no special cause at all.
const steady = (i: number) => (i % 2 === 0 ? 50 : 52);

describe('practiceAlert', () => {
  it('alerts when the latest month is worse than the 99.8% limit for the first time in 12 months', () => {
    expect(practiceAlert(months(14, steady, ['2026-10']), 'higher_is_better')).toEqual({ month: '2026-10', reasons: ['outside_limit_first_time'], spcRules: [] });
    // 2025-10 is 12 months before 2026-10: inside the look-back, so the flag is not new.
    expect(practiceAlert(months(14, steady, ['2025-10', '2026-10']), 'higher_is_better').reasons).toEqual([]);
    // 2025-09 is 13 months before: outside it, so the flag is new again.
    expect(practiceAlert(months(14, steady, ['2025-09', '2026-10']), 'higher_is_better').reasons).toEqual(['outside_limit_first_time']);
    expect(practiceAlert(months(14, steady, ['2026-09']), 'higher_is_better').reasons).toEqual([]);
  });

  it('alerts on special-cause deterioration in the latest month of the XmR chart', () => {
    // 50, 52 … 50 (11 months), then 40.  Mean = (6·50 + 5·52 + 40)/12 = 600/12 = 50;
    // moving ranges ten of 2 and one of 10, mean 30/11 = 2.727273; lower limit 50 − 2.66 × 2.727273
    // = 42.745455, and 40 is below it. Lower two-thirds line 45.163636: only 40 beyond it (no 2-of-3);
    // the points at 50 sit on the mean and break any run.
    const drop = months(12, (i) => (i === 11 ? 40 : steady(i)));
    expect(practiceAlert(drop, 'higher_is_better')).toEqual({ month: '2026-10', reasons: ['special_cause_deterioration'], spcRules: ['outside_limits'] });
    // Where lower is better, the same fall is an improvement; where neither is, nothing is an alert.
    expect(practiceAlert(drop, 'lower_is_better').reasons).toEqual([]);
    expect(practiceAlert(months(12, (i) => (i === 11 ? 40 : steady(i)), ['2026-10']), 'neither').reasons).toEqual([]);
  });

  it('gives both reasons together, and no chart from fewer than 12 months', () => {
    const both = practiceAlert(months(12, (i) => (i === 11 ? 40 : steady(i)), ['2026-10']), 'higher_is_better');
    expect(both.reasons).toEqual(['outside_limit_first_time', 'special_cause_deterioration']);
    const short = months(11, (i) => (i === 10 ? 40 : steady(i)));
    expect(practiceAlert(short, 'higher_is_better').reasons).toEqual([]);
    expect(practiceAlert([], 'higher_is_better')).toEqual({ month: null, reasons: [], spcRules: [] });
  });

  it('judges the latest final month, leaving provisional months out of the look-back and the chart', () => {
    // 2025-10 … 2026-09 at 50, 52 … 52, then 2026-10 at 40, beyond the limit. All final, 2026-10 is judged: beyond
    // the limit for the first time, and on the chart of 13 months (mean 652/13 = 50.153846, moving ranges eleven of 2
    // and one of 12, mean 34/12 = 2.833333, lower limit 50.153846 − 7.536667 = 42.617179) 40 is below the limit.
    const drop = months(13, (i) => (i === 12 ? 40 : steady(i)), ['2026-10']);
    expect(practiceAlert(drop, 'higher_is_better')).toEqual({ month: '2026-10', reasons: ['outside_limit_first_time', 'special_cause_deterioration'], spcRules: ['outside_limits'] });
    // 2026-10 provisional: left out, the month judged is 2026-09 (52, within the limit) on the chart of the 12 final
    // months, which alternate 50, 52 and have no special cause: no alert.
    const provisional = (list: AlertMonth[]) => list.map((m) => (m.month === '2026-10' ? { ...m, provisional: true } : m));
    expect(practiceAlert(provisional(drop), 'higher_is_better')).toEqual({ month: '2026-09', reasons: [], spcRules: [] });
    // A final month still alerts under a provisional one: 2026-09 beyond the limit, for the first time in 12 months.
    const finalFlag = provisional(months(13, (i) => (i === 12 ? 40 : steady(i)), ['2026-09', '2026-10']));
    expect(practiceAlert(finalFlag, 'higher_is_better')).toEqual({ month: '2026-09', reasons: ['outside_limit_first_time'], spcRules: [] });
    // Only provisional months: nothing to judge.
    expect(practiceAlert([{ month: '2026-10', rate: 40, worseThanLimit: true, provisional: true }], 'higher_is_better')).toEqual({ month: null, reasons: [], spcRules: [] });
  });
});
