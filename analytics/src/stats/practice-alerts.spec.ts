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
    expect(practiceAlert(months(14, steady, ['2026-10']), 'higher_is_better')).toEqual({ reasons: ['outside_limit_first_time'], spcRules: [] });
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
    expect(practiceAlert(drop, 'higher_is_better')).toEqual({ reasons: ['special_cause_deterioration'], spcRules: ['outside_limits'] });
    // Where lower is better, the same fall is an improvement; where neither is, nothing is an alert.
    expect(practiceAlert(drop, 'lower_is_better').reasons).toEqual([]);
    expect(practiceAlert(months(12, (i) => (i === 11 ? 40 : steady(i)), ['2026-10']), 'neither').reasons).toEqual([]);
  });

  it('gives both reasons together, and no chart from fewer than 12 months', () => {
    const both = practiceAlert(months(12, (i) => (i === 11 ? 40 : steady(i)), ['2026-10']), 'higher_is_better');
    expect(both.reasons).toEqual(['outside_limit_first_time', 'special_cause_deterioration']);
    const short = months(11, (i) => (i === 10 ? 40 : steady(i)));
    expect(practiceAlert(short, 'higher_is_better').reasons).toEqual([]);
    expect(practiceAlert([], 'higher_is_better')).toEqual({ reasons: [], spcRules: [] });
  });
});
